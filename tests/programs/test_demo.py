"""The demo program and charter: versions, citations, coverage, audit log and idempotence."""

import pytest
from django.urls import reverse

from pnyx.accounts import demo as accounts_demo
from pnyx.core import audit
from pnyx.core.models import AuditEntry
from pnyx.orgs import demo as orgs_demo
from pnyx.participation import demo as participation_demo
from pnyx.participation.models import Process, Proposition
from pnyx.programs import demo, selectors
from pnyx.programs.models import (
    AmendmentStatus,
    Citation,
    CoverageNote,
    Document,
    Endorsement,
    Measure,
    Section,
    Version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def night(django_capture_on_commit_callbacks):
    accounts_demo.load()
    orgs_demo.load()
    with django_capture_on_commit_callbacks(execute=True):
        participation_demo.load()
    demo.load()
    return Process.objects.get(title="Democracy Night")


def _program():
    return Document.objects.get(title=demo.PROGRAM_TITLE)


def test_the_program_has_versions_1_1_and_1_2_with_their_changelogs(night):
    program = _program()
    versions = {version.number: version for version in program.versions.all()}

    assert program.organisation.name == "Open Budget Lab"
    assert program.created_by.email == demo.AMINA
    assert sorted(versions) == ["1.1", "1.2"]
    assert program.latest_version == versions["1.2"]
    assert "take the wording of two amendments" in versions["1.2"].changelog
    first, second = versions["1.1"].content, versions["1.2"].content
    assert [len(section["measures"]) for section in first["sections"]] == [3, 3, 3]
    assert [len(section["measures"]) for section in second["sections"]] == [4, 3, 3]
    reworded = [
        old["id"]
        for old_section, new_section in zip(first["sections"], second["sections"], strict=True)
        for old, new in zip(old_section["measures"], new_section["measures"], strict=False)
        if old["id"] == new["id"] and old["text"] != new["text"]
    ]
    assert len(reworded) == 2


def test_version_1_2_comes_from_an_amendment_round_and_a_second_round_is_open(night, client):
    program = _program()
    amendments = {amendment.text: amendment for amendment in program.amendments.all()}

    accepted = [a for a in amendments.values() if a.status == AmendmentStatus.ACCEPTED]
    rejected = [a for a in amendments.values() if a.status == AmendmentStatus.REJECTED]
    waiting = [a for a in amendments.values() if a.status == AmendmentStatus.OPEN]
    assert {a.version.number for a in accepted} == {"1.2"}
    assert {a.author.email for a in accepted} == {demo.SOFIA, demo.LUCAS}
    assert all(a.support_count > 0 for a in accepted)
    assert len(rejected) == 1
    assert "entitled to a benefit" in rejected[0].reason
    assert len(waiting) == 1
    assert program.annotations.count() == 3
    page = client.get(f"/programs/{program.slug}/consultation/").content.decode()
    assert "Open until" in page
    assert "1 amendment awaits the editors' decision." in page
    version = client.get(f"/programs/{program.slug}/v/1.2/").content.decode()
    assert "Amendments taken up in this version" in version


def test_every_measure_cites_top_propositions_of_its_question(night):
    program = _program()
    questions = list(night.questions.order_by("position"))

    for version in program.versions.all():
        for section, question in zip(version.content["sections"], questions, strict=True):
            best = set(
                Proposition.objects.filter(question=question)
                .order_by("-support_count", "pk")
                .values_list("pk", flat=True)[:6]
            )
            for measure in section["measures"]:
                assert 1 <= len(measure["sources"]) <= 3
                assert set(measure["sources"]) <= best
    cited = Citation.objects.filter(version__document=program)
    assert set(cited.values_list("proposition__process", flat=True)) == {night.pk}


def test_the_coverage_shows_used_and_unused_top_propositions_with_reasons(night, client):
    program = _program()
    rows = selectors.coverage(document=program, process=night)
    cited = set(
        Citation.objects.filter(version=program.latest_version).values_list(
            "proposition_id", flat=True
        )
    )
    reasons = dict(
        CoverageNote.objects.filter(document=program).values_list("proposition", "reason")
    )

    used = [row for row in rows if row.labels]
    assert len(rows) == selectors.TOP_PROPOSITIONS
    assert (len(used), len(rows) - len(used)) == (13, 7)
    assert {row.proposition.pk for row in used} == {row.proposition.pk for row in rows} & cited
    with_reason = [row for row in rows if row.reason]
    assert [row.proposition.title for row in with_reason] == [
        title for title, _ in demo.COVERAGE_REASONS
    ]
    assert all(not row.labels for row in with_reason)
    assert {row.proposition.pk: row.reason for row in with_reason} == reasons

    page = client.get(
        reverse("programs:coverage", kwargs={"slug": program.slug, "process_slug": night.slug})
    ).content.decode()
    assert page.count("Not in the document.") == 7
    assert page.count("The editors have not given a reason yet.") == 5
    assert "In measures 2.1." in page


def test_the_charter_has_one_published_version_by_another_organisation(night):
    charter = Document.objects.get(title=demo.CHARTER_TITLE)

    assert charter.kind == "charter"
    assert charter.organisation.name == demo.CHARTER_ORGANISATION
    assert list(charter.versions.values_list("number", flat=True)) == ["1.1"]
    assert len(charter.latest_version.content["sections"][0]["measures"]) == 4


def test_versions_are_in_a_sound_audit_log_and_a_second_run_adds_nothing(night):
    published = AuditEntry.objects.filter(action="programs.version_published")
    counts = [
        model.objects.count()
        for model in (Document, Section, Measure, Version, Citation, CoverageNote, AuditEntry)
    ]

    demo.load()

    assert published.count() == 3
    assert [
        model.objects.count()
        for model in (Document, Section, Measure, Version, Citation, CoverageNote, AuditEntry)
    ] == counts
    assert audit.verify().ok


def test_without_the_consultation_or_the_people_the_demo_writes_nothing():
    demo.load()

    assert not Document.objects.exists()


def test_the_charter_is_endorsed_by_organisations_and_people_once(night):
    charter = Document.objects.get(title=demo.CHARTER_TITLE)
    endorsements = selectors.version_endorsements(version=charter.latest_version)
    audited = AuditEntry.objects.filter(action="programs.endorsement_added")
    before = (Endorsement.objects.count(), AuditEntry.objects.count())

    demo.load()

    assert sorted(row.organisation.name for row in endorsements.organisations) == sorted(
        name for name, _ in demo.CHARTER_ORGANISATION_ENDORSERS
    )
    assert endorsements.person_count == len(demo.CHARTER_PERSON_ENDORSERS)
    assert audited.count() == 3
    assert (Endorsement.objects.count(), AuditEntry.objects.count()) == before
    assert audit.verify().ok
