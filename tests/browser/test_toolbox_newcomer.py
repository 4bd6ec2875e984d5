"""The toolbox and network for a newcomer, in a real browser: they register an NGO with its
topics, see recommendations with their reasons, change a weight and see the order change, follow
a tool, declare that the NGO uses it, then find a practitioner and ask them for help. Every page
passes axe-core and fits a 360 px screen."""

import pytest
from playwright.sync_api import expect

from pnyx.core.models import Topic
from pnyx.network.models import ContactRequest, Follow
from pnyx.toolbox.models import Usage
from tests.browser.consultation_steps import log_in
from tests.network.factories import PractitionerFactory
from tests.toolbox.factories import ToolFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _checked(page, assert_accessible):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


@pytest.fixture
def catalog():
    budget = Topic.objects.get_or_create(slug="fiscal-openness")[0]
    ToolFactory(slug="budget-lens", name="Budget Lens").topics.add(budget)
    ToolFactory(slug="crowd-caller", name="Crowd Caller", languages=["de"])
    UserFactory(email="newcomer@example.org", display_name="Nadia")
    PractitionerFactory(
        user=UserFactory(display_name="Paula Practitioner"),
        headline="I turn budget spreadsheets into stories",
        topics=[budget],
    )


def _register_an_ngo(page, assert_accessible):
    page.goto("/organisations/")
    page.get_by_role("link", name="Register an organisation").click()
    page.get_by_label("Name").fill("Budget Watchers of Lyon")
    page.get_by_label("Kind of organisation").select_option("ngo")
    page.get_by_label("Country").select_option("FR")
    page.get_by_label("Fiscal openness").check()
    _checked(page, assert_accessible)
    page.get_by_role("button", name="Register").click()
    expect(page.locator("h1")).to_have_text("Budget Watchers of Lyon")


def _first_recommendation(page):
    return page.locator("ol > li h2").first


def test_a_newcomer_finds_tools_a_practitioner_and_asks_for_help(page, assert_accessible, catalog):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "newcomer@example.org")
    _register_an_ngo(page, assert_accessible)

    page.goto("/tools/for-you/?organisation=budget-watchers-of-lyon")
    expect(_first_recommendation(page)).to_have_text("Budget Lens")
    expect(page.get_by_role("table").first).to_contain_text("Shared topics")
    _checked(page, assert_accessible)
    page.get_by_role("link", name="Change the weights or turn personal recommendations off").click()
    page.get_by_label("Shared topics").fill("0")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto("/tools/for-you/?organisation=budget-watchers-of-lyon")
    expect(_first_recommendation(page)).to_have_text("Crowd Caller")

    page.goto("/tools/budget-lens/")
    page.get_by_role("button", name="Follow Budget Lens").click()
    expect(page.get_by_role("button", name="Unfollow Budget Lens")).to_be_visible()
    page.get_by_label("What you use it for").fill("Reading the city budget with citizens")
    page.get_by_role("button", name="Say that Budget Watchers of Lyon uses this tool").click()
    expect(page.get_by_text("Your organisation's usage was added.")).to_be_visible()
    _checked(page, assert_accessible)

    page.goto("/practitioners/?topic=fiscal-openness")
    page.get_by_role("link", name="Paula Practitioner").click()
    _checked(page, assert_accessible)
    page.get_by_role("link", name="Ask for help").click()
    page.get_by_label("Your message").fill("Could you help us read the budget with citizens?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request was sent to Paula Practitioner.")).to_be_visible()
    _checked(page, assert_accessible)

    assert Follow.objects.filter(tool__slug="budget-lens").count() == 1
    assert Usage.objects.filter(organisation__slug="budget-watchers-of-lyon").count() == 1
    assert ContactRequest.objects.filter(recipient__display_name="Paula Practitioner").exists()
