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
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.orgs.models import Organisation
from pnyx.programs import selectors
from pnyx.programs.models import (
    Amendment,
    AmendmentStatus,
    Citation,
    CoverageNote,
    Document,
    DocumentKind,
    Measure,
    Section,
    Version,
)
from pnyx.programs.services.endorsements import ask_endorsers_to_confirm
from pnyx.programs.services.text import optional_text, required_text

TITLE_MAX_LENGTH = 200
FIRST_NUMBER = "1.1"
_NUMBER = re.compile(r"^(\d{1,4})\.(\d{1,4})$")
# Path segments that the program pages use right after /programs/.
RESERVED_SLUGS = frozenset({"new"})


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
    title = required_text("title", title, TITLE_MAX_LENGTH)
    summary = optional_text("summary", summary, 5000)
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
    document.title = required_text("title", title, TITLE_MAX_LENGTH)
    document.summary = optional_text("summary", summary, 5000)
    document.save(update_fields=["kind", "title", "summary", "updated_at"])
    return document


def section_add(*, actor: User, document: Document, title: str, intro: str = "") -> Section:
    """Append a section to the draft; needs `programs.change_document`."""
    require(actor, "programs.change_document", document)
    title = required_text("title", title, TITLE_MAX_LENGTH)
    intro = optional_text("intro", intro, 10000)
    with transaction.atomic():
        last = document.sections.aggregate(last=Max("position"))["last"]
        return Section.objects.create(
            document=document, title=title, intro=intro, position=0 if last is None else last + 1
        )


def section_update(*, actor: User, section: Section, title: str, intro: str) -> Section:
    """Change a section's title and introduction; needs `programs.change_document`."""
    require(actor, "programs.change_document", section.document)
    section.title = required_text("title", title, TITLE_MAX_LENGTH)
    section.intro = optional_text("intro", intro, 10000)
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
    text = required_text("text", text, 5000)
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
    text = required_text("text", text, 5000)
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
    changelog = required_text("changelog", changelog, 10000)
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
        ask_endorsers_to_confirm(version, actor)
    document.latest_version = version
    return version


def coverage_note_set(*, actor: User, document: Document, proposition_id: int, reason: str) -> None:
    """Give (or clear, with an empty reason) the editors' reason for not taking up a proposition;
    needs `programs.change_document`."""
    require(actor, "programs.change_document", document)
    reason = optional_text("reason", reason, 2000)
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
