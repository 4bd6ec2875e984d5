"""Reads of consultations shared by the listing, the management page, the header and the API.

Who sees what: published and archived consultations are public; a draft is seen only by those
who may change it (its organisation's administrators and platform administrators).
"""

import hashlib
import hmac
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.orgs.models import Membership, MembershipStatus, Organisation, Role
from pnyx.participation.models import Phase, Process, ProcessStatus, Proposition, Question

#: The listing's status filter: values and their labels.
STAGES = {
    "open": _("Open now"),
    "upcoming": _("Upcoming"),
    "finished": _("Finished"),
    "archived": _("Archived"),
}


#: A process's questions in their order. Explicit, because Question's default ordering starts
#: with its process, which makes the query join the process table to sort by its ordering.
_QUESTIONS = Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))


#: The votes a proposition holds, from its counters.
VOTES_OF_PROPOSITION = F("support_count") + F("agree_count") + F("disagree_count") + F("pass_count")


def with_vote_count(queryset: QuerySet[Process]) -> QuerySet[Process]:
    """Annotate `vote_count`: every vote cast in the process, the sum of its propositions'
    counters (each kept exact in the vote's transaction; withdrawn and hidden ones included)."""
    votes = (
        Proposition.objects.filter(process=OuterRef("pk"))
        .order_by()
        .values("process")
        .annotate(total=Sum(VOTES_OF_PROPOSITION))
        .values("total")
    )
    return queryset.annotate(vote_count=Coalesce(Subquery(votes), 0))


def process_vote_count(*, process: Process) -> int:
    """Every vote cast in the process (see `with_vote_count`)."""
    total = Proposition.objects.filter(process=process).aggregate(n=Sum(VOTES_OF_PROPOSITION))
    return int(total["n"] or 0)


def _phase_bound(aggregate: type[Min] | type[Max], column: str) -> Subquery:
    phases = Phase.objects.filter(process=OuterRef("pk")).order_by().values("process")
    return Subquery(phases.annotate(value=aggregate(column)).values("value")[:1])


def _with_display_data(queryset: QuerySet[Process]) -> QuerySet[Process]:
    """Organiser, phases and topics fetched up front: a page costs the same few queries."""
    return queryset.select_related("organisation").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("position", "starts_at", "pk")),
        Prefetch("topics", queryset=Topic.objects.order_by("slug")),
    )


def _filter_stage(queryset: QuerySet[Process], stage: str, at: datetime) -> QuerySet[Process]:
    if stage == "archived":
        return queryset.filter(status=ProcessStatus.ARCHIVED)
    queryset = queryset.filter(status=ProcessStatus.PUBLISHED).annotate(
        first_start=_phase_bound(Min, "starts_at"), last_end=_phase_bound(Max, "ends_at")
    )
    if stage == "open":
        return queryset.filter(first_start__lte=at, last_end__gt=at)
    if stage == "upcoming":
        return queryset.filter(first_start__gt=at)
    return queryset.filter(last_end__lte=at)


def process_list_visible(
    *,
    user: Any,
    q: str = "",
    topic: str = "",
    country: str = "",
    status: str = "",
    organisation: str = "",
) -> QuerySet[Process]:
    """Published and archived consultations matching the (already validated) filters.

    `status` is one of STAGES ("open": a phase has started and the last has not ended; "upcoming":
    no phase has started; "finished": every phase has ended; "archived"), `country` the organiser's
    country code, `organisation` the organiser's slug, `topic` a topic slug. Newest first, or most
    relevant first when `q` searches. Drafts never appear here (see `process_list_drafts`). `user`
    is accepted so that visibility rules can grow without changing the callers. Each consultation
    carries `vote_count` (see `with_vote_count`).
    """
    queryset = Process.objects.exclude(status=ProcessStatus.DRAFT)
    if topic:
        queryset = queryset.filter(Exists(Topic.processes.through.objects.filter(
            process_id=OuterRef("pk"), topic__slug=topic
        )))  # fmt: skip
    if country:
        queryset = queryset.filter(organisation__country=country)
    if organisation:
        queryset = queryset.filter(organisation__slug=organisation)
    if status in STAGES:
        queryset = _filter_stage(queryset, status, timezone.now())
    queryset = search.filter_queryset(queryset, q)
    if "search_rank" not in queryset.query.annotations:
        queryset = queryset.order_by("-published_at", "-pk")
    return _with_display_data(with_vote_count(queryset))


