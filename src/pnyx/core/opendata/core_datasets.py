"""The core's own dataset: the public audit log, exactly as /audit/ shows it.

Every column that the entry's hash covers is exported unchanged, so anyone can recompute the
chain from the export (see `pnyx.core.audit.canonical_content`).
"""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from pnyx.core.opendata.registry import (
    Dataset,
    ExportContext,
    Field,
    register_dataset,
)


def audit_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    """Every entry of the log, oldest first, written before the export began."""
    from pnyx.core.models import AuditEntry  # the registry is imported before the models

    entries = AuditEntry.objects.filter(created_at__lte=context.now).order_by("seq")
    for entry in entries.iterator(chunk_size=2000):
        yield {
            "seq": entry.seq,
            "created_at": entry.created_at,
            "actor": entry.actor_label,
            "action": entry.action,
            "target_type": entry.target_type,
            "target_id": entry.target_id,
            "target": entry.target_label,
            "data": entry.data,
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
        }


AUDIT_LOG = register_dataset(
    Dataset(
        name="audit-log",
        title=_("Audit log"),
        description=_(
            "Every official act (answers, moderation, publications, roles), in the order it was "
            "recorded. Each entry's hash is the SHA-256 of its content and of the previous "
            "entry's hash, so that editing, removing or reordering an entry shows."
        ),
        fields=(
            Field("seq", "integer", _("The entry's number, from 1."), required=True),
            Field(
                "created_at",
                "datetime",
                _("When it was recorded. The hash covers it written as ISO 8601 with “+00:00”."),
                required=True,
            ),
            Field("actor", "string", _("Who acted, by their public name."), required=True),
            Field(
                "action",
                "string",
                _("What was done, such as “participation.proposition_answered”."),
                required=True,
            ),
            Field("target_type", "string", _("The kind of object acted on.")),
            Field("target_id", "string", _("The id of the object acted on.")),
            Field("target", "string", _("The object acted on, as it was named then.")),
            Field("data", "object", _("The details of the act."), required=True),
            Field("prev_hash", "string", _("The previous entry's hash."), required=True),
            Field("hash", "string", _("This entry's hash."), required=True),
        ),
        rows=audit_rows,
        primary_key=("seq",),
    )
)
