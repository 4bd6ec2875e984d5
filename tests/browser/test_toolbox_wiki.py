"""The toolbox wiki in a real browser: a person proposes a tool, an editor approves it, and the
pages pass axe-core and fit a 360 px screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.consultation_steps import log_in
from tests.toolbox.factories import ToolFactory, UserFactory, make_toolbox_editor

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page, assert_accessible):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_a_proposed_tool_is_approved_and_published(page, assert_accessible):
    UserFactory(email="ada@example.org", display_name="Ada")
    make_toolbox_editor(UserFactory(email="editor@example.org"))
    ToolFactory(slug="civic-forum", name="Civic Forum")
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "ada@example.org")

    page.goto("/tools/new/")
    _fits(page, assert_accessible)
    page.get_by_role("textbox", name="Name:").fill("Agora Commons")
    page.get_by_label("Summary").fill("Participatory democracy for cities.")
    page.get_by_label("Description").fill("Processes, **proposals** and votes.")
    page.get_by_label("Website").fill("https://agora.example.org/")
    page.get_by_label("Licence").fill("AGPL-3.0-or-later")
    page.get_by_label("Public participation").check()
    page.get_by_label("Alternatives").fill("civic-forum")
    page.get_by_role("button", name="Send for review").click()

    expect(page.get_by_text("Your proposal is waiting for review.").first).to_be_visible()
    _fits(page, assert_accessible)

    page.context.clear_cookies()
    log_in(page, "editor@example.org")
    page.goto("/toolbox/review/")
    _fits(page, assert_accessible)
    page.get_by_role("link", name="New tool: Agora Commons").click()
    expect(page.get_by_role("heading", name="Proposed new tool")).to_be_visible()
    _fits(page, assert_accessible)
    page.get_by_role("button", name="Approve and publish").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Agora Commons")
    assert page.url.endswith("/tools/agora-commons/")
    expect(page.get_by_role("link", name="Civic Forum", exact=True)).to_be_visible()
    _fits(page, assert_accessible)
    page.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_text("Ada")).to_be_visible()
    _fits(page, assert_accessible)
