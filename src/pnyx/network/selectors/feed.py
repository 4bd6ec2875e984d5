"""A person's feed: what is new around what they follow, newest first.

Nothing is copied into a feed table. Each source (new tools, edits of followed tools, practices,
usages, reviews, consultations, news) is asked for its newest rows matching the follows, at most
as many as the pages up to the one asked for hold; the rows are merged in Python in a stable order
(date, then kind, then id, newest first) and the page is cut from the merge. A page therefore
costs a fixed number of queries, whatever the number of follows, and no page past `MAX_PAGES` is
served.

The personal Atom feed is read without a session: its address carries a token derived from the
person's id and the site's secret key (no storage, so it cannot be reset on its own; changing the
secret key resets every token).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.core.text import plain_text
from pnyx.network.models import NewsPost
from pnyx.network.selectors.follows import Followed, followed_by
from pnyx.orgs.models import Organisation
from pnyx.participation.models import Process, ProcessStatus
from pnyx.toolbox.models import Practice, Review, Revision, RevisionState, Tool, Usage

#: The deepest page served: a feed is for what is new, the catalog and the lists hold the rest.
MAX_PAGES = 25
#: Kinds of item, with their label.
KIND_LABELS = {
    "tool": gettext_lazy("New tool"),
    "tool_edit": gettext_lazy("Tool updated"),
    "practice": gettext_lazy("New practice"),
    "usage": gettext_lazy("Tool in use"),
    "review": gettext_lazy("Tool review"),
    "consultation": gettext_lazy("Consultation"),
    "news": gettext_lazy("News"),
}
SUMMARY_MAX_LENGTH = 300
_TOKEN_SALT = "pnyx.network.feed-token"  # noqa: S105 - a salt, not a secret
_TOPICS = Prefetch("topics", queryset=Topic.objects.order_by("slug"))


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: what happened, when, where to read it, by which organisation."""

    kind: str
    pk: int
    date: datetime
    title: str
    url: str
    summary: str
    organisation: Organisation | None
    topics: tuple[Topic, ...]

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def sort_key(self) -> tuple[datetime, str, int]:
        return (self.date, self.kind, self.pk)


