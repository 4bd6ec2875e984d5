"""Atom feeds: every organisation's news, one organisation's, the news on one topic, and a
person's own feed at a secret address (feed readers have no session; see `selectors.feed`).

django.contrib.syndication writes the XML and escapes every text; a news post's content is its
Markdown rendered to sanitised HTML, sent as escaped HTML as Atom allows.
"""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.core.text import render_markdown
from pnyx.network.models import NewsPost
from pnyx.network.selectors.feed import FeedItem, feed_for_user, feed_user_for_token
from pnyx.network.selectors.news import news_list, organisation_get, topic_get
from pnyx.orgs.models import Organisation

#: How many entries a feed holds: readers poll often and keep what they saw.
ENTRIES = 50


class _NewsFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: NewsPost) -> str:
        return item.title

    def item_description(self, item: NewsPost) -> str:
        return str(render_markdown(item.body))

    def item_link(self, item: NewsPost) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: NewsPost) -> datetime:
        return item.created_at

    def item_updateddate(self, item: NewsPost) -> datetime:
        return item.updated_at

    def item_author_name(self, item: NewsPost) -> str:
        return item.organisation.name

    def item_categories(self, item: NewsPost) -> list[str]:
        return [topic.name for topic in item.topics.all()]


class NewsAtomFeed(_NewsFeed):
    """Every organisation's news, newest first."""

    def title(self) -> str:
        return _("News on Pnyx")

    def subtitle(self) -> str:
        return _("News that organisations of the open-government community publish on Pnyx.")

    def link(self) -> str:
        return reverse("network:news-list")

    def items(self) -> Any:
        return news_list()[:ENTRIES]


class OrganisationNewsAtomFeed(_NewsFeed):
    """One organisation's news."""

    def get_object(self, request: HttpRequest, slug: str) -> Organisation:
        organisation = organisation_get(slug=slug)
        if organisation is None:
            raise Http404("No such organisation.")
        return organisation

    def title(self, obj: Organisation) -> str:
        return _("News of %(name)s") % {"name": obj.name}

    def link(self, obj: Organisation) -> str:
        return f"{reverse('network:news-list')}?organisation={obj.slug}"

    def items(self, obj: Organisation) -> Any:
        return news_list(organisation=obj.slug)[:ENTRIES]


class TopicNewsAtomFeed(_NewsFeed):
    """The news on one topic."""

    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        topic = topic_get(slug=slug)
        if topic is None:
            raise Http404("No such topic.")
        return topic

    def title(self, obj: Topic) -> str:
        return _("News on %(name)s") % {"name": obj.name}

    def link(self, obj: Topic) -> str:
        return reverse("network:topic-detail", kwargs={"slug": obj.slug})

    def items(self, obj: Topic) -> Any:
        return news_list(topic=obj.slug)[:ENTRIES]


class PersonalAtomFeed(Feed):
    """A person's feed; the token in the address stands for the session."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # Personal: shared caches must not keep it, search engines must not list it.
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_object(self, request: HttpRequest, token: str) -> User:
        person = feed_user_for_token(token=token[:100])
        if person is None:
            raise Http404("No such feed.")
        return person

    def title(self, obj: User) -> str:
        return _("Pnyx feed of %(name)s") % {"name": obj.public_name}

    def link(self) -> str:
        return reverse("network:feed")

    def items(self, obj: User) -> list[FeedItem]:
        return feed_for_user(user=obj, page=1, page_size=ENTRIES).items

    def item_title(self, item: FeedItem) -> str:
        return f"{item.kind_label}: {item.title}"

    def item_description(self, item: FeedItem) -> str:
        return item.summary

    def item_link(self, item: FeedItem) -> str:
        return item.url

    def item_guid(self, item: FeedItem) -> str:
        return f"urn:pnyx:feed:{item.kind}:{item.pk}"

    def item_pubdate(self, item: FeedItem) -> datetime:
        return item.date

    def item_author_name(self, item: FeedItem) -> str | None:
        return item.organisation.name if item.organisation is not None else None

    def item_categories(self, item: FeedItem) -> list[str]:
        return [topic.name for topic in item.topics]
