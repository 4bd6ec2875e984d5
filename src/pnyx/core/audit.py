"""The public audit log: every official act, appended through `record` and checked by `verify`.

Each entry's hash covers its canonical content (a JSON object with sorted keys) and the previous
entry's hash, so anyone holding the log can recompute the chain. Deleting the newest entries leaves
a valid but shorter chain; publishing the head hash elsewhere (the log page shows it) and checking
it with `verify(expected_head=...)` catches that too.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import AuditEntry

GENESIS_HASH = "0" * 64
# Any constant shared by every writer; PostgreSQL serialises appends on this advisory lock.
_ADVISORY_LOCK_KEY = 7_316_402_981

_action_labels: dict[str, str | Promise] = {}


def register_action(action: str, label: str | Promise) -> None:
    """Give an action name (`<app>.<entity>_<past verb>`) its human, translatable label."""
    _action_labels[action] = label


def action_label(action: str) -> str:
    return str(_action_labels.get(action, action))


def canonical_content(entry: AuditEntry) -> str:
    """The exact text hashed for an entry: a compact JSON object with sorted keys."""
    content = {
        "seq": entry.seq,
        "created_at": entry.created_at.isoformat(),
        "actor": entry.actor_label,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target": entry.target_label,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical_content(entry).encode()).hexdigest()


def _actor_label(actor: Any) -> str:
    if actor is None:
        return str(_("Pnyx (automatic)"))
    return str(getattr(actor, "public_name", actor))


@transaction.atomic
def record(
    *,
    action: str,
    actor: Any = None,
    target: Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one official act to the log, inside the caller's transaction.

    `data` holds ids and short primitives only; it is public. Appends are serialised (an advisory
    lock on PostgreSQL, the IMMEDIATE write lock on SQLite) so the chain never forks.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        created_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        data=json.loads(json.dumps(data or {}, default=str)),
        prev_hash=last.hash if last else GENESIS_HASH,
    )
    entry.hash = compute_hash(entry)
    entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class Verification:
    """The outcome of checking the chain: how many entries were checked and the first bad one."""

    checked: int
    head: str
    bad_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.bad_seq is None and not self.reason


def _first_problem(entries: Iterable[AuditEntry]) -> tuple[int, str, int | None, str]:
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    for entry in entries:
        if entry.seq != expected_seq:
            return (
                checked,
                expected_prev,
                entry.seq,
                (
                    f"entry #{entry.seq} follows #{expected_seq - 1}: "
                    f"entry #{expected_seq} is missing or out of order"
                ),
            )
        if entry.prev_hash != expected_prev:
            return (
                checked,
                expected_prev,
                entry.seq,
                (f"entry #{entry.seq} does not point to the hash of entry #{entry.seq - 1}"),
            )
        if compute_hash(entry) != entry.hash:
            return (
                checked,
                expected_prev,
                entry.seq,
                (f"entry #{entry.seq} was changed after it was written (its hash does not match)"),
            )
        checked, expected_seq, expected_prev = checked + 1, expected_seq + 1, entry.hash
    return checked, expected_prev, None, ""


def verify(expected_head: str | None = None) -> Verification:
    """Recompute the whole chain; name the first entry that was edited, removed or reordered."""
    entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    checked, head, bad_seq, reason = _first_problem(entries)
    if (
        bad_seq is None
        and expected_head
        and expected_head != head
        and not AuditEntry.objects.filter(hash=expected_head).exists()
    ):
        reason = f"the published head {expected_head} is no longer in the log"
    return Verification(checked=checked, head=head, bad_seq=bad_seq, reason=reason)


def head_hash() -> str:
    """The hash of the newest entry (the genesis hash for an empty log)."""
    last = AuditEntry.objects.order_by("-seq").only("hash").first()
    return last.hash if last else GENESIS_HASH
