"""Reads of programs and charters shared by the pages: lists, drafts, versions, citations and
coverage. Drafts stay secret: a document without a published version is a 404 for anyone who may
not edit it."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from pnyx.orgs.models import MembershipStatus, Organisation, Role
from pnyx.participation.models import Process, ProcessStatus, Proposition, PropositionStatus
from pnyx.programs.models import (
    Amendment,
    AmendmentStatus,
    AmendmentSupport,
    Annotation,
    Citation,
    CoverageNote,
    Document,
    Endorsement,
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


# The consultation on a draft.

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


# --- Endorsements -------------------------------------------------------------------------------

#: How many endorsers of each kind a version page names; the counts and the API give the rest.
ENDORSERS_SHOWN = 100


def _endorsers_in_order(rows: QuerySet[Endorsement]) -> QuerySet[Endorsement]:
    return rows.select_related("person", "organisation", "version").order_by(
        "-version__major",
        "-version__minor",
        F("organisation__sort_name").asc(nulls_last=True),
        "created_at",
        "pk",
    )


def endorsement_list(
    *, document: Document, version: Version | None = None
) -> QuerySet[Endorsement]:
    """Active endorsements of the document, or of one of its versions: newest version first, then
    organisations by name, then people in the order they endorsed; endorsers loaded with them."""
    rows = Endorsement.objects.filter(document=document, withdrawn_at__isnull=True)
    if version is not None:
        rows = rows.filter(version=version)
    return _endorsers_in_order(rows)


@dataclass(frozen=True)
class VersionEndorsements:
    """Who endorses a version: organisations and people (at most `ENDORSERS_SHOWN` each named)
    and how many of each there are."""

    organisations: list[Endorsement]
    people: list[Endorsement]
    organisation_count: int
    person_count: int

    @property
    def more_organisations(self) -> int:
        return self.organisation_count - len(self.organisations)

    @property
    def more_people(self) -> int:
        return self.person_count - len(self.people)


def version_endorsements(*, version: Version) -> VersionEndorsements:
    """The public list of a version's active endorsements (two queries; a third counts them
    when one list is longer than what the page names)."""
    rows = _endorsers_in_order(
        Endorsement.objects.filter(version=version, withdrawn_at__isnull=True)
    )
    organisations = list(rows.filter(organisation__isnull=False)[:ENDORSERS_SHOWN])
    people = list(rows.filter(person__isnull=False)[:ENDORSERS_SHOWN])
    counts = {"organisations": len(organisations), "people": len(people)}
    if ENDORSERS_SHOWN in counts.values():
        counts = rows.order_by().aggregate(
            organisations=Count("pk", filter=Q(organisation__isnull=False)),
            people=Count("pk", filter=Q(person__isnull=False)),
        )
    return VersionEndorsements(
        organisations=organisations,
        people=people,
        organisation_count=counts["organisations"],
        person_count=counts["people"],
    )


def _earlier_than(version: Version) -> Q:
    return Q(version__major__lt=version.major) | Q(
        version__major=version.major, version__minor__lt=version.minor
    )


def endorsements_awaiting_confirmation(*, version: Version) -> list[Endorsement]:
    """Endorsers of an earlier version who have not endorsed this one, each with the newest
    version they endorse: organisations by name, then people by name (one query)."""
    confirmed = Endorsement.objects.filter(version=version, withdrawn_at__isnull=True)
    earlier = (
        Endorsement.objects.filter(document_id=version.document_id, withdrawn_at__isnull=True)
        .filter(_earlier_than(version))
        .exclude(person__in=confirmed.filter(person__isnull=False).values("person"))
        .exclude(
            organisation__in=confirmed.filter(organisation__isnull=False).values("organisation")
        )
        .select_related("person", "organisation", "version")
        .order_by("-version__major", "-version__minor", "pk")
    )
    newest: dict[tuple[int | None, int | None], Endorsement] = {}
    for endorsement in earlier[: ENDORSERS_SHOWN * 10]:
        newest.setdefault((endorsement.person_id, endorsement.organisation_id), endorsement)
    organisations = [row for row in newest.values() if row.organisation is not None]
    people = [row for row in newest.values() if row.person is not None]
    organisations.sort(key=lambda row: row.organisation.sort_name if row.organisation else "")
    people.sort(key=lambda row: row.person.public_name.casefold() if row.person else "")
    return (organisations + people)[:ENDORSERS_SHOWN]


def endorsement_people_to_ask(*, version: Version) -> set[int]:
    """Ids of the people to ask to confirm for `version`: each person with an active endorsement
    of another version of the document, and each active administrator of an organisation with
    one (two queries)."""
    earlier = Endorsement.objects.filter(
        document_id=version.document_id, withdrawn_at__isnull=True
    ).exclude(version=version)
    people = set(
        earlier.filter(person__isnull=False).values_list("person_id", flat=True).distinct()
    )
    admins = Organisation.objects.filter(
        pk__in=earlier.filter(organisation__isnull=False).values("organisation"),
        memberships__role=Role.ADMIN,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__user__is_active=True,
    ).values_list("memberships__user_id", flat=True)
    return people | set(admins)


@dataclass(frozen=True)
class EndorserChoice:
    """Someone the viewer may endorse as: themselves (`organisation` None) or an organisation
    they administer, with the newest version it endorses ("" when none)."""

    organisation: Organisation | None
    number: str


def organisations_endorsing_as(*, user: Any) -> list[Organisation]:
    """The organisations the person actively administers, by name."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(
        Organisation.objects.filter(
            memberships__user=user,
            memberships__role=Role.ADMIN,
            memberships__status=MembershipStatus.ACTIVE,
        ).order_by("sort_name", "pk")
    )


def endorser_choices(*, user: Any, document: Document) -> list[EndorserChoice]:
    """The person first, then each organisation they administer, with what each endorses of the
    document now (two queries)."""
    organisations = organisations_endorsing_as(user=user)
    if not getattr(user, "is_authenticated", False):
        return []
    rows = (
        Endorsement.objects.filter(document=document, withdrawn_at__isnull=True)
        .filter(Q(person=user) | Q(organisation__in=[org.pk for org in organisations]))
        .order_by("-version__major", "-version__minor")
        .values_list("person_id", "organisation_id", "version__number")
    )
    newest: dict[int | None, str] = {}
    for person_id, organisation_id, number in rows:
        newest.setdefault(None if person_id else organisation_id, number)
    return [EndorserChoice(organisation=None, number=newest.get(None, ""))] + [
        EndorserChoice(organisation=org, number=newest.get(org.pk, "")) for org in organisations
    ]


def organisation_by_slug(*, slug: str) -> Organisation | None:
    """The organisation with this address name, or None."""
    return Organisation.objects.filter(slug=slug).first() if slug else None
