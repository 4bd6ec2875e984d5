"""Recommendations in a real browser: an administrator declares a usage and reviews a tool, sees
suggestions with their reasons, changes a weight and sees the order change; every page passes
axe-core and fits a 360 px screen."""

import pytest
from playwright.sync_api import expect

from pnyx.core.models import Topic
from tests.browser.consultation_steps import log_in
from tests.programs.factories import add_admin
from tests.toolbox.factories import OrganisationFactory, ToolFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page, assert_accessible):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_usage_review_and_recommendations_with_their_reasons(page, assert_accessible):
    budget = Topic.objects.get_or_create(slug="fiscal-openness")[0]
    organisation = OrganisationFactory(name="Budget Watch", slug="budget-watch")
    organisation.topics.add(budget)
    add_admin(organisation, UserFactory(email="ada@example.org"))
    ToolFactory(slug="ledger", name="Ledger")
    ToolFactory(slug="budget-lens", name="Budget Lens").topics.add(budget)
    ToolFactory(slug="crowd-caller", name="Crowd Caller", languages=["de"])
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "ada@example.org")

    page.goto("/tools/ledger/")
    page.get_by_label("What you use it for").fill("Publishing our budget analyses")
    page.get_by_role("button", name="Say that Budget Watch uses this tool").click()
    expect(page.get_by_text("Your organisation's usage was added.")).to_be_visible()
    page.get_by_label("Rating").select_option("4")
    page.get_by_label("Your review").fill("Simple and reliable.")
    page.get_by_role("button", name="Publish the review").click()
    expect(page.get_by_text("4 out of 5")).to_be_visible()
    _fits(page, assert_accessible)

    page.goto("/tools/for-you/?organisation=budget-watch")
    items = page.locator("ol > li h2")
    expect(items.first).to_have_text("Budget Lens")
    expect(page.get_by_role("table").first).to_contain_text("Shared topics")
    _fits(page, assert_accessible)

    page.get_by_role("link", name="Change the weights or turn personal recommendations off").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recommendation settings")
    _fits(page, assert_accessible)
    page.get_by_label("Shared topics").fill("0")
    page.get_by_label("Your language").fill("0")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Your recommendation settings were saved.")).to_be_visible()
    page.goto("/tools/for-you/?organisation=budget-watch")
    expect(items.first).to_have_text("Crowd Caller")

    page.get_by_role("link", name="More about this suggestion").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _fits(page, assert_accessible)
