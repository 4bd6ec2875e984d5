"""Practitioners in a real browser: an organisation member posts a help request, sees a matching
practitioner with the reason, and asks them for help; the practitioner accepts and both write in
the conversation, where each sees the other's e-mail address. Pages pass axe-core at 360 px."""

import pytest
from playwright.sync_api import expect

from pnyx.network.models import HelpRequest
from tests.browser.consultation_steps import log_in
from tests.network.factories import (
    OrganisationFactory,
    PractitionerFactory,
    UserFactory,
    add_member,
    topics,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _fits_and_passes(page, assert_accessible):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_a_help_request_leads_to_a_practitioner_and_a_conversation(
    page, browser, live_server, assert_accessible
):
    organisation = OrganisationFactory(name="Open Budget Lab")
    member = add_member(
        organisation, UserFactory(display_name="Mia Member", email="mia@example.org")
    )
    PractitionerFactory(
        user=UserFactory(display_name="Paula Practitioner", email="paula@example.org"),
        headline="I turn budget spreadsheets into stories",
        topics=topics("fiscal-openness"),
    )
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto("/practitioners/")
    expect(page.get_by_role("heading", name="Paula Practitioner")).to_be_visible()
    _fits_and_passes(page, assert_accessible)

    log_in(page, member.email)
    page.goto("/help/new/")
    page.get_by_label("Title").fill("Explain our budget to citizens")
    page.get_by_label("What you need").fill("We publish the budget and nobody reads it.")
    page.get_by_label("Fiscal openness").check()
    _fits_and_passes(page, assert_accessible)
    page.get_by_role("button", name="Publish the request").click()

    expect(page.get_by_role("heading", name="Explain our budget to citizens")).to_be_visible()
    suggestion = page.get_by_role("listitem").filter(has_text="Paula Practitioner").first
    expect(suggestion).to_contain_text("Shared topics: Fiscal openness")
    _fits_and_passes(page, assert_accessible)
    suggestion.get_by_role("link", name="Ask Paula Practitioner for help").click()

    posted = HelpRequest.objects.get()
    expect(page.get_by_label("About the help request")).to_have_value(str(posted.pk))
    page.get_by_label("Your message").fill("Could you help us explain our budget?")
    _fits_and_passes(page, assert_accessible)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request was sent to Paula Practitioner.")).to_be_visible()
    expect(page.get_by_text("paula@example.org")).to_have_count(0)
    _fits_and_passes(page, assert_accessible)

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    other = context.new_page()
    other.set_default_timeout(10_000)
    other.set_viewport_size({"width": 360, "height": 740})
    log_in(other, "paula@example.org")
    other.goto("/contacts/")
    expect(other.get_by_text("Could you help us explain our budget?")).to_be_visible()
    expect(other.get_by_text("mia@example.org")).to_have_count(0)
    other.get_by_role("button", name="Accept").click()
    expect(other.get_by_role("heading", name="Conversation with Mia Member")).to_be_visible()
    expect(other.get_by_role("link", name="mia@example.org")).to_be_visible()
    other.get_by_label("Your message").fill("Happy to help: shall we talk on Tuesday?")
    other.get_by_role("button", name="Send").click()
    _fits_and_passes(other, assert_accessible)
    context.close()

    page.goto("/conversations/")
    page.get_by_role("link", name="Paula Practitioner").click()
    expect(page.get_by_text("Happy to help: shall we talk on Tuesday?")).to_be_visible()
    expect(page.get_by_role("link", name="paula@example.org")).to_be_visible()
    _fits_and_passes(page, assert_accessible)
