"""Writing programs and charters: the document, its draft sections and measures, coverage reasons,
and publishing a version.

Every service checks its permission first (`programs.add_document` on the organisation, otherwise
`programs.change_document` or `programs.publish_document` on the document), validates before the
first write and runs in one transaction, so a refusal leaves nothing behind. Bad input raises
ValidationError keyed by field. Publishing a version is an official act written to the audit log
with the SHA-256 of the version's canonical content.
"""

import hashlib
import json
import re
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.orgs.models import Organisation
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people
from pnyx.programs import selectors
from pnyx.programs.models import (
    Amendment,
    AmendmentStatus,
    AmendmentSupport,
    Annotation,
    Citation,
    CoverageNote,
    Document,
    DocumentKind,
    Endorsement,
    Measure,
    Section,
    Version,
)

TITLE_MAX_LENGTH = 200
FIRST_NUMBER = "1.1"
_NUMBER = re.compile(r"^(\d{1,4})\.(\d{1,4})$")
# Path segments that the program pages use right after /programs/.
RESERVED_SLUGS = frozenset({"new"})


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


def _required(field: str, value: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(text) > limit:
        message = _("At most %(limit)s characters.")
        raise ValidationError({field: message % {"limit": limit}}, code="too_long")
    return text


def _optional(field: str, value: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        message = _("At most %(limit)s characters.")
        raise ValidationError({field: message % {"limit": limit}}, code="too_long")
    return text


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "document"
    slug, counter = base, 2
    while slug in RESERVED_SLUGS or Document.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _clean_kind(kind: str) -> str:
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose a program or a charter.")}, code="kind")
    return kind


def document_create(
    *, actor: User, organisation: Organisation, kind: str, title: str, summary: str = ""
) -> Document:
    """Start a document (an empty draft) for an organisation; needs `programs.add_document`."""
    require(actor, "programs.add_document", organisation)
    kind = _clean_kind(kind)
    title = _required("title", title, TITLE_MAX_LENGTH)
    summary = _optional("summary", summary, 5000)
    with transaction.atomic():
        return Document.objects.create(
            organisation=organisation,
            kind=kind,
            title=title,
            slug=_unique_slug(title),
            summary=summary,
            created_by=actor,
        )


def document_update(
    *, actor: User, document: Document, kind: str, title: str, summary: str
) -> Document:
    """Change the draft's kind, title and summary; needs `programs.change_document`."""
    require(actor, "programs.change_document", document)
    document.kind = _clean_kind(kind)
    document.title = _required("title", title, TITLE_MAX_LENGTH)
    document.summary = _optional("summary", summary, 5000)
    document.save(update_fields=["kind", "title", "summary", "updated_at"])
    return document


def section_add(*, actor: User, document: Document, title: str, intro: str = "") -> Section:
    """Append a section to the draft; needs `programs.change_document`."""
    require(actor, "programs.change_document", document)
    title = _required("title", title, TITLE_MAX_LENGTH)
    intro = _optional("intro", intro, 10000)
    with transaction.atomic():
        last = document.sections.aggregate(last=Max("position"))["last"]
        return Section.objects.create(
            document=document, title=title, intro=intro, position=0 if last is None else last + 1
        )


def section_update(*, actor: User, section: Section, title: str, intro: str) -> Section:
    """Change a section's title and introduction; needs `programs.change_document`."""
    require(actor, "programs.change_document", section.document)
    section.title = _required("title", title, TITLE_MAX_LENGTH)
    section.intro = _optional("intro", intro, 10000)
    section.save(update_fields=["title", "intro"])
    return section


def section_delete(*, actor: User, section: Section) -> None:
    """Delete a section and its measures from the draft (published versions keep them)."""
    require(actor, "programs.change_document", section.document)
    section.delete()


def _swap(rows: list[Any], row: Any, direction: str) -> None:
    """Renumber `rows` in order with `row` moved one place up or down."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move up or down.")}, code="direction")
    index = next(i for i, item in enumerate(rows) if item.pk == row.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    for position, item in enumerate(rows):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def section_move(*, actor: User, section: Section, direction: str) -> None:
    """Move a section one place "up" or "down"; needs `programs.change_document`."""
    require(actor, "programs.change_document", section.document)
    with transaction.atomic():
        _swap(list(section.document.sections.select_for_update()), section, direction)


def _clean_sources(source_ids: list[int]) -> list[int]:
    wanted = sorted(set(source_ids))
    known = selectors.visible_proposition_ids(ids=wanted)
    unknown = [str(pk) for pk in wanted if pk not in known]
    if unknown:
        message = _("No published proposition has the number %(numbers)s.")
        raise ValidationError({"sources": message % {"numbers": ", ".join(unknown)}}, code="source")
    return wanted


def measure_add(*, actor: User, section: Section, text: str, source_ids: list[int]) -> Measure:
    """Append a measure to a section, citing the given propositions; needs
    `programs.change_document`."""
    require(actor, "programs.change_document", section.document)
    text = _required("text", text, 5000)
    sources = _clean_sources(source_ids)
    with transaction.atomic():
        last = section.measures.aggregate(last=Max("position"))["last"]
        measure = Measure.objects.create(
            section=section, text=text, position=0 if last is None else last + 1
        )
        measure.sources.set(sources)
    return measure


def measure_update(
    *, actor: User, measure: Measure, text: str, source_ids: list[int], section: Section
) -> Measure:
    """Reword a measure, change its sources or move it to the end of another section of the same
    document; needs `programs.change_document`."""
    document = measure.section.document
    require(actor, "programs.change_document", document)
    if section.document_id != document.pk:
        raise ValidationError({"section": _("Choose a section of this document.")}, code="section")
    text = _required("text", text, 5000)
    sources = _clean_sources(source_ids)
    with transaction.atomic():
        if section.pk != measure.section_id:
            last = section.measures.aggregate(last=Max("position"))["last"]
            measure.section = section
            measure.position = 0 if last is None else last + 1
        measure.text = text
        measure.save(update_fields=["text", "section", "position"])
        measure.sources.set(sources)
    return measure


def measure_delete(*, actor: User, measure: Measure) -> None:
    """Delete a measure from the draft (published versions keep it)."""
    require(actor, "programs.change_document", measure.section.document)
    measure.delete()


def measure_move(*, actor: User, measure: Measure, direction: str) -> None:
    """Move a measure one place "up" or "down" in its section; needs `programs.change_document`."""
    require(actor, "programs.change_document", measure.section.document)
    with transaction.atomic():
        _swap(list(measure.section.measures.select_for_update()), measure, direction)


def snapshot(*, document: Document) -> dict[str, Any]:
    """The draft as plain data: what a version freezes."""
    return {
        "kind": document.kind,
        "title": document.title,
        "summary": document.summary,
        "sections": [
            {
                "id": section.pk,
                "title": section.title,
                "intro": section.intro,
                "measures": [
                    {
                        "id": measure.pk,
                        "text": measure.text,
                        "sources": sorted(source.pk for source in measure.sources.all()),
                    }
                    for measure in section.measures.all()
                ],
            }
            for section in selectors.draft_sections(document=document)
        ],
    }


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a snapshot (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _next_number(document: Document, number: str) -> tuple[str, int, int]:
    latest = document.versions.order_by("-major", "-minor").first()
    if not number:
        number = FIRST_NUMBER if latest is None else f"{latest.major}.{latest.minor + 1}"
    match = _NUMBER.match(number.strip())
    if match is None:
        raise ValidationError(
            {"number": _("Write the number as two whole numbers with a dot, such as 1.1.")},
            code="number",
        )
    major, minor = int(match[1]), int(match[2])
    number = f"{major}.{minor}"
    if document.versions.filter(number=number).exists():
        message = _("Version %(number)s is already published.")
        raise ValidationError({"number": message % {"number": number}}, code="duplicate")
    if latest is not None and (major, minor) <= (latest.major, latest.minor):
        message = _("The number must come after the latest version, %(number)s.")
        raise ValidationError({"number": message % {"number": latest.number}}, code="order")
    return number, major, minor


def _citations(version: Version) -> list[Citation]:
    return [
        Citation(version=version, proposition_id=source, measure_id=measure["id"], label=label)
        for section_index, section in enumerate(version.content["sections"], start=1)
        for measure_index, measure in enumerate(section["measures"], start=1)
        for source in measure["sources"]
        for label in [f"{section_index}.{measure_index}"]
    ]


def version_publish(
    *, actor: User, document: Document, changelog: str, number: str = ""
) -> Version:
    """Freeze the draft as a new version and make it the document's latest.

    Needs `programs.publish_document`. The number defaults to 1.1 for the first version and to
    the next minor number afterwards; a given number must be new and come after the latest. The
    changelog is required, the draft must hold a measure and differ from the latest version.
    Amendments accepted since the latest version are credited in this one, and earlier
    endorsers are asked to confirm their endorsement for it. Records
    `programs.version_published` with the number and the content hash.
    """
    require(actor, "programs.publish_document", document)
    changelog = _required("changelog", changelog, 10000)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        number, major, minor = _next_number(locked, number)
        content = snapshot(document=locked)
        if not any(section["measures"] for section in content["sections"]):
            raise ValidationError(_("Add at least one measure before publishing."), code="empty")
        previous = locked.latest_version
        if previous is not None and previous.content_hash == content_hash(content):
            message = _("The draft says exactly what version %(number)s says: change it first.")
            raise ValidationError(message % {"number": previous.number}, code="unchanged")
        version = Version.objects.create(
            document=locked,
            number=number,
            major=major,
            minor=minor,
            changelog=changelog,
            published_at=timezone.now(),
            published_by=actor,
            content=content,
            content_hash=content_hash(content),
        )
        Citation.objects.bulk_create(_citations(version))
        Amendment.objects.filter(
            document=locked, status=AmendmentStatus.ACCEPTED, version__isnull=True
        ).update(version=version)
        locked.latest_version = version
        locked.save(update_fields=["latest_version", "updated_at"])
        audit.record(
            action="programs.version_published",
            actor=actor,
            target=version,
            data={"document": locked.pk, "number": number, "content_hash": version.content_hash},
        )
        _ask_endorsers_to_confirm(version, actor)
    document.latest_version = version
    return version


def coverage_note_set(*, actor: User, document: Document, proposition_id: int, reason: str) -> None:
    """Give (or clear, with an empty reason) the editors' reason for not taking up a proposition;
    needs `programs.change_document`."""
    require(actor, "programs.change_document", document)
    reason = _optional("reason", reason, 2000)
    if not selectors.visible_proposition_ids(ids=[proposition_id]):
        message = _("No published proposition has the number %(numbers)s.")
        raise ValidationError({"proposition": message % {"numbers": proposition_id}}, code="source")
    with transaction.atomic():
        if reason:
            CoverageNote.objects.update_or_create(
                document=document, proposition_id=proposition_id, defaults={"reason": reason}
            )
        else:
            CoverageNote.objects.filter(document=document, proposition_id=proposition_id).delete()


# The consultation on a draft: its period, annotations, amendments and their supports.

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
    body = _required("body", body, 2000)
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
    text = _required("text", text, 5000)
    justification = _required("justification", justification, 2000)
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
            Amendment.objects.select_for_update()
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
        reason=_optional("reason", reason, 2000),
    )


def amendment_reject(*, actor: User, amendment: Amendment, reason: str) -> Amendment:
    """Reject an open amendment with the editors' reason (required); its author is notified.
    Needs `programs.decide_amendment`; audited."""
    return _decide(
        actor=actor,
        amendment=amendment,
        status=AmendmentStatus.REJECTED,
        reason=_required("reason", reason, 2000),
    )


# --- Endorsements -------------------------------------------------------------------------------
#
# A person, or an organisation through one of its administrators, endorses a document's latest
# version: one row per endorser and version. Endorsing a version again after withdrawing clears
# the withdrawal; after a new version, endorsing adds a row for it (the confirmation). Withdrawing
# stamps every active row of the endorser on the document. An organisation's endorsement and its
# withdrawal are official acts of the organisation, written to the audit log.

ENDORSEMENT_CONFIRM_EVENT = "programs.endorsement_confirm"


def register_endorsement_messages() -> None:
    """Word the endorsement notifications (called once from the app's `ready`)."""
    register_message(ENDORSEMENT_CONFIRM_EVENT, _endorsement_confirm_message)


def _endorsement_confirm_message(notification: Any) -> str:
    data = notification.data
    message = _("Version %(number)s of “%(title)s” was published: confirm your endorsement.")
    return message % {"number": data.get("number", ""), "title": data.get("title", "")}


def _endorser(actor: User, organisation: Organisation | None) -> dict[str, Any]:
    return {"organisation": organisation} if organisation is not None else {"person": actor}


def _require_endorser(actor: User, document: Document, organisation: Organisation | None) -> None:
    require(actor, "programs.endorse", document)
    if organisation is not None:
        require(actor, "programs.endorse_for_organisation", organisation)


def _already_endorsed(version: Version, organisation: Organisation | None) -> ValidationError:
    if organisation is None:
        message = _("You already endorse version %(number)s.")
        return ValidationError(
            {"version": message % {"number": version.number}}, code="already_endorsed"
        )
    message = _("%(name)s already endorses version %(number)s.")
    return ValidationError(
        {"organisation": message % {"name": organisation.name, "number": version.number}},
        code="already_endorsed",
    )


def _endorsement_row(
    actor: User, document: Document, version: Version, organisation: Organisation | None
) -> tuple[Endorsement, bool]:
    """The endorser's row for the version, made if missing; whether it was made. A concurrent
    request making the same row loses on the unique constraint and reads the winner's row."""
    endorser = _endorser(actor, organisation)
    try:
        with transaction.atomic():
            return Endorsement.objects.get_or_create(
                version=version, **endorser, defaults={"document": document, "endorsed_by": actor}
            )
    except IntegrityError:
        return Endorsement.objects.get(version=version, **endorser), False


def endorsement_add(
    *, actor: User, document: Document, organisation: Organisation | None = None
) -> Endorsement:
    """Endorse the document's latest version, as the person or on behalf of `organisation`.

    Needs `programs.endorse` on the document and, for an organisation, also
    `programs.endorse_for_organisation` on it. Endorsing again a version one withdrew from clears
    the withdrawal; endorsing after a new version confirms the endorsement for it (a new row). An
    endorser who already endorses the latest version gets ValidationError (code
    `already_endorsed`). Records `programs.endorsement_added` for an organisation.
    """
    _require_endorser(actor, document, organisation)
    with transaction.atomic():
        # The lock orders endorsing after a concurrent publication, which then asks to confirm.
        locked = Document.objects.select_for_update().select_related("latest_version")
        current = locked.get(pk=document.pk)
        version = current.latest_version
        if version is None:
            raise PermissionDenied("programs.endorse")
        endorsement, created = _endorsement_row(actor, current, version, organisation)
        if not created:
            if endorsement.withdrawn_at is None:
                raise _already_endorsed(version, organisation)
            endorsement.withdrawn_at = None
            endorsement.endorsed_by = actor
            endorsement.save(update_fields=["withdrawn_at", "endorsed_by"])
        if organisation is not None:
            audit.record(
                action="programs.endorsement_added",
                actor=actor,
                target=version,
                data=_endorsement_audit_data(version, organisation),
            )
    version.document = current
    endorsement.version = version
    return endorsement


def _endorsement_audit_data(version: Version, organisation: Organisation) -> dict[str, Any]:
    return {
        "document": version.document_id,
        "number": version.number,
        "organisation": organisation.pk,
        "organisation_name": organisation.name,
    }


def endorsement_withdraw(
    *, actor: User, document: Document, organisation: Organisation | None = None
) -> int:
    """Withdraw the person's (or `organisation`'s) endorsement of every version of the document.

    Needs the same permissions as `endorsement_add`. Stamps `withdrawn_at` on the endorser's
    active rows and returns how many there were (0 when there was nothing to withdraw). Records
    `programs.endorsement_withdrawn` when an organisation withdraws an endorsement.
    """
    _require_endorser(actor, document, organisation)
    with transaction.atomic():
        active = Endorsement.objects.filter(
            document=document, withdrawn_at__isnull=True, **_endorser(actor, organisation)
        )
        count = active.update(withdrawn_at=timezone.now())
        if count and organisation is not None and document.latest_version is not None:
            audit.record(
                action="programs.endorsement_withdrawn",
                actor=actor,
                target=document.latest_version,
                data=_endorsement_audit_data(document.latest_version, organisation),
            )
    return count


def _ask_endorsers_to_confirm(version: Version, actor: User) -> int:
    """Ask whoever endorses an earlier version of the document to confirm for `version`: the
    people themselves, and every active administrator of an endorsing organisation. Sends
    `programs.endorsement_confirm`; returns how many people were notified. Called by
    `version_publish` inside its transaction."""
    people = selectors.endorsement_people_to_ask(version=version)
    return notify_people(
        event=ENDORSEMENT_CONFIRM_EVENT,
        people=people,
        actor=actor,
        data={
            "title": version.document.title,
            "number": version.number,
            "path": version.get_absolute_url(),
        },
    )
