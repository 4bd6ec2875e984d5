"""Reads of organisations' news: the public list with its filters, one post, and the
organisations a person may publish news for."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from pnyx.core.models import Topic
from pnyx.network.models import NewsPost
from pnyx.orgs.models import MembershipStatus, Organisation, Role

_TOPICS = Prefetch("topics", queryset=Topic.objects.order_by("slug"))


def with_news_display_data(posts: QuerySet[NewsPost]) -> QuerySet[NewsPost]:
    """Organisation and topics loaded up front: a page of posts costs two queries."""
    return posts.select_related("organisation").prefetch_related(_TOPICS)


def news_list(*, organisation: str = "", topic: str = "") -> QuerySet[NewsPost]:
    """Every news post, newest first, or those of one organisation (slug) or on one topic
    (slug)."""
    posts = NewsPost.objects.all()
    if "\x00" in organisation + topic:  # no slug holds one, and PostgreSQL refuses them
        return posts.none()
    if organisation:
        posts = posts.filter(organisation__slug=organisation)
    if topic:
        on_topic = NewsPost.topics.through.objects.filter(
            newspost_id=OuterRef("pk"), topic__slug=topic
        )
        posts = posts.filter(Exists(on_topic))
    return with_news_display_data(posts.order_by("-created_at", "-pk"))


def news_get(*, pk: int) -> NewsPost:
    """One news post with its organisation, author and topics; 404 when there is none."""
    post = with_news_display_data(NewsPost.objects.select_related("author")).filter(pk=pk).first()
    if post is None:
        raise Http404("No such news post.")
    return post


def news_organisations_for(*, user: Any) -> QuerySet[Organisation]:
    """The organisations whose news the person may publish, by name: those they actively
    administer, or every organisation for a platform administrator."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    if user.is_staff:
        return Organisation.objects.order_by("sort_name", "pk")
    return Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Role.ADMIN,
        memberships__status=MembershipStatus.ACTIVE,
    ).order_by("sort_name", "pk")


def organisation_get(*, slug: str) -> Organisation | None:
    """The organisation with this address name, or None."""
    if not slug or "\x00" in slug:
        return None
    return Organisation.objects.filter(slug=slug[:220]).first()


def topic_get(*, slug: str) -> Topic | None:
    """The topic with this slug, or None."""
    if not slug or "\x00" in slug:
        return None
    return Topic.objects.filter(slug=slug[:60]).first()


def news_filter_choices() -> list[tuple[str, str]]:
    """(slug, name) of the organisations that published news, by name, for the list's filter
    (at most 500)."""
    with_news = Organisation.objects.filter(
        Exists(NewsPost.objects.filter(organisation_id=OuterRef("pk")))
    )
    return list(with_news.order_by("sort_name", "pk").values_list("slug", "name")[:500])
