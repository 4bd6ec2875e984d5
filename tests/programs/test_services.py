"""Writing documents, publishing versions, provenance and coverage reasons."""

import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.core import audit
from pnyx.core.models import AuditEntry
from pnyx.participation.models import PropositionStatus
from pnyx.programs import selectors, services
from pnyx.programs.models import Citation, CoverageNote, Version
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    PropositionFactory,
    SectionFactory,
    add_admin,
    add_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return DocumentFactory()


@pytest.fixture
def admin(document):
    return add_admin(document.organisation)


def test_an_administrator_starts_a_document_with_a_unique_slug(document, admin):
    first = services.document_create(
        actor=admin, organisation=document.organisation, kind="charter", title="New"
    )
    second = services.document_create(
        actor=admin, organisation=document.organisation, kind="program", title="New"
    )

    assert (first.slug, second.slug) == ("new-2", "new-3")
    assert first.kind == "charter"
    assert first.created_by == admin


def test_a_member_may_not_start_a_document(document):
    member = add_member(document.organisation)

    with pytest.raises(PermissionDenied):
        services.document_create(
            actor=member, organisation=document.organisation, kind="program", title="Mine"
        )
    assert document.organisation.documents.count() == 1


def test_an_empty_title_is_refused(document, admin):
    with pytest.raises(ValidationError) as error:
        services.section_add(actor=admin, document=document, title="  ")

    assert error.value.message_dict == {"title": ["This field is required."]}
    assert document.sections.count() == 0


def test_an_unknown_or_hidden_proposition_cannot_be_cited(document, admin):
    section = SectionFactory(document=document)
    withdrawn = PropositionFactory(status=PropositionStatus.WITHDRAWN)

    with pytest.raises(ValidationError) as error:
        services.measure_add(
            actor=admin, section=section, text="Do it", source_ids=[999999, withdrawn.pk]
        )

    assert error.value.message_dict == {
        "sources": [f"No published proposition has the number {withdrawn.pk}, 999999."]
    }
    assert section.measures.count() == 0


def test_measures_and_sections_move_up_and_down(document, admin):
    section = SectionFactory(document=document)
    first, second = (
        services.measure_add(actor=admin, section=section, text=text, source_ids=[])
        for text in ("one", "two")
    )

    services.measure_move(actor=admin, measure=second, direction="up")

    assert [m.text for m in section.measures.all()] == ["two", "one"]
    other = services.section_add(actor=admin, document=document, title="Other")
    services.section_move(actor=admin, section=other, direction="up")
    assert [s.title for s in document.sections.all()] == ["Other", section.title]
    with pytest.raises(ValidationError):
        services.section_move(actor=admin, section=other, direction="sideways")


def test_versions_are_numbered_from_1_1_then_by_minor(document, admin):
    section = SectionFactory(document=document)

    def publish(changelog, number=""):
        MeasureFactory(section=section, text=changelog)
        return services.version_publish(
            actor=admin, document=document, changelog=changelog, number=number
        ).number

    numbers = [publish(f"Change {n}") for n in range(3)]
    numbers.append(publish("Big", number="2.0"))
    numbers.append(publish("Next"))

    assert numbers == ["1.1", "1.2", "1.3", "2.0", "2.1"]
    document.refresh_from_db()
    assert document.latest_version.number == "2.1"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1.1", "Version 1.1 is already published."),
        ("1.0", "The number must come after the latest version, 1.1."),
        ("one", "Write the number as two whole numbers with a dot, such as 1.1."),
    ],
)
def test_a_bad_version_number_is_refused(document, admin, number, message):
    MeasureFactory(section__document=document)
    services.version_publish(actor=admin, document=document, changelog="First")

    with pytest.raises(ValidationError) as error:
        services.version_publish(actor=admin, document=document, changelog="Again", number=number)

    assert error.value.message_dict == {"number": [message]}
    assert document.versions.count() == 1