@dataclass(frozen=True)
class FeedPage:
    """One page of a feed; `number` is 1-based."""

    items: list[FeedItem]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(value: Any) -> int:
    """The page asked for, between 1 and `MAX_PAGES`; 1 for anything malformed."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 4:
        return 1
    return min(max(int(text), 1), MAX_PAGES)


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) <= SUMMARY_MAX_LENGTH:
        return text
    return text[: SUMMARY_MAX_LENGTH - 1].rstrip() + "…"


def _either(conditions: Iterable[Q | None]) -> Q | None:
    """The OR of the conditions given (None where a kind of follow is missing)."""
    found: Q | None = None
    for condition in conditions:
        if condition is not None:
            found = condition if found is None else found | condition
    return found


def _on_topics(model: Any, column: str, topics: frozenset[int]) -> Q | None:
    if not topics:
        return None
    through = model.topics.through.objects.filter(
        **{column: OuterRef("pk")}, topic_id__in=sorted(topics)
    )
    return Q(Exists(through))


def _in(column: str, ids: frozenset[int]) -> Q | None:
    return Q(**{f"{column}__in": sorted(ids)}) if ids else None


def _tools(followed: Followed, limit: int) -> list[FeedItem]:
    condition = _on_topics(Tool, "tool_id", followed.topics)
    if condition is None:
        return []
    rows = Tool.objects.filter(condition).prefetch_related(_TOPICS)
    return [
        FeedItem(
            kind="tool",
            pk=tool.pk,
            date=tool.created_at,
            title=tool.name,
            url=tool.get_absolute_url(),
            summary=_short(tool.summary),
            organisation=None,
            topics=tuple(tool.topics.all()),
        )
        for tool in rows.order_by("-created_at", "-pk")[:limit]
    ]


def _tool_edits(followed: Followed, limit: int) -> list[FeedItem]:
    if not followed.tools:
        return []
    # A revision proposed before its tool existed is the one that created it, not an edit.
    rows = (
        Revision.objects.filter(
            state=RevisionState.APPROVED,
            tool_id__in=sorted(followed.tools),
            reviewed_at__isnull=False,
            created_at__gt=F("tool__created_at"),
        )
        .select_related("tool")
        .prefetch_related(Prefetch("tool__topics", queryset=Topic.objects.order_by("slug")))
    )
    items = []
    for revision in rows.order_by("-reviewed_at", "-pk")[:limit]:
        tool = revision.tool
        if tool is None or revision.reviewed_at is None:  # excluded by the filter
            continue
        items.append(
            FeedItem(
                kind="tool_edit",
                pk=revision.pk,
                date=revision.reviewed_at,
                title=tool.name,
                url=tool.get_absolute_url(),
                summary=_short(revision.comment),
                organisation=None,
                topics=tuple(tool.topics.all()),
            )
        )
    return items


def _practices(followed: Followed, limit: int) -> list[FeedItem]:
    by_tools = None
    if followed.tools:
        uses = Practice.tools.through.objects.filter(
            practice_id=OuterRef("pk"), tool_id__in=sorted(followed.tools)
        )
        by_tools = Q(Exists(uses))
    condition = _either(
        [
            _on_topics(Practice, "practice_id", followed.topics),
            _in("organisation_id", followed.organisations),
            by_tools,
        ]
    )
    if condition is None:
        return []
    rows = Practice.objects.filter(condition).select_related("organisation")
    return [
        FeedItem(
            kind="practice",
            pk=practice.pk,
            date=practice.created_at,
            title=practice.title,
            url=practice.get_absolute_url(),
            summary=_short(practice.summary),
            organisation=practice.organisation,
            topics=tuple(practice.topics.all()),
        )
        for practice in rows.prefetch_related(_TOPICS).order_by("-created_at", "-pk")[:limit]
    ]


def _usages(followed: Followed, limit: int) -> list[FeedItem]:
    condition = _either(
        [_in("organisation_id", followed.organisations), _in("tool_id", followed.tools)]
    )
    if condition is None:
        return []
    rows = Usage.objects.filter(condition).select_related("organisation", "tool")
    return [
        FeedItem(
            kind="usage",
            pk=usage.pk,
            date=usage.created_at,
            title=_("%(organisation)s uses %(tool)s")
            % {"organisation": usage.organisation.name, "tool": usage.tool.name},
            url=usage.tool.get_absolute_url(),
            summary=_short(usage.purpose),
            organisation=usage.organisation,
            topics=(),
        )
        for usage in rows.order_by("-created_at", "-pk")[:limit]
    ]


def _reviews(followed: Followed, limit: int) -> list[FeedItem]:
    condition = _either(
        [_in("organisation_id", followed.organisations), _in("tool_id", followed.tools)]
    )
    if condition is None:
        return []
    rows = Review.objects.filter(condition).select_related("organisation", "tool")
    return [
        FeedItem(
            kind="review",
            pk=review.pk,
            date=review.created_at,
            title=_("%(organisation)s rates %(tool)s %(rating)s out of 5")
            % {
                "organisation": review.organisation.name,
                "tool": review.tool.name,
                "rating": review.rating,
            },
            url=review.tool.get_absolute_url(),
            summary=_short(review.text),
            organisation=review.organisation,
            topics=(),
        )
        for review in rows.order_by("-created_at", "-pk")[:limit]
    ]


def _consultations(followed: Followed, limit: int) -> list[FeedItem]:
    condition = _either(
        [
            _on_topics(Process, "process_id", followed.topics),
            _in("organisation_id", followed.organisations),
        ]
    )
    if condition is None:
        return []
    rows = (
        Process.objects.filter(condition, published_at__isnull=False)
        .exclude(status=ProcessStatus.DRAFT)
        .select_related("organisation")
        .prefetch_related(_TOPICS)
    )
    items = []
    for process in rows.order_by("-published_at", "-pk")[:limit]:
        if process.published_at is None:  # excluded by the filter
            continue
        items.append(
            FeedItem(
                kind="consultation",
                pk=process.pk,
                date=process.published_at,
                title=process.title,
                url=process.get_absolute_url(),
                summary=_short(process.summary),
                organisation=process.organisation,
                topics=tuple(process.topics.all()),
            )
        )
    return items


def news_items(posts: Iterable[NewsPost]) -> list[FeedItem]:
    """News posts as feed items (organisation and topics loaded with them)."""
    return [
        FeedItem(
            kind="news",
            pk=post.pk,
            date=post.created_at,
            title=post.title,
            url=post.get_absolute_url(),
            summary=plain_text(post.body, SUMMARY_MAX_LENGTH),
            organisation=post.organisation,
            topics=tuple(post.topics.all()),
        )
        for post in posts
    ]


def _news(followed: Followed, limit: int) -> list[FeedItem]:
    condition = _either(
        [
            _on_topics(NewsPost, "newspost_id", followed.topics),
            _in("organisation_id", followed.organisations),
            _in("author_id", followed.people),
        ]
    )
    if condition is None:
        return []
    rows = NewsPost.objects.filter(condition).select_related("organisation")
    return news_items(rows.prefetch_related(_TOPICS).order_by("-created_at", "-pk")[:limit])


_SOURCES: tuple[Callable[[Followed, int], list[FeedItem]], ...] = (
    _tools,
    _tool_edits,
    _practices,
    _usages,
    _reviews,
    _consultations,
    _news,
)


def feed_page(*, followed: Followed, page: int = 1, page_size: int | None = None) -> FeedPage:
    """One page of what is new around `followed` (at most 12 queries, none without follows).

    `page` is clamped to 1…`MAX_PAGES`.
    """
    size = page_size or settings.PNYX_PAGE_SIZE
    number = min(max(page, 1), MAX_PAGES)
    # One more than the pages up to this one hold, to know whether another page follows.
    limit = number * size + 1
    merged: list[FeedItem] = []
    if followed:
        for source in _SOURCES:
            merged.extend(source(followed, limit))
    merged.sort(key=lambda item: item.sort_key, reverse=True)
    start = (number - 1) * size
    return FeedPage(
        items=merged[start : start + size],
        number=number,
        has_next=len(merged) > start + size and number < MAX_PAGES,
    )


def feed_for_user(*, user: Any, page: int = 1, page_size: int | None = None) -> FeedPage:
    """One page of the person's feed (at most 13 queries, whatever they follow)."""
    return feed_page(followed=followed_by(user=user), page=page, page_size=page_size)


def news_for_topic(*, topic: Topic, limit: int) -> QuerySet[NewsPost]:
    """The newest news posts on a topic, with their organisation and topics."""
    on_topic = _on_topics(NewsPost, "newspost_id", frozenset({topic.pk}))
    return (
        NewsPost.objects.filter(on_topic)
        .select_related("organisation")
        .prefetch_related(_TOPICS)
        .order_by("-created_at", "-pk")[:limit]
    )


def _signature(pk: int) -> str:
    return salted_hmac(_TOKEN_SALT, str(pk), algorithm="sha256").hexdigest()[:32]


def feed_token(*, user: Any) -> str:
    """The secret part of the address of the person's Atom feed."""
    return f"{user.pk}-{_signature(user.pk)}"


def feed_user_for_token(*, token: str) -> User | None:
    """The active person whose Atom feed token this is, or None."""
    number, _dash, signature = token.partition("-")
    if not number.isdigit() or len(number) > 18 or not signature:
        return None
    if not constant_time_compare(signature, _signature(int(number))):
        return None
    return User.objects.filter(pk=int(number), is_active=True).first()
