"""Reads of practitioners: the directory with its search and filters, one profile, and the
practitioners suggested for a help request (see `pnyx.network.matching`)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.network import matching
from pnyx.network.models import HelpKind, HelpRequest, Practitioner
from pnyx.toolbox.models import Tool

#: The profiles the matching looks at for one help request, most recently updated first.
MATCHING_CANDIDATES = 500


def _with_details(queryset: QuerySet[Practitioner]) -> QuerySet[Practitioner]:
    return queryset.select_related("user").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("slug")),
        Prefetch("tools", queryset=Tool.objects.only("pk", "slug", "name").order_by("name", "pk")),
    )


def practitioner_directory(
    *,
    query: str = "",
    topic: str = "",
    tool: str = "",
    language: str = "",
    country: str = "",
    data_expert: bool = False,
) -> QuerySet[Practitioner]:
    """Available practitioners matching the filters, most recently updated first (most relevant
    first when searching the headline and public name)."""
    queryset = Practitioner.objects.filter(available=True, user__is_active=True)
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if tool:
        queryset = queryset.filter(tools__slug=tool)
    # Languages and countries are JSON lists of codes: match the quoted code in the list's text.
    if language:
        queryset = queryset.filter(languages__icontains=f'"{language}"')
    if country:
        queryset = queryset.filter(countries__icontains=f'"{country}"')
    if data_expert:
        queryset = queryset.filter(data_expert=True)
    queryset = _with_details(queryset.distinct())
    if search.words(query):
        return search.filter_queryset(queryset, query)
    return queryset.order_by("-updated_at", "pk")


def practitioner_get_visible(*, pk: int, user: Any) -> Practitioner | None:
    """A practitioner's profile: an available one for everyone, a paused one for its owner."""
    found = _with_details(Practitioner.objects.filter(pk=pk, user__is_active=True)).first()
    if found is None:
        return None
    if not found.available and found.user_id != getattr(user, "pk", None):
        return None
    return found


def practitioner_of(*, user: Any) -> Practitioner | None:
    """The person's own profile, paused or not; None when they never offered help."""
    if not getattr(user, "is_authenticated", False):
        return None
    return _with_details(Practitioner.objects.filter(user=user)).first()


def offer_of(practitioner: Practitioner) -> matching.Offer:
    """The profile as the matching sees it (topics and tools must be prefetched)."""
    return matching.Offer(
        id=practitioner.pk,
        topics=frozenset(topic.slug for topic in practitioner.topics.all()),
        tools=frozenset(tool.slug for tool in practitioner.tools.all()),
        languages=frozenset(str(code) for code in practitioner.languages),
        countries=frozenset(str(code) for code in practitioner.countries),
        data_expert=practitioner.data_expert,
    )


def need_of(help_request: HelpRequest) -> matching.Need:
    """The help request as the matching sees it (topics and tools must be prefetched)."""
    return matching.Need(
        topics=frozenset(topic.slug for topic in help_request.topics.all()),
        tools=frozenset(tool.slug for tool in help_request.tools.all()),
        languages=frozenset(str(code) for code in help_request.languages),
        country=str(help_request.country),
        wants_data=help_request.kind == HelpKind.DATA,
    )


@dataclass(frozen=True)
class Suggestion:
    practitioner: Practitioner
    match: matching.Match


def suggested_practitioners(*, help_request: HelpRequest, limit: int = 5) -> list[Suggestion]:
    """The practitioners the matching suggests for the request, best first, each with its
    reasons; the request's author is never suggested to themselves. Three queries."""
    need = need_of(help_request)
    linked = Q(topics__slug__in=need.topics) | Q(tools__slug__in=need.tools)
    if need.wants_data:
        linked |= Q(data_expert=True)
    candidate_ids = (
        Practitioner.objects.filter(linked, available=True, user__is_active=True)
        .exclude(user=help_request.author)
        .order_by("-updated_at", "pk")
        .values("pk")
        .distinct()[:MATCHING_CANDIDATES]
    )
    candidates = {
        practitioner.pk: practitioner
        for practitioner in _with_details(Practitioner.objects.filter(pk__in=candidate_ids))
    }
    ranked = matching.rank(need, (offer_of(p) for p in candidates.values()), limit=limit)
    return [Suggestion(candidates[match.practitioner_id], match) for match in ranked]