def _administered(user: Any) -> QuerySet[Membership, int]:
    memberships = Membership.objects.filter(
        user=user, role=Role.ADMIN, status=MembershipStatus.ACTIVE
    )
    return memberships.values_list("organisation_id", flat=True)


def process_list_drafts(*, user: Any) -> QuerySet[Process]:
    """The drafts of the organisations the person administers, last changed first; none for
    visitors. Shown to their organisers only, in the listing's "my drafts" section."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Process.objects.none()
    drafts = Process.objects.filter(
        status=ProcessStatus.DRAFT, organisation_id__in=_administered(user)
    )
    return drafts.select_related("organisation").order_by("-updated_at", "-pk")


def organisation_list_administered(*, user: Any) -> QuerySet[Organisation]:
    """The organisations for which the person may create consultations, by name."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    if user.is_staff:
        return Organisation.objects.order_by("sort_name", "pk")
    return Organisation.objects.filter(pk__in=_administered(user)).order_by("sort_name", "pk")


def organisation_list_by_slugs(*, slugs: list[str]) -> list[Organisation]:
    """The organisations with these slugs, in the order given; unknown slugs are skipped."""
    found = {org.slug: org for org in Organisation.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def process_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Organisers and their countries among public consultations, for the listing's filters."""
    public = Process.objects.exclude(status=ProcessStatus.DRAFT)
    organisers = Organisation.objects.filter(Exists(public.filter(organisation=OuterRef("pk"))))
    rows = list(organisers.order_by("sort_name").values_list("slug", "name", "country"))
    codes = sorted({str(country) for _slug, _name, country in rows if country})
    return {
        "organisations": [(slug, name) for slug, name, _country in rows],
        "countries": [(code, code) for code in codes],
    }


def process_get_visible(*, slug: str, user: Any) -> Process:
    """The consultation with this slug, with its organiser, phases, questions and topics.

    Raises Http404 for an unknown slug and for a draft the person may not change (so drafts stay
    secret, even their existence).
    """
    queryset = _with_display_data(Process.objects.filter(slug=slug)).prefetch_related(_QUESTIONS)
    process = queryset.first()
    if process is None or not user.has_perm("participation.view_process", process):
        raise Http404("No such consultation.")
    return process


def process_for_management(*, slug: str, user: Any) -> Process:
    """The consultation with everything its management page shows (moderators, member
    organisations, questions with their counts).

    Raises Http404 when the person may not even see it, PermissionDenied when they may see it but
    not change it (`participation.change_process`).
    """
    process = process_get_visible(slug=slug, user=user)
    if not user.has_perm("participation.change_process", process):
        raise PermissionDenied("participation.change_process")
    prefetch_related_objects(
        [process],
        Prefetch("moderators"),
        Prefetch("member_organisations", queryset=Organisation.objects.order_by("sort_name")),
    )
    return process


def process_get_public(*, pk: int, vote_count: bool = False) -> Process | None:
    """A published or archived consultation by id, with its display data and questions (and
    `vote_count` when asked: it sums every proposition); None for an unknown id or a draft."""
    queryset = Process.objects.filter(pk=pk).exclude(status=ProcessStatus.DRAFT)
    if vote_count:
        queryset = with_vote_count(queryset)
    return _with_display_data(queryset).prefetch_related(_QUESTIONS).first()


def hash_access_token(raw: str) -> str:
    """The stored form of an invitation link's token (its SHA-256)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def process_invitation_valid(*, process: Process, token: str) -> bool:
    """Whether `token` is the current invitation token (compared in constant time)."""
    expected = process.invitation_token_hash
    return bool(expected) and hmac.compare_digest(expected, hash_access_token(token))


def process_stage(process: Process, at: datetime | None = None) -> str:
    """Where the consultation stands: "draft", "archived", "upcoming", "open" or "finished".

    Reads the prefetched phases, so a listing computes it for every card without a query.
    """
    if process.status != ProcessStatus.PUBLISHED:
        return str(process.status)
    moment = at or timezone.now()
    phases = list(process.phases.all())
    if not phases or min(p.starts_at for p in phases) > moment:
        return "upcoming"
    if max(p.ends_at for p in phases) <= moment:
        return "finished"
    return "open"


def phase_next(process: Process, at: datetime | None = None) -> Phase | None:
    """The next phase to start after `at` (now), from the prefetched phases."""
    moment = at or timezone.now()
    upcoming = [p for p in process.phases.all() if p.starts_at > moment]
    return min(upcoming, key=lambda p: p.starts_at, default=None)
