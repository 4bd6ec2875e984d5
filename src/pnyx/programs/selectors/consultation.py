"""Reads behind the consultation page: the draft paragraph by paragraph with its annotations,
the amendments with their supports, and what a version credits."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pnyx.programs.models import (
    Amendment,
    AmendmentStatus,
    AmendmentSupport,
    Annotation,
    Document,
    Measure,
    Section,
    Version,
)
from pnyx.programs.selectors.documents import draft_sections

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    """The blank-line separated paragraphs of a Markdown text, trimmed, empty ones dropped."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text or "") if part.strip()]


def consultation_is_open(*, document: Document) -> bool:
    """Whether now lies within the document's consultation period."""
    opens, closes = document.consultation_opens_at, document.consultation_closes_at
    return opens is not None and closes is not None and opens <= timezone.now() < closes


def amendment_path(*, amendment: Amendment) -> str:
    """The amendment's place on the consultation page."""
    url = reverse("programs:consultation", kwargs={"slug": amendment.document.slug})
    return f"{url}#amendment-{amendment.pk}"


@dataclass
class ShownParagraph:
    """A paragraph of the draft with the annotations made on it."""

    target: str
    target_id: int
    number: int
    text: str
    annotations: list[Annotation] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Names the paragraph in the page and in a refused comment form."""
        return paragraph_key(self.target, self.target_id, self.number)


def paragraph_key(target: str, target_id: object, number: object) -> str:
    return f"{target}-{target_id}-{number}"


@dataclass
class ConsultedMeasure:
    measure: Measure
    label: str
    paragraphs: list[ShownParagraph]
    amendments: list[Amendment] = field(default_factory=list)


@dataclass
class ConsultedSection:
    section: Section
    number: int
    intro: list[ShownParagraph]
    measures: list[ConsultedMeasure]


@dataclass
class Consultation:
    """The draft as the consultation page shows it: each paragraph with its annotations, each
    measure with its amendments, and what concerns parts the editors have since removed."""

    sections: list[ConsultedSection]
    orphan_annotations: list[Annotation]
    orphan_amendments: list[Amendment]
    supported: set[int]
    open_amendments: int


def _shown(target: str, target_id: int, text: str, notes: list[Annotation]) -> list[ShownParagraph]:
    shown = [
        ShownParagraph(target, target_id, number, part)
        for number, part in enumerate(paragraphs(text), 1)
    ]
    for note in notes:
        if shown:
            shown[min(note.paragraph, len(shown)) - 1].annotations.append(note)
    return shown


def consultation(*, document: Document, user: Any) -> Consultation:
    """Everything the consultation page shows, in six queries whatever the size of the draft."""
    notes = list(document.annotations.select_related("author"))
    amendments = list(
        document.amendments.select_related("author", "version").order_by(
            "-support_count", "created_at", "pk"
        )
    )
    by_measure: dict[int | None, list[Annotation]] = {}
    by_section: dict[int | None, list[Annotation]] = {}
    orphans = []
    for note in notes:
        if note.measure_id is not None:
            by_measure.setdefault(note.measure_id, []).append(note)
        elif note.section_id is not None:
            by_section.setdefault(note.section_id, []).append(note)
        else:
            orphans.append(note)
    proposed: dict[int | None, list[Amendment]] = {}
    for amendment in amendments:
        amendment.document = document
        proposed.setdefault(amendment.measure_id, []).append(amendment)
    sections = [
        ConsultedSection(
            section=section,
            number=number,
            intro=_shown("section", section.pk, section.intro, by_section.get(section.pk, [])),
            measures=[
                ConsultedMeasure(
                    measure=measure,
                    label=f"{number}.{index}",
                    paragraphs=_shown(
                        "measure", measure.pk, measure.text, by_measure.get(measure.pk, [])
                    ),
                    amendments=proposed.get(measure.pk, []),
                )
                for index, measure in enumerate(section.measures.all(), start=1)
            ],
        )
        for number, section in enumerate(draft_sections(document=document), start=1)
    ]
    supported: set[int] = set()
    if getattr(user, "is_authenticated", False) and amendments:
        supported = set(
            AmendmentSupport.objects.filter(user=user, amendment__document=document).values_list(
                "amendment_id", flat=True
            )
        )
    return Consultation(
        sections=sections,
        orphan_annotations=orphans,
        orphan_amendments=proposed.get(None, []),
        supported=supported,
        open_amendments=sum(a.status == AmendmentStatus.OPEN for a in amendments),
    )


def annotation_get(*, document: Document, pk: int) -> Annotation:
    annotation = document.annotations.filter(pk=pk).first()
    if annotation is None:
        raise Http404("No such comment.")
    annotation.document = document
    return annotation


def amendment_get(*, document: Document, pk: int) -> Amendment:
    amendment = document.amendments.filter(pk=pk).select_related("measure__section").first()
    if amendment is None:
        raise Http404("No such amendment.")
    amendment.document = document
    return amendment


def amendments_credited(*, version: Version) -> list[Amendment]:
    """The amendments a version took up, in the order of the measures they changed."""
    order = {
        measure["id"]: (section_index, measure_index)
        for section_index, section in enumerate(version.content.get("sections", []))
        for measure_index, measure in enumerate(section["measures"])
    }
    credited = list(version.amendments.select_related("author"))
    return sorted(
        credited, key=lambda amendment: (order.get(amendment.measure_id, (999, 0)), amendment.pk)
    )


def amendments_to_credit(*, document: Document) -> list[Amendment]:
    """Amendments accepted since the latest version: the next version will credit them."""
    return list(
        document.amendments.filter(status=AmendmentStatus.ACCEPTED, version__isnull=True)
        .select_related("author", "measure__section")
        .order_by("decided_at", "pk")
    )


def document_get_consulted(*, pk: int, user: Any) -> Document | None:
    """A document whose consultation the person may read (opened, or they edit it), by id."""
    document = Document.objects.select_related("organisation").filter(pk=pk).first()
    if document is None or not user.has_perm("programs.view_consultation", document):
        return None
    return document


def amendment_list(*, document: Document, status: str = "") -> QuerySet[Amendment]:
    """The document's amendments, oldest first, optionally of one status."""
    amendments = document.amendments.select_related("author", "version")
    if status:
        amendments = amendments.filter(status=status)
    return amendments.order_by("created_at", "pk")


def measure_in_draft(*, document: Document, pk: int) -> Measure | None:
    """A measure of the document's draft, by id; None when it is not (or no longer) there."""
    measure = Measure.objects.filter(pk=pk, section__document=document).select_related("section")
    found = measure.first()
    if found is not None:
        found.section.document = document
    return found
