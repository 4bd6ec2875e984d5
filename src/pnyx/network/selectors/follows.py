"""Reads behind following: what a follow button points at, whether the person follows it, and
what they follow, as a list for their page and as sets of ids for the feed.

A target is an organisation, a topic, a tool or an active person. Pages and the API name it by a
kind and a key: the slug of an organisation, a topic or a tool, the number of a person.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.network.models import Follow
from pnyx.orgs.models import Organisation
from pnyx.toolbox.models import Tool

#: The kinds of target, as pages and the API name them, with the field of `Follow` each fills.
FOLLOW_KINDS = ("organisation", "topic", "tool", "person")

#: How many follows of a person the feed reads; far beyond what one person follows by hand, and a
#: bound on the size of the feed's queries whatever happens.
FOLLOWS_READ = 2000

#: As long as the longest key (`Organisation.slug`).
KEY_MAX_LENGTH = 220

FollowTarget = Organisation | Topic | Tool | User


def follow_kind_of(target: Any) -> str:
    """The kind of a target ("organisation", "topic", "tool" or "person"); ValueError for
    anything else."""
    kinds: dict[type, str] = {
        Organisation: "organisation",
        Topic: "topic",
        Tool: "tool",
        User: "person",
    }
    for model, kind in kinds.items():
        if isinstance(target, model):
            return kind
    raise ValueError(f"Nothing can follow a {type(target).__name__}.")


def follow_key_of(target: FollowTarget) -> str:
    """The key that names a target in forms and the API: its slug, or a person's number."""
    if isinstance(target, User):
        return str(target.pk)
    return str(target.slug)


def follow_target_get(*, kind: str, key: str) -> FollowTarget | None:
    """The target of this kind with this key, or None (an unknown kind, a malformed key, an
    unknown or deactivated person). One query."""
    key = key.strip()[:KEY_MAX_LENGTH]
    if not key or "\x00" in key:  # no slug holds one, and PostgreSQL refuses them
        return None
    if kind == "organisation":
        return Organisation.objects.filter(slug=key).first()
    if kind == "topic":
        return Topic.objects.filter(slug=key).first()
    if kind == "tool":
        return Tool.objects.filter(slug=key).first()
    if kind == "person" and key.isdigit() and len(key) < 19:
        return User.objects.filter(pk=int(key), is_active=True).first()
    return None


def _target_filter(target: FollowTarget) -> dict[str, Any]:
    return {follow_kind_of(target): target}


def follow_exists(*, user: Any, target: FollowTarget) -> bool:
    """Whether the person follows the target (no query for a visitor, one otherwise)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, **_target_filter(target)).exists()


def follow_get(*, user: Any, target: FollowTarget) -> Follow | None:
    """The person's follow of the target, or None."""
    return Follow.objects.filter(user=user, **_target_filter(target)).first()


def follow_list_for_user(*, user: Any, kind: str = "") -> QuerySet[Follow]:
    """What the person follows, newest first, each with its target loaded (one query), or only
    the follows of one kind."""
    follows = Follow.objects.filter(user=user).select_related(
        "organisation", "topic", "tool", "person"
    )
    if kind in FOLLOW_KINDS:
        follows = follows.filter(**{f"{kind}__isnull": False})
    return follows.order_by("-created_at", "-pk")


@dataclass(frozen=True)
class Followed:
    """The ids of what a person follows, by kind: what the feed reads from."""

    organisations: frozenset[int] = field(default_factory=frozenset)
    topics: frozenset[int] = field(default_factory=frozenset)
    tools: frozenset[int] = field(default_factory=frozenset)
    people: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.organisations or self.topics or self.tools or self.people)


def followed_by(*, user: Any) -> Followed:
    """The ids of what the person follows (one query, at most `FOLLOWS_READ` follows, newest
    first); nothing for a visitor."""
    if not getattr(user, "is_authenticated", False):
        return Followed()
    rows = (
        Follow.objects.filter(user=user)
        .order_by("-created_at", "-pk")
        .values_list("organisation_id", "topic_id", "tool_id", "person_id")[:FOLLOWS_READ]
    )
    ids: tuple[set[int], set[int], set[int], set[int]] = (set(), set(), set(), set())
    for row in rows:
        for found, value in zip(ids, row, strict=True):
            if value is not None:
                found.add(value)
    return Followed(*(frozenset(found) for found in ids))


def follow_target(follow: Follow) -> FollowTarget | None:
    """What a follow points at (loaded with it by `follow_list_for_user`)."""
    return follow.organisation or follow.topic or follow.tool or follow.person
