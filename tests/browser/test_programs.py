"""Programs in a real browser: the list, a version, the comparison of two versions, the coverage
view and the draft editor pass axe-core and fit a 360 px screen."""

import pytest

from pnyx.programs import services
from tests.browser.consultation_steps import log_in
from tests.participation.factories import ProcessFactory, PropositionFactory
from tests.programs.factories import OrganisationFactory, UserFactory, add_admin

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/programs/",
    "/programs/civic-program/",
    "/programs/civic-program/v/1.1/",
    "/programs/civic-program/compare/?from=1.1&to=1.2",
]


@pytest.fixture
def program():
    """A program with two published versions; the second rewords its measure and adds one."""
    editor = UserFactory(email="editor@example.org")
    organisation = OrganisationFactory()
    add_admin(organisation, editor)
    process = ProcessFactory(slug="democracy-night")
    idea = PropositionFactory(question__process=process, title="Teach data literacy at school")
    document = services.document_create(
        actor=editor, organisation=organisation, kind="program", title="Civic program"
    )
    section = services.section_add(actor=editor, document=document, title="Educate citizens")
    measure = services.measure_add(
        actor=editor, section=section, text="Courses on open data.", source_ids=[idea.pk]
    )
    services.version_publish(actor=editor, document=document, changelog="First version.")
    services.measure_update(
        actor=editor,
        measure=measure,
        text="Courses on open data in every school.",
        source_ids=[idea.pk],
        section=section,
    )
    services.measure_add(
        actor=editor, section=section, text="Credits for civic engagement.", source_ids=[]
    )
    services.version_publish(actor=editor, document=document, changelog="After the amendments.")
    return document


@pytest.mark.parametrize("path", PAGES)
def test_public_program_pages_are_accessible_at_360_pixels(page, assert_accessible, program, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_the_comparison_shows_the_reworded_and_the_added_measure(page, program):
    page.goto("/programs/civic-program/compare/?from=1.1&to=1.2")

    text = page.locator("main").inner_text()
    assert "Credits for civic engagement." in text
    assert "every school" in text


def test_the_editor_pages_are_accessible_at_360_pixels(page, assert_accessible, program):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "editor@example.org")

    for path in (
        "/programs/civic-program/draft/",
        "/programs/civic-program/publish/",
        "/programs/civic-program/coverage/democracy-night/",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page)
