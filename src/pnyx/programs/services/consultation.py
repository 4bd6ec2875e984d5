"""The consultation on a draft: its period, annotations on a paragraph, amendments with their
supports, and the editors' decisions.

Taking part needs `programs.take_part` (a confirmed address and an open period); deciding needs
`programs.decide_amendment`. Opening, closing and each decision are written to the audit log; an
accepted amendment changes the draft measure and is credited when the next version is published.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people
from pnyx.programs import selectors
from pnyx.programs.models import (
    Amendment,
    AmendmentStatus,
    AmendmentSupport,
    Annotation,
    Document,
    Measure,
    Section,
)
from pnyx.programs.services.text import optional_text, required_text

#: The longest consultation period the editors may set.
CONSULTATION_MAX_DAYS = 366


def consultation_open(
    *, actor: User, document: Document, closes_at: datetime, opens_at: datetime | None = None
) -> Document:
    """Open the draft for consultation from `opens_at` (now when not given) until `closes_at`.

    Needs `programs.manage_consultation`. Opening again replaces the period (to extend it or to
    hold a second round). The draft must hold a measure. Recorded in the audit log.
    """
    require(actor, "programs.manage_consultation", document)
    now = timezone.now()
    opens = max(opens_at or now, now)
    if closes_at <= opens:
        raise ValidationError(
            {"closes_at": _("The consultation must close after it opens.")}, code="period"
        )
    if closes_at - opens > timedelta(days=CONSULTATION_MAX_DAYS):
        message = _("A consultation lasts at most %(days)s days.")
        raise ValidationError({"closes_at": message % {"days": CONSULTATION_MAX_DAYS}}, "long")
    if not Measure.objects.filter(section__document=document).exists():
        raise ValidationError(
            _("Add at least one measure before opening a consultation."), code="empty"
        )
    with transaction.atomic():
        document.consultation_opens_at, document.consultation_closes_at = opens, closes_at
        document.save(update_fields=["consultation_opens_at", "consultation_closes_at"])
        audit.record(
            action="programs.consultation_opened",
            actor=actor,
            target=document,
            data={"opens_at": opens.isoformat(), "closes_at": closes_at.isoformat()},
        )
    return document


def consultation_close(*, actor: User, document: Document) -> Document:
    """Close an open consultation now; needs `programs.manage_consultation`. Amendments keep
    their state: the editors still decide on open ones."""
    require(actor, "programs.manage_consultation", document)
    now = timezone.now()
    if document.consultation_closes_at is None or document.consultation_closes_at <= now:
        raise ValidationError(_("The consultation is not open."), code="closed")
    with transaction.atomic():
        document.consultation_closes_at = now
        if document.consultation_opens_at and document.consultation_opens_at > now:
            document.consultation_opens_at = now
        document.save(update_fields=["consultation_opens_at", "consultation_closes_at"])
        audit.record(action="programs.consultation_closed", actor=actor, target=document, data={})
    return document


def _paragraph(text: str, number: int) -> str:
    found = selectors.paragraphs(text)
    if not 1 <= number <= len(found):
        raise ValidationError({"paragraph": _("Choose a paragraph of the text.")}, code="paragraph")
    return found[number - 1]


def annotation_add(
    *,
    actor: User,
    document: Document,
    body: str,
    paragraph: int,
    measure: Measure | None = None,
    section: Section | None = None,
) -> Annotation:
    """Comment on paragraph `paragraph` (from 1) of a draft measure, or of a section's
    introduction when `section` is given; needs `programs.take_part` (an open consultation)."""
    require(actor, "programs.take_part", document)
    if (measure is None) == (section is None):
        raise ValidationError(_("Choose a measure or a section."), code="target")
    owner = measure.section.document_id if measure is not None else section.document_id  # type: ignore[union-attr]
    if owner != document.pk:
        raise ValidationError(_("Choose a measure or a section of this draft."), code="target")
    text = measure.text if measure is not None else section.intro  # type: ignore[union-attr]
    quote = _paragraph(text, paragraph)
    body = required_text("body", body, 2000)
    return Annotation.objects.create(
        document=document,
        measure=measure,
        section=section,
        paragraph=paragraph,
        quote=quote,
        author=actor,
        body=body,
    )


def annotation_remove(*, actor: User, annotation: Annotation) -> None:
    """Empty an annotation, keeping its place in the thread: its author may, and the editors
    (moderation) may."""
    if annotation.author_id != actor.pk:
        require(actor, "programs.decide_amendment", annotation.document)
    if annotation.removed_at is not None:
        raise ValidationError(_("This comment was already removed."), code="removed")
    annotation.body, annotation.removed_at = "", timezone.now()
    annotation.save(update_fields=["body", "removed_at"])


def amendment_propose(*, actor: User, measure: Measure, text: str, justification: str) -> Amendment:
    """Propose a replacement text for a draft measure, with a justification; needs
    `programs.take_part` on the measure's document."""
    document = measure.section.document
    require(actor, "programs.take_part", document)
    text = required_text("text", text, 5000)
    justification = required_text("justification", justification, 2000)
    if text == measure.text.strip():
        raise ValidationError(
            {"text": _("Change the text: this is what the measure already says.")}, code="same"
        )
    return Amendment.objects.create(
        document=document,
        measure=measure,
        original_text=measure.text,
        text=text,
        justification=justification,
        author=actor,
    )


