"""Reads of programs and charters shared by the pages: lists, drafts, versions, citations and
coverage. Drafts stay secret: a document without a published version (or an opened consultation)
is a 404 for anyone who may not edit it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from pnyx.orgs.models import MembershipStatus, Organisation, Role
from pnyx.participation.models import Process, ProcessStatus, Proposition, PropositionStatus
from pnyx.programs.models import (
    Citation,
    CoverageNote,
    Document,
    Measure,
    Section,
    Version,
)

#: How many of a process's propositions the coverage view and the citing choice show.
TOP_PROPOSITIONS = 20


def document_list_published(*, query: str = "", organisation: str = "") -> QuerySet[Document]:
    """Documents with a published version, newest first, by words of the title and by the slug of
    their organisation."""
    documents = Document.objects.filter(latest_version__isnull=False)
    if query:
        documents = documents.filter(title__icontains=query)
    if organisation:
        documents = documents.filter(organisation__slug=organisation)
    return documents.select_related("organisation", "latest_version").order_by(
        "-latest_version__published_at", "pk"
    )


def document_get_published(*, pk: int) -> Document | None:
    """A document with a published version, by id; None for an unknown id or a draft."""
    return (
        Document.objects.filter(pk=pk, latest_version__isnull=False)
        .select_related("organisation", "latest_version")
        .first()
    )


def document_list_drafts(*, user: Any) -> QuerySet[Document]:
    """Documents not yet published that the person may edit."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Document.objects.none()
    drafts = Document.objects.filter(latest_version__isnull=True).select_related("organisation")
    if user.is_staff:
        return drafts
    return drafts.filter(
        organisation__memberships__user=user,
        organisation__memberships__role=Role.ADMIN,
        organisation__memberships__status=MembershipStatus.ACTIVE,
    )


def organisation_filter_choices() -> list[tuple[str, str]]:
    """Organisations with at least one published document, as (slug, name)."""
    return list(
        Organisation.objects.filter(documents__latest_version__isnull=False)
        .distinct()
        .order_by("sort_name")
        .values_list("slug", "name")
    )


def document_get_visible(*, slug: str, user: Any) -> Document:
    """The document with this slug, or Http404 when unknown or a draft the person may not edit."""
    document = (
        Document.objects.select_related("organisation", "latest_version").filter(slug=slug).first()
    )
    if document is None or not user.has_perm("programs.view_document", document):
        raise Http404("No such document.")
    return document


def draft_sections(*, document: Document) -> list[Section]:
    """The working draft: sections with their measures and each measure's cited propositions."""
    sources = Prefetch("sources", queryset=Proposition.objects.only("pk", "title"))
    measures = Prefetch("measures", queryset=Measure.objects.prefetch_related(sources))
    return list(document.sections.prefetch_related(measures))


def version_list(*, document: Document) -> QuerySet[Version]:
    return document.versions.only(
        "pk", "document_id", "number", "major", "minor", "published_at", "content_hash"
    )


def version_get(*, document: Document, number: str) -> Version:
    """A published version by number, or Http404."""
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    version.document = document
    return version


def propositions_by_ids(*, ids: list[int]) -> dict[int, Proposition]:
    """Propositions by id with their process (for titles and links)."""
    found = Proposition.objects.filter(pk__in=ids).select_related("process")
    return {proposition.pk: proposition for proposition in found}


def visible_proposition_ids(*, ids: list[int]) -> set[int]:
    """Of these ids, those of propositions a person may cite: published, in a public process."""
    return set(
        Proposition.objects.filter(
            pk__in=ids, status=PropositionStatus.PUBLISHED, hidden_at__isnull=True
        )
        .exclude(process__status=ProcessStatus.DRAFT)
        .values_list("pk", flat=True)
    )


def process_list_public() -> QuerySet[Process]:
    """Consultations whose propositions may be cited, by title."""
    return (
        Process.objects.exclude(status=ProcessStatus.DRAFT).order_by("title").only("slug", "title")
    )


