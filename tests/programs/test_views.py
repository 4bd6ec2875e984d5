"""The program pages: reading, editing through plain forms, comparing, coverage, bad input."""

import pytest

from pnyx.programs import services
from pnyx.programs.models import Measure, Version
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    ProcessFactory,
    PropositionFactory,
    SectionFactory,
    UserFactory,
    add_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return DocumentFactory(title="Open city")


@pytest.fixture
def admin(document):
    return add_admin(document.organisation)


def _published(document, admin, *texts):
    section = SectionFactory(document=document, title="Transparency")
    for text in texts or ("Open the budget",):
        MeasureFactory(section=section, text=text)
    return services.version_publish(actor=admin, document=document, changelog="First")


def test_an_editor_builds_and_publishes_a_document_through_the_forms(client, document, admin):
    proposition = PropositionFactory()
    client.force_login(admin)
    slug = document.slug

    client.post(f"/programs/{slug}/draft/sections/", {"title": "Budget", "intro": "Why"})
    section = document.sections.get()
    client.post(
        f"/programs/{slug}/draft/sections/{section.pk}/measures/",
        {"text": "Publish every line", "sources": f"#{proposition.pk}"},
    )
    response = client.post(f"/programs/{slug}/publish/", {"changelog": "First version"})

    assert response.status_code == 302
    assert response["Location"] == f"/programs/{slug}/v/1.1/"
    page = client.get(f"/programs/{slug}/").content.decode()
    assert "Measure 1.1" in page
    assert "Publish every line" in page
    assert f"#{proposition.pk} {proposition.title}" in page
    assert f'href="/programs/{slug}/coverage/{proposition.process.slug}/"' in page
    assert Measure.objects.get().sources.get() == proposition


def test_an_editor_cites_a_proposition_chosen_among_a_consultations_top(client, document, admin):
    process = ProcessFactory()
    chosen = PropositionFactory(process=process, question__process=process, support_count=5)
    measure = MeasureFactory(section__document=document)
    client.force_login(admin)
    url = f"/programs/{document.slug}/draft/measures/{measure.pk}/?process={process.slug}"

    assert f"#{chosen.pk} {chosen.title}" in client.get(url).content.decode()
    response = client.post(
        url,
        {"text": "Reworded", "sources": "", "picked": [chosen.pk], "section": measure.section_id},
    )

    assert response.status_code == 302
    assert list(measure.sources.all()) == [chosen]


@pytest.mark.parametrize(
    ("url", "data", "message"),
    [
        ("/draft/", {"kind": "program", "title": " ", "summary": ""}, "This field is required."),
        ("/draft/sections/", {"title": ""}, "This field is required."),
        ("/publish/", {"changelog": ""}, "This field is required."),
    ],
)
def test_bad_input_is_a_400_with_a_message(client, document, admin, url, data, message):
    client.force_login(admin)

    response = client.post(f"/programs/{document.slug}{url}", data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert document.sections.count() == 0


def test_an_unknown_proposition_is_a_400_with_a_message(client, document, admin):
    section = SectionFactory(document=document)
    client.force_login(admin)

    response = client.post(
        f"/programs/{document.slug}/draft/sections/{section.pk}/measures/",
        {"text": "Do it", "sources": "424242"},
    )
    garbled = client.post(
        f"/programs/{document.slug}/draft/sections/{section.pk}/measures/",
        {"text": "Do it", "sources": "twelve"},
    )

    assert response.status_code == garbled.status_code == 400
    assert "No published proposition has the number 424242." in response.content.decode()
    assert "Write proposition numbers separated by commas" in garbled.content.decode()
    assert section.measures.count() == 0


def test_a_duplicate_version_number_is_a_400(client, document, admin):
    _published(document, admin)
    client.force_login(admin)

    response = client.post(
        f"/programs/{document.slug}/publish/", {"changelog": "Again", "number": "1.1"}
    )

    assert response.status_code == 400
    assert "Version 1.1 is already published." in response.content.decode()
    assert Version.objects.count() == 1


def test_an_unknown_version_is_a_404(client, document, admin):
    _published(document, admin)

    assert client.get(f"/programs/{document.slug}/v/9.9/").status_code == 404
    assert client.get(f"/programs/{document.slug}/v/%3Cscript%3E/").status_code == 404


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("?from=1.1", 400),
        ("?from=1.1&to=7.7", 404),
        ("?from=<script>&to=1.1", 404),
        ("?from=1.1&to=1.2", 200),
    ],
)
def test_compare_parameters(client, document, admin, query, status):
    _published(document, admin)
    services.document_update(
        actor=admin, document=document, kind=document.kind, title="Open city 2", summary=""
    )
    services.version_publish(actor=admin, document=document, changelog="Second")

    response = client.get(f"/programs/{document.slug}/compare/{query}")

    assert response.status_code == status


