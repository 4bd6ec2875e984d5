"""Reads of the core shared by pages and the API."""

from django.db.models import QuerySet

from pnyx.core.models import AuditEntry


def audit_entry_list(*, action: str = "") -> QuerySet[AuditEntry]:
    """Audit entries, newest first, optionally of one action; public to everyone."""
    entries = AuditEntry.objects.order_by("-seq")
    return entries.filter(action=action) if action else entries


def audit_actions() -> list[str]:
    """The distinct action names present in the log, for the filter."""
    return sorted(set(AuditEntry.objects.values_list("action", flat=True).distinct()))


def audit_entry_get(*, seq: int) -> AuditEntry | None:
    return AuditEntry.objects.filter(seq=seq).first()
