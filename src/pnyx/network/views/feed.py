"""The personal feed, the list of topics and a topic's page of what is new on it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.models import Topic
from pnyx.network.selectors.feed import feed_page, feed_token, page_number
from pnyx.network.selectors.follows import Followed, followed_by
from pnyx.network.selectors.news import topic_get


class FeedView(LoginRequiredMixin, View):
    """What is new around what the person follows, newest first; the address of its Atom feed."""

    def get(self, request: AuthenticatedRequest) -> HttpResponse:
        followed = followed_by(user=request.user)
        page = feed_page(followed=followed, page=page_number(request.GET.get("page")))
        token = feed_token(user=request.user)
        context = {
            "page": page,
            "follows_anything": bool(followed),
            "atom_url": request.build_absolute_uri(
                reverse("network:feed-atom", kwargs={"token": token})
            ),
        }
        return render(request, "network/feed.html", context)


class TopicListView(View):
    """Every topic, each leading to what is new on it."""

    def get(self, request: HttpRequest) -> HttpResponse:
        topics = sorted(Topic.objects.all(), key=lambda topic: topic.name.casefold())
        return render(request, "network/topic_list.html", {"topics": topics})


class TopicDetailView(View):
    """What is new on a topic: tools, practices, consultations and news, newest first."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        topic = topic_get(slug=slug)
        if topic is None:
            raise Http404("No such topic.")
        page = feed_page(
            followed=Followed(topics=frozenset({topic.pk})),
            page=page_number(request.GET.get("page")),
        )
        return render(request, "network/topic_detail.html", {"topic": topic, "page": page})