def _require_open(amendment: Amendment) -> None:
    if amendment.status != AmendmentStatus.OPEN:
        message = _("This amendment is %(status)s: it can no longer change.")
        raise ValidationError(message % {"status": amendment.get_status_display()}, code="decided")


def amendment_withdraw(*, actor: User, amendment: Amendment) -> Amendment:
    """The author withdraws an amendment the editors have not decided on."""
    if amendment.author_id != actor.pk:
        raise PermissionDenied("Only its author withdraws an amendment.")
    with transaction.atomic():
        locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
        _require_open(locked)
        locked.status = AmendmentStatus.WITHDRAWN
        locked.save(update_fields=["status"])
    return locked


def amendment_support(*, actor: User, amendment: Amendment, supported: bool = True) -> bool:
    """Support an open amendment (or take the support back with `supported=False`) while the
    consultation is open; its author cannot. Returns whether anything changed."""
    require(actor, "programs.take_part", amendment.document)
    _require_open(amendment)
    if amendment.author_id == actor.pk:
        raise ValidationError(_("You cannot support your own amendment."), code="own")
    with transaction.atomic():
        if supported:
            _row, changed = AmendmentSupport.objects.get_or_create(amendment=amendment, user=actor)
        else:
            changed = bool(
                AmendmentSupport.objects.filter(amendment=amendment, user=actor).delete()[0]
            )
        if changed:
            step = 1 if supported else -1
            Amendment.objects.filter(pk=amendment.pk).update(
                support_count=F("support_count") + step
            )
    amendment.refresh_from_db(fields=["support_count"])
    return changed


def _decide(*, actor: User, amendment: Amendment, status: str, reason: str) -> Amendment:
    require(actor, "programs.decide_amendment", amendment.document)
    with transaction.atomic():
        locked = (
            Amendment.objects.select_for_update(of=("self",))
            .select_related("document", "measure")
            .get(pk=amendment.pk)
        )
        _require_open(locked)
        if status == AmendmentStatus.ACCEPTED:
            if locked.measure is None:
                raise ValidationError(
                    _("The measure is no longer in the draft: reject the amendment instead."),
                    code="gone",
                )
            locked.measure.text = locked.text
            locked.measure.save(update_fields=["text"])
        locked.status, locked.reason = status, reason
        locked.decided_at, locked.decided_by = timezone.now(), actor
        locked.save(update_fields=["status", "reason", "decided_at", "decided_by"])
        audit.record(
            action=f"programs.amendment_{status}",
            actor=actor,
            target=locked,
            data={"document": locked.document_id, "measure": locked.measure_id},
        )
        if locked.author_id is not None:
            notify_people(
                event=f"programs.amendment_{status}",
                people=[locked.author_id],
                actor=actor,
                data={
                    "title": locked.document.title,
                    "path": selectors.amendment_path(amendment=locked),
                },
            )
    return locked


def register_amendment_messages() -> None:
    """Word the notifications an amendment's author gets (called from the app's `ready`)."""
    register_message(
        "programs.amendment_accepted",
        lambda n: (
            _("The editors of “%(title)s” accepted your amendment.")
            % {"title": n.data.get("title", "")}
        ),
    )
    register_message(
        "programs.amendment_rejected",
        lambda n: (
            _("The editors of “%(title)s” rejected your amendment, saying why.")
            % {"title": n.data.get("title", "")}
        ),
    )


def amendment_accept(*, actor: User, amendment: Amendment, reason: str = "") -> Amendment:
    """Accept an open amendment: the draft measure takes its text, the next published version
    credits its author, who is notified. Needs `programs.decide_amendment`; audited."""
    return _decide(
        actor=actor,
        amendment=amendment,
        status=AmendmentStatus.ACCEPTED,
        reason=optional_text("reason", reason, 2000),
    )


def amendment_reject(*, actor: User, amendment: Amendment, reason: str) -> Amendment:
    """Reject an open amendment with the editors' reason (required); its author is notified.
    Needs `programs.decide_amendment`; audited."""
    return _decide(
        actor=actor,
        amendment=amendment,
        status=AmendmentStatus.REJECTED,
        reason=required_text("reason", reason, 2000),
    )
