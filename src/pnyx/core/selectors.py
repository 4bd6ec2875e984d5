"""Reads of the core shared by pages and the API."""

from typing import Any

from django.db.models import QuerySet

from pnyx.core.models import AuditEntry, Job


def audit_entry_list(*, action: str = "") -> QuerySet[AuditEntry]:
    """Audit entries, newest first, optionally of one action; public to everyone."""
    entries = AuditEntry.objects.order_by("-seq")
    return entries.filter(action=action) if action else entries


def audit_actions() -> list[str]:
    """The distinct action names present in the log, for the filter."""
    return sorted(set(AuditEntry.objects.values_list("action", flat=True).distinct()))


def audit_entry_get(*, seq: int) -> AuditEntry | None:
    return AuditEntry.objects.filter(seq=seq).first()


def job_for(*, owner: Any, job_id: int) -> Job | None:
    """The job `job_id` when it was queued for `owner`, for a page that follows its progress.

    None when there is no such job, when it is someone else's or the owner is anonymous, so a
    page answers all three alike (404) and reveals nothing about other people's jobs.
    """
    if not getattr(owner, "pk", None):
        return None
    return Job.objects.filter(pk=job_id, owner=owner).first()