def process_get_public(*, slug: str) -> Process:
    process = Process.objects.exclude(status=ProcessStatus.DRAFT).filter(slug=slug).first()
    if process is None:
        raise Http404("No such consultation.")
    return process


def top_propositions(*, process: Process, limit: int = TOP_PROPOSITIONS) -> list[Proposition]:
    """The process's visible propositions with the most support and agreement."""
    return list(
        Proposition.objects.filter(
            process=process, status=PropositionStatus.PUBLISHED, hidden_at__isnull=True
        )
        .order_by(-(F("support_count") + F("agree_count")), "-support_count", "pk")
        .only("pk", "title", "support_count", "agree_count", "process_id")[:limit]
    )


def citations_of_proposition(*, proposition_id: int) -> list[Citation]:
    """Measures of each document's latest published version citing the proposition (one query)."""
    return list(
        Citation.objects.filter(
            proposition_id=proposition_id, version=F("version__document__latest_version")
        )
        .select_related("version__document")
        .only(
            "label",
            "measure_id",
            "version__number",
            "version__document__slug",
            "version__document__title",
        )
        .order_by("version__document__title", "label")
    )


@dataclass(frozen=True)
class CoverageRow:
    """One of a process's top propositions: the measures citing it, or the editors' reason."""

    proposition: Proposition
    labels: list[str]
    reason: str


def coverage(*, document: Document, process: Process) -> list[CoverageRow]:
    """The process's top propositions against the document's latest published version."""
    propositions = top_propositions(process=process)
    ids = [proposition.pk for proposition in propositions]
    labels: dict[int, list[str]] = {}
    if document.latest_version_id is not None:
        cited = Citation.objects.filter(
            version_id=document.latest_version_id, proposition_id__in=ids
        )
        for proposition_id, label in cited.values_list("proposition_id", "label"):
            labels.setdefault(proposition_id, []).append(label)
    reasons = dict(
        CoverageNote.objects.filter(document=document, proposition_id__in=ids).values_list(
            "proposition_id", "reason"
        )
    )
    return [
        CoverageRow(
            proposition=proposition,
            labels=labels.get(proposition.pk, []),
            reason=reasons.get(proposition.pk, ""),
        )
        for proposition in propositions
    ]


@dataclass(frozen=True)
class ShownMeasure:
    id: int
    label: str
    text: str
    sources: list[Proposition]


@dataclass(frozen=True)
class ShownSection:
    title: str
    intro: str
    measures: list[ShownMeasure]


def version_sections(*, version: Version) -> list[ShownSection]:
    """A version's snapshot with labels ("2.3") and the cited propositions (one query)."""
    sections = version.content.get("sections", [])
    ids = [
        pk for section in sections for measure in section["measures"] for pk in measure["sources"]
    ]
    found = propositions_by_ids(ids=ids) if ids else {}
    return [
        ShownSection(
            title=section["title"],
            intro=section["intro"],
            measures=[
                ShownMeasure(
                    id=measure["id"],
                    label=f"{section_index}.{measure_index}",
                    text=measure["text"],
                    sources=[found[pk] for pk in measure["sources"] if pk in found],
                )
                for measure_index, measure in enumerate(section["measures"], start=1)
            ],
        )
        for section_index, section in enumerate(sections, start=1)
    ]


def section_get(*, document: Document, pk: int) -> Section:
    section = document.sections.filter(pk=pk).first()
    if section is None:
        raise Http404("No such section.")
    section.document = document
    return section


def section_choices(*, document: Document) -> list[tuple[int, str]]:
    """The draft's sections as (id, title), in order."""
    return list(document.sections.values_list("pk", "title"))


def measure_get(*, document: Document, pk: int) -> Measure:
    measure = (
        Measure.objects.filter(pk=pk, section__document=document)
        .select_related("section")
        .prefetch_related("sources")
        .first()
    )
    if measure is None:
        raise Http404("No such measure.")
    measure.section.document = document
    return measure
