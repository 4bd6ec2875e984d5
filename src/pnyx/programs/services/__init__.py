"""Every write on programs and charters, one module per area: `documents` (the draft, versions
and coverage), `consultation` (annotations, amendments, decisions) and `endorsements`. The
functions are imported here, so callers write `services.version_publish(...)`."""

from django.utils.translation import gettext_lazy

from pnyx.core import audit
from pnyx.programs.services.consultation import (
    amendment_accept,
    amendment_propose,
    amendment_reject,
    amendment_support,
    amendment_withdraw,
    annotation_add,
    annotation_remove,
    consultation_close,
    consultation_open,
    register_amendment_messages,
)
from pnyx.programs.services.documents import (
    content_hash,
    coverage_note_set,
    document_create,
    document_update,
    measure_add,
    measure_delete,
    measure_move,
    measure_update,
    section_add,
    section_delete,
    section_move,
    section_update,
    snapshot,
    version_publish,
)
from pnyx.programs.services.endorsements import (
    endorsement_add,
    endorsement_withdraw,
    register_endorsement_messages,
)

__all__ = [
    "amendment_accept",
    "amendment_propose",
    "amendment_reject",
    "amendment_support",
    "amendment_withdraw",
    "annotation_add",
    "annotation_remove",
    "consultation_close",
    "consultation_open",
    "content_hash",
    "coverage_note_set",
    "document_create",
    "document_update",
    "endorsement_add",
    "endorsement_withdraw",
    "measure_add",
    "measure_delete",
    "measure_move",
    "measure_update",
    "register_amendment_messages",
    "register_audit_actions",
    "register_endorsement_messages",
    "section_add",
    "section_delete",
    "section_move",
    "section_update",
    "snapshot",
    "version_publish",
]


def register_audit_actions() -> None:
    """Give this app's audit actions their labels; called once from the app's `ready`."""
    audit.register_action("programs.version_published", gettext_lazy("Program version published"))
    audit.register_action(
        "programs.consultation_opened", gettext_lazy("Consultation on a draft opened")
    )
    audit.register_action(
        "programs.consultation_closed", gettext_lazy("Consultation on a draft closed")
    )
    audit.register_action("programs.amendment_accepted", gettext_lazy("Amendment accepted"))
    audit.register_action("programs.amendment_rejected", gettext_lazy("Amendment rejected"))
    audit.register_action(
        "programs.endorsement_added", gettext_lazy("Version endorsed by an organisation")
    )
    audit.register_action(
        "programs.endorsement_withdrawn", gettext_lazy("Organisation endorsement withdrawn")
    )