def test_the_compare_page_highlights_each_change(client, document, admin):
    section = SectionFactory(document=document)
    kept = MeasureFactory(section=section, text="Open the budget")
    gone = MeasureFactory(section=section, text="Ban cars")
    services.version_publish(actor=admin, document=document, changelog="First")
    services.measure_update(
        actor=admin, measure=kept, text="Open the whole budget", source_ids=[], section=section
    )
    services.measure_delete(actor=admin, measure=gone)
    services.measure_add(actor=admin, section=section, text="Plant trees", source_ids=[])
    services.version_publish(actor=admin, document=document, changelog="Second")

    page = client.get(f"/programs/{document.slug}/compare/?from=1.1&to=1.2").content.decode()

    assert "<ins>whole </ins>" in page
    assert 'class="change-reworded"' in page
    assert 'class="change-added"' in page
    assert 'class="change-removed"' in page


def test_the_list_searches_titles_and_filters_by_organisation(client, document, admin):
    _published(document, admin)
    other = DocumentFactory(title="Green charter")
    _published(other, add_admin(other.organisation))
    DocumentFactory(title="Open secret draft")

    searched = client.get("/programs/", {"q": "open"}).content.decode()
    filtered = client.get("/programs/", {"organisation": other.organisation.slug}).content.decode()

    assert "Open city" in searched
    assert "Green charter" not in searched
    assert "Open secret draft" not in searched
    assert "Green charter" in filtered
    assert "Open city" not in filtered


def test_the_proposition_page_lists_the_measures_citing_it(client, document, admin):
    proposition = PropositionFactory()
    section = SectionFactory(document=document)
    MeasureFactory(section=section)
    MeasureFactory(section=section).sources.set([proposition])
    services.version_publish(actor=admin, document=document, changelog="First")

    page = client.get(proposition.get_absolute_url()).content.decode()

    assert "Cited in" in page
    assert "Measure 1.2 of Open city 1.1" in page
    assert f'href="/programs/{document.slug}/v/1.1/#measure-' in page


def test_the_cited_in_block_costs_one_query(django_assert_num_queries, document, admin):
    from pnyx.programs.selectors import citations_of_proposition

    proposition = PropositionFactory()
    MeasureFactory(section__document=document).sources.set([proposition])
    services.version_publish(actor=admin, document=document, changelog="First")

    with django_assert_num_queries(1):
        citations = citations_of_proposition(proposition_id=proposition.pk)
        labels = [(c.label, c.version.number, c.version.document.title) for c in citations]
    assert labels == [("1.1", "1.1", "Open city")]


def test_the_coverage_page_shows_measures_and_reasons_and_editors_set_them(client, document, admin):
    process = ProcessFactory()
    used = PropositionFactory(process=process, question__process=process, support_count=9)
    unused = PropositionFactory(process=process, question__process=process, support_count=8)
    _published(document, admin)
    Measure.objects.get().sources.set([used])
    services.version_publish(actor=admin, document=document, changelog="Second")
    url = f"/programs/{document.slug}/coverage/{process.slug}/"
    client.force_login(admin)

    response = client.post(url, {"proposition": unused.pk, "reason": "Out of our remit"})
    client.logout()
    page = client.get(url).content.decode()

    assert response.status_code == 302
    assert "In measures 1.1." in page
    assert "The editors' reason: Out of our remit" in page
    assert "<textarea" not in page
    assert client.post(url, {"proposition": unused.pk, "reason": "x"}).status_code == 404
    assert client.get(f"/programs/{document.slug}/coverage/no-such/").status_code == 404


def test_the_version_page_has_a_bounded_query_count(
    client, django_assert_max_num_queries, document, admin
):
    section = SectionFactory(document=document)
    for _n in range(15):
        MeasureFactory(section=section).sources.set([PropositionFactory() for _ in range(2)])
    services.version_publish(actor=admin, document=document, changelog="First")

    # The document, the version, the cited propositions, the list of versions, the amendments it
    # took up, and its endorsements (counts, organisations, people, those awaiting confirmation).
    with django_assert_max_num_queries(9):
        response = client.get(f"/programs/{document.slug}/v/1.1/")

    assert response.status_code == 200
    assert response.content.decode().count("Inspired by:") == 15


def test_moving_and_deleting_from_the_draft_page(client, document, admin):
    section = SectionFactory(document=document)
    first, second = MeasureFactory(section=section), MeasureFactory(section=section)
    client.force_login(admin)
    base = f"/programs/{document.slug}/draft/measures"

    moved = client.post(f"{base}/{second.pk}/move/", {"direction": "up"})
    sideways = client.post(f"{base}/{second.pk}/move/", {"direction": "sideways"})
    deleted = client.post(f"{base}/{first.pk}/delete/")

    assert moved.status_code == deleted.status_code == 302
    assert sideways.status_code == 400
    assert "Move up or down." in sideways.content.decode()
    assert list(section.measures.all()) == [second]
    assert client.post(f"{base}/999999/delete/").status_code == 404


def test_an_administrator_starts_a_document_and_others_may_not(client, document, admin):
    client.force_login(admin)
    org = document.organisation.slug

    empty = client.post("/programs/new/", {"organisation": org, "kind": "charter", "title": ""})
    created = client.post(
        "/programs/new/", {"organisation": org, "kind": "charter", "title": "Our charter"}
    )
    client.force_login(UserFactory())
    refused = client.get("/programs/new/")

    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    assert created.status_code == 302
    assert created["Location"] == "/programs/our-charter/draft/"
    assert refused.status_code == 403
    assert client.get("/programs/our-charter/").status_code == 404
