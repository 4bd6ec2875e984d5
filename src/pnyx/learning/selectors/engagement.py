"""Reads of engagement records: a learner's own entries, the entries they share publicly, the
entries a committee was sent, and the entry a referee's link names."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from pnyx.learning.models import (
    ApplicationStatus,
    CommitteeMember,
    CreditApplication,
    EngagementEntry,
    EngagementSource,
)
from pnyx.orgs.models import Organisation

#: The source key of the entry Pnyx keeps for a consultation.
PROCESS_KEY = "participation.process:%(id)s"


def _active_applications() -> QuerySet[CreditApplication]:
    """Applications that still rest on their entries (every one but a withdrawn one)."""
    return CreditApplication.objects.exclude(status=ApplicationStatus.WITHDRAWN)


def _with_in_use(queryset: QuerySet[EngagementEntry]) -> QuerySet[EngagementEntry]:
    """Annotate `in_use`: an application that was not withdrawn rests on the entry."""
    using = _active_applications().filter(entries=OuterRef("pk"))
    return queryset.annotate(in_use=Exists(using))


def engagement_entries_for_learner(*, learner: Any) -> QuerySet[EngagementEntry]:
    """The learner's own entries, newest start first, with `in_use` annotated; for the learner
    only (the page and the API check that the viewer is the learner)."""
    entries = EngagementEntry.objects.filter(learner=learner).select_related("organisation")
    return _with_in_use(entries).order_by("-started_on", "-pk")


def engagement_entry_get_own(*, learner: Any, pk: int) -> EngagementEntry | None:
    """One of the learner's entries with `in_use` annotated; None for someone else's."""
    if not getattr(learner, "pk", None):
        return None
    entries = EngagementEntry.objects.filter(learner=learner, pk=pk).select_related("organisation")
    return _with_in_use(entries).first()


def engagement_entry_get(*, pk: int) -> EngagementEntry | None:
    """Any entry with its learner (permission checks decide who sees it)."""
    return EngagementEntry.objects.select_related("learner", "organisation").filter(pk=pk).first()


def engagement_entry_in_use(*, entry: EngagementEntry) -> bool:
    """Whether an application that was not withdrawn rests on the entry (read fresh unless the
    entry came annotated)."""
    annotated = getattr(entry, "in_use", None)
    if annotated is not None:
        return bool(annotated)
    return _active_applications().filter(entries=entry).exists()


def engagement_entry_sent_to_committee_of(*, user: Any, entry: EngagementEntry) -> bool:
    """Whether the entry is attached to an application (not withdrawn) to a partner on whose
    committee `user` sits: their committee may then open it and its evidence."""
    if not getattr(user, "pk", None):
        return False
    committees = CommitteeMember.objects.filter(person=user).values("partner_id")
    return _active_applications().filter(entries=entry, partner_id__in=committees).exists()


def engagement_entry_ids_of(*, learner: Any, ids: list[int]) -> list[EngagementEntry]:
    """The learner's own entries among `ids` (others' and unknown ids are left out)."""
    return list(EngagementEntry.objects.filter(learner=learner, pk__in=ids).order_by("pk"))


def engagement_kept_entries(*, learner: Any) -> dict[str, EngagementEntry]:
    """The entries Pnyx keeps for the learner, by source key, with `in_use` annotated."""
    entries = EngagementEntry.objects.filter(learner=learner, source=EngagementSource.PNYX)
    return {entry.source_key: entry for entry in _with_in_use(entries)}


def engagement_person_get(*, pk: int) -> Any:
    """The active person whose public record page this is; None for unknown or inactive ones."""
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def engagement_shared_for_person(*, person: Any) -> QuerySet[EngagementEntry]:
    """The entries the person chose to share, newest start first; public."""
    return (
        EngagementEntry.objects.filter(learner=person, shared=True)
        .select_related("organisation")
        .order_by("-started_on", "-pk")
    )


def engagement_entry_by_referee_hash(*, token_hash: str) -> EngagementEntry | None:
    """The entry whose referee link has this SHA-256, with its learner; None once used."""
    if not token_hash:
        return None
    return (
        EngagementEntry.objects.select_related("learner", "organisation")
        .filter(referee_token_hash=token_hash)
        .first()
    )


def organisation_get_by_slug(*, slug: str) -> Organisation | None:
    """The organisation on Pnyx with this address name, or None."""
    return Organisation.objects.filter(slug=slug).first() if slug else None
