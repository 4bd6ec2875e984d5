"""One person's engagement in consultations, as totals per process (read by engagement records).

Only counts and dates leave this module: never the text of a proposition or a comment, and never
what a vote said. Withdrawn or hidden propositions and deleted or hidden comments do not count;
draft consultations do not either.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Min, QuerySet

from pnyx.participation.models import (
    Comment,
    Process,
    ProcessStatus,
    Proposition,
    PropositionStatus,
    Vote,
)


@dataclass(frozen=True)
class ProcessEngagement:
    """What one person did in one consultation: how many propositions, comments and votes, and
    when they first and last took part."""

    process: Process
    propositions: int
    comments: int
    votes: int
    first_at: datetime
    last_at: datetime


@dataclass
class _Totals:
    propositions: int = 0
    comments: int = 0
    votes: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None

    def add(self, kind: str, count: int, first: datetime, last: datetime) -> None:
        setattr(self, kind, count)
        self.first_at = first if self.first_at is None else min(self.first_at, first)
        self.last_at = last if self.last_at is None else max(self.last_at, last)


def _grouped(queryset: QuerySet[Any], process_field: str, date_field: str) -> QuerySet[Any]:
    """One row per process: how many, the first and the last date."""
    return (
        queryset.order_by()
        .values(process_field)
        .annotate(count=Count("pk"), first=Min(date_field), last=Max(date_field))
    )


def _totals_by_process(person: Any) -> dict[int, _Totals]:
    propositions = Proposition.objects.filter(
        author=person, status=PropositionStatus.PUBLISHED, hidden_at__isnull=True
    )
    comments = Comment.objects.filter(
        author=person, deleted_at__isnull=True, hidden_at__isnull=True
    )
    votes = Vote.objects.filter(user=person)
    sources = (
        ("propositions", propositions, "process_id"),
        ("comments", comments, "proposition__process_id"),
        ("votes", votes, "proposition__process_id"),
    )
    totals: dict[int, _Totals] = {}
    for kind, queryset, process_field in sources:
        for row in _grouped(queryset, process_field, "created_at"):
            totals.setdefault(row[process_field], _Totals()).add(
                kind, row["count"], row["first"], row["last"]
            )
    return totals


def engagement_by_process(*, person: Any) -> list[ProcessEngagement]:
    """For each published or archived consultation where `person` made a proposition, a
    comment or a vote: the totals and the first and last dates, oldest activity first.

    Public reads (the caller decides who sees them); four queries whatever the activity."""
    if not getattr(person, "pk", None):
        return []
    totals = _totals_by_process(person)
    processes = Process.objects.filter(
        pk__in=list(totals), status__in=[ProcessStatus.PUBLISHED, ProcessStatus.ARCHIVED]
    ).select_related("organisation")
    found = [
        ProcessEngagement(
            process=process,
            propositions=totals[process.pk].propositions,
            comments=totals[process.pk].comments,
            votes=totals[process.pk].votes,
            first_at=totals[process.pk].first_at,  # type: ignore[arg-type]
            last_at=totals[process.pk].last_at,  # type: ignore[arg-type]
        )
        for process in processes
    ]
    return sorted(found, key=lambda item: (item.first_at, item.process.pk))