def test_publishing_needs_a_changelog_and_a_measure(document, admin):
    with pytest.raises(ValidationError) as missing:
        services.version_publish(actor=admin, document=document, changelog="")
    with pytest.raises(ValidationError) as empty:
        services.version_publish(actor=admin, document=document, changelog="First")

    assert missing.value.message_dict == {"changelog": ["This field is required."]}
    assert empty.value.messages == ["Add at least one measure before publishing."]
    assert Version.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_member_may_not_publish(document):
    MeasureFactory(section__document=document)

    with pytest.raises(PermissionDenied):
        services.version_publish(
            actor=add_member(document.organisation), document=document, changelog="Mine"
        )
    assert Version.objects.count() == 0


def test_a_published_version_does_not_change_with_the_draft(document, admin):
    measure = MeasureFactory(section__document=document, text="Open the budget")
    first = services.version_publish(actor=admin, document=document, changelog="First")
    frozen, frozen_hash = first.content, first.content_hash

    services.measure_update(
        actor=admin, measure=measure, text="Close it", source_ids=[], section=measure.section
    )
    services.measure_add(actor=admin, section=measure.section, text="More", source_ids=[])
    second = services.version_publish(actor=admin, document=document, changelog="Second")

    first.refresh_from_db()
    assert first.content == frozen
    assert first.content_hash == frozen_hash == services.content_hash(first.content)
    assert first.content["sections"][0]["measures"][0]["text"] == "Open the budget"
    assert second.content["sections"][0]["measures"][0]["text"] == "Close it"
    assert second.content_hash != frozen_hash


def test_publishing_is_an_audit_entry_with_the_hash_of_the_content(document, admin):
    proposition = PropositionFactory()
    measure = MeasureFactory(section__document=document)
    measure.sources.set([proposition])

    version = services.version_publish(actor=admin, document=document, changelog="First")

    entry = AuditEntry.objects.get(action="programs.version_published")
    canonical = json.dumps(
        version.content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert hashlib.sha256(canonical.encode()).hexdigest() == version.content_hash
    assert entry.data == {
        "document": document.pk,
        "number": "1.1",
        "content_hash": version.content_hash,
    }
    assert entry.target_id == str(version.pk)
    assert audit.verify().ok
    assert version.content["sections"][0]["measures"][0]["sources"] == [proposition.pk]


def test_citations_follow_the_latest_version(document, admin):
    proposition = PropositionFactory()
    section = SectionFactory(document=document)
    MeasureFactory(section=section)
    cited = services.measure_add(
        actor=admin, section=section, text="Cite", source_ids=[proposition.pk]
    )
    services.version_publish(actor=admin, document=document, changelog="First")

    assert [
        (c.label, c.version.number)
        for c in selectors.citations_of_proposition(proposition_id=proposition.pk)
    ] == [("1.2", "1.1")]

    services.measure_update(actor=admin, measure=cited, text="Cite", source_ids=[], section=section)
    services.version_publish(actor=admin, document=document, changelog="Second")

    assert selectors.citations_of_proposition(proposition_id=proposition.pk) == []
    assert Citation.objects.filter(proposition=proposition).count() == 1


def test_coverage_lists_top_propositions_with_measures_or_reasons(document, admin):
    process = PropositionFactory().process
    top, middle, low = (
        PropositionFactory(process=process, question__process=process, support_count=count)
        for count in (30, 20, 10)
    )
    MeasureFactory(section__document=document).sources.set([middle])
    services.version_publish(actor=admin, document=document, changelog="First")
    services.coverage_note_set(
        actor=admin, document=document, proposition_id=top.pk, reason="Too costly"
    )

    rows = selectors.coverage(document=document, process=process)

    assert [(row.proposition, row.labels, row.reason) for row in rows[:3]] == [
        (top, [], "Too costly"),
        (middle, ["1.1"], ""),
        (low, [], ""),
    ]


def test_an_empty_reason_clears_the_note(document, admin):
    proposition = PropositionFactory()
    services.coverage_note_set(
        actor=admin, document=document, proposition_id=proposition.pk, reason="No"
    )

    services.coverage_note_set(
        actor=admin, document=document, proposition_id=proposition.pk, reason=""
    )

    assert CoverageNote.objects.count() == 0
