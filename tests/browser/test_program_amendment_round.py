"""A program's life in a real browser: an editor drafts version 1.1 from a consultation's
propositions and opens the draft for consultation, a citizen proposes an amendment, the editor
accepts it and publishes 1.2, and anyone compares the two versions. Each page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.consultation_steps import log_in, new_page
from tests.participation.factories import ProcessFactory, PropositionFactory
from tests.programs.factories import OrganisationFactory, UserFactory, add_admin

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR, CITIZEN = "editor@example.org", "citizen@example.org"


@pytest.fixture
def setting():
    organisation = OrganisationFactory(name="Open Budget Lab")
    add_admin(organisation, UserFactory(email=EDITOR, display_name="Eda"))
    UserFactory(email=CITIZEN, display_name="Amina")
    process = ProcessFactory(slug="democracy-night", title="Democracy Night")
    return PropositionFactory(question__process=process, title="Teach data literacy at school")


def _draft_1_1(page, idea):
    page.goto("/programs/new/")
    page.get_by_label("Title").fill("Civic program")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("h1")).to_have_text("Draft of Civic program")
    page.get_by_label("Section title").fill("Educate citizens")
    page.get_by_role("button", name="Add the section").click()
    page.get_by_text("Add a measure to this section").click()
    page.get_by_label("Measure", exact=True).fill("Courses on open data.")
    page.get_by_label("Cited propositions").fill(f"#{idea.pk}")
    page.get_by_role("button", name="Add the measure").click()
    page.get_by_role("link", name="Publish a version").first.click()
    page.get_by_label("What changed").fill("First version, from the Democracy Night.")
    page.get_by_role("button", name="Publish").click()
    expect(page).to_have_url(f"{page.url.split('/programs/')[0]}/programs/civic-program/v/1.1/")
    expect(page.get_by_text("Teach data literacy at school")).to_be_visible()


def _open_consultation(page, assert_accessible):
    page.goto("/programs/civic-program/draft/")
    page.get_by_role("link", name="Open a consultation").click()
    closes = (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Open until").fill(closes)
    page.get_by_role("button", name="Open the consultation").click()
    expect(page.get_by_text("The consultation is open.")).to_be_visible()
    assert_accessible(page)


def test_a_draft_goes_from_propositions_through_an_amendment_to_version_1_2(
    page, browser, live_server, assert_accessible, setting
):
    log_in(page, EDITOR)
    _draft_1_1(page, setting)
    _open_consultation(page, assert_accessible)

    citizen = new_page(browser, live_server, width=360)
    log_in(citizen, CITIZEN)
    citizen.goto("/programs/civic-program/")
    citizen.get_by_text("Read the draft, comment and propose amendments").click()
    citizen.get_by_text("Propose an amendment to measure 1.1").click()
    citizen.get_by_label("Replacement text").fill("Courses on open data in every school.")
    citizen.get_by_label("Why").fill("Every pupil should have the chance, not only some.")
    citizen.get_by_role("button", name="Propose the amendment").click()
    expect(citizen.get_by_text("Your amendment is published.")).to_be_visible()
    expect(citizen.get_by_text("Amendment by Amina")).to_be_visible()
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(citizen)
    citizen.context.close()

    page.goto("/programs/civic-program/consultation/")
    page.get_by_text("Decide", exact=True).click()
    page.get_by_label("Accept: the measure takes this wording").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The amendment is accepted")).to_be_visible()
    page.goto("/programs/civic-program/publish/")
    expect(page.get_by_label("What changed")).to_contain_text("Amendment by Amina taken up")
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Version 1.2 is published.")).to_be_visible()
    expect(page.get_by_text("Amendments taken up in this version")).to_be_visible()

    visitor = new_page(browser, live_server)
    visitor.goto("/programs/civic-program/v/1.2/")
    visitor.get_by_role("button", name="Compare").click()
    expect(visitor.locator("main ins").first).to_be_visible()
    assert "in every school." in visitor.locator("main").inner_text()
    assert_accessible(visitor)
    visitor.context.close()
