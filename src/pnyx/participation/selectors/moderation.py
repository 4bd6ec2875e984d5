"""Reads of moderation: the moderators' queue, hidden content, and the public summary."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from pnyx.participation.models import Comment, Process, Proposition, Report, ReportReason


@dataclass
class QueueItem:
    """A reported proposition or comment with its open reports summed up."""

    kind: str
    target: Proposition | Comment
    report_count: int
    last_reported: datetime
    reasons: list[tuple[str, int]] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ModerationSummary:
    """What anyone may know about moderation in a process (no names, no reported text)."""

    report_count: int
    open_report_count: int
    hidden_proposition_count: int
    hidden_comment_count: int
    reasons: list[tuple[str, str, int]]

    @property
    def hidden_count(self) -> int:
        return self.hidden_proposition_count + self.hidden_comment_count


def process_get(*, slug: str) -> Process | None:
    """A process by its address name, with its organisation and phases (for the rules)."""
    return (
        Process.objects.select_related("organisation")
        .prefetch_related("phases")
        .filter(slug=slug)
        .first()
    )


def moderation_queue(*, process: Process) -> QuerySet[Any, Any]:
    """Open reports of the process grouped by target, most reported first.

    Rows are dicts (`proposition_id`, `comment_id`, `report_count`, `last_reported`); pass a page
    of them to `moderation_queue_items` to get the targets.
    """
    return (
        Report.objects.filter(process=process, resolved_at__isnull=True)
        .values("proposition_id", "comment_id")
        .annotate(report_count=Count("pk"), last_reported=Max("created_at"))
        .order_by("-report_count", "-last_reported", "proposition_id", "comment_id")
    )


def _open_reports_of(rows: list[dict[str, Any]]) -> QuerySet[Report]:
    propositions = [row["proposition_id"] for row in rows if row["proposition_id"]]
    comments = [row["comment_id"] for row in rows if row["comment_id"]]
    return Report.objects.filter(
        Q(proposition_id__in=propositions) | Q(comment_id__in=comments), resolved_at__isnull=True
    ).order_by("created_at", "pk")


def _key(comment_id: int | None, proposition_id: int | None) -> tuple[str, int]:
    """How a report's target is named: ("comment", id) or ("proposition", id)."""
    if comment_id:
        return "comment", comment_id
    return "proposition", int(proposition_id or 0)


def moderation_queue_items(*, rows: list[dict[str, Any]]) -> list[QueueItem]:
    """The targets and report details of a page of `moderation_queue` rows (three queries)."""
    propositions = Proposition.objects.select_related("author").in_bulk(
        [row["proposition_id"] for row in rows if row["proposition_id"]]
    )
    comments = Comment.objects.select_related("author", "proposition").in_bulk(
        [row["comment_id"] for row in rows if row["comment_id"]]
    )
    reasons: dict[tuple[str, int], Counter[str]] = {}
    details: dict[tuple[str, int], list[str]] = {}
    labels = dict(ReportReason.choices)
    for report in _open_reports_of(rows):
        key = _key(report.comment_id, report.proposition_id)
        reasons.setdefault(key, Counter())[str(labels.get(report.reason, report.reason))] += 1
        if report.details:
            details.setdefault(key, []).append(report.details)
    items = []
    for row in rows:
        kind, pk = _key(row["comment_id"], row["proposition_id"])
        target = comments.get(pk) if kind == "comment" else propositions.get(pk)
        if target is None:
            continue
        items.append(
            QueueItem(
                kind=kind,
                target=target,
                report_count=row["report_count"],
                last_reported=row["last_reported"],
                reasons=sorted(reasons.get((kind, pk), Counter()).items()),
                details=details.get((kind, pk), []),
            )
        )
    return items


def hidden_content(*, process: Process) -> list[tuple[str, Proposition | Comment]]:
    """Everything hidden in the process, most recently hidden first, as (kind, item) pairs."""
    propositions = Proposition.objects.filter(process=process, hidden_at__isnull=False)
    comments = Comment.objects.filter(
        proposition__process=process, hidden_at__isnull=False
    ).select_related("author", "proposition")
    items: list[tuple[str, Proposition | Comment]] = [
        ("proposition", item) for item in propositions.select_related("author")
    ]
    items += [("comment", item) for item in comments]
    return sorted(items, key=lambda pair: (pair[1].hidden_at, pair[1].pk), reverse=True)


def moderation_summary(*, process: Process) -> ModerationSummary:
    """Public counts: reports (all and still open), hidden items, and reports per reason."""
    reports = Report.objects.filter(process=process)
    totals = reports.aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(resolved_at__isnull=True))
    )
    per_reason = dict(reports.values_list("reason").annotate(count=Count("pk")).order_by())
    return ModerationSummary(
        report_count=totals["total"],
        open_report_count=totals["open"],
        hidden_proposition_count=Proposition.objects.filter(
            process=process, hidden_at__isnull=False
        ).count(),
        hidden_comment_count=Comment.objects.filter(
            proposition__process=process, hidden_at__isnull=False
        ).count(),
        reasons=[
            (value, str(label), per_reason.get(value, 0)) for value, label in ReportReason.choices
        ],
    )


def moderation_target(*, process: Process, kind: str, pk: int) -> Proposition | Comment | None:
    """The proposition or comment `pk` of the process (None when it is not there)."""
    if kind == "comment":
        return (
            Comment.objects.select_related("proposition__process__organisation", "author")
            .filter(pk=pk, proposition__process=process)
            .first()
        )
    if kind == "proposition":
        return (
            Proposition.objects.select_related("process__organisation", "author")
            .filter(pk=pk, process=process)
            .first()
        )
    return None
