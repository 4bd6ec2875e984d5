"""The register of algorithms in a real browser: the register, a card, "why here?" pages (of an
order, the directory and the opinion groups) and the way into a card's debate, each checked with
axe-core and on a 360 px screen."""

import re

import pytest
from playwright.sync_api import expect

from pnyx.participation.models import Participant, PhaseKind, Proposition
from pnyx.participation.services.opinion_groups import opinion_groups_recompute
from tests.accounts.factories import PASSWORD
from tests.browser.consultation_steps import log_in, new_page
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)
from tests.participation.opinion_groups_data import voted_process

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listed():
    """A consultation in its voting phase with three propositions of known supports."""
    process = ProcessFactory(phase=PhaseKind.VOTING, title="Open budgets")
    question = QuestionFactory(process=process)
    made = []
    for title, supports in [("Publish the budget", 7), ("Open the archives", 3), ("Train", 1)]:
        proposition = PropositionFactory(question=question, title=title)
        Proposition.objects.filter(pk=proposition.pk).update(support_count=supports)
        made.append(proposition)
    return process, made


def pages(process, propositions):
    second = propositions[1]
    return {
        "register": "/algorithms/",
        "card": "/algorithms/participation-trending/",
        "why of a proposition": f"/algorithms/participation-trending/why/{second.pk}/",
        "why of an organisation": f"/algorithms/orgs-directory/why/{process.organisation_id}/",
        "debate, not open yet": "/algorithms/participation-trending/debate/",
    }


def test_the_register_pages_pass_axe_core(page, assert_accessible, listed):
    for path in pages(*listed).values():
        response = page.goto(path)

        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_the_register_pages_fit_a_360_pixel_screen(page, listed):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in pages(*listed).values():
        page.goto(path)

        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_a_visitor_follows_why_here_from_the_list_to_the_explanation(page, listed):
    process, propositions = listed
    page.goto(f"{process.get_absolute_url()}?order=most_supported")

    card = page.locator("li.proposition-card", has_text="Open the archives")
    card.get_by_role("link", name="the full explanation").click()

    expect(page.locator("h1")).to_have_text("Why is “Open the archives” here?")
    expect(page.get_by_text("Place 2 of 3.")).to_be_visible()
    expect(page.get_by_role("cell", name="supports")).to_be_visible()
    page.get_by_role("link", name="Back to the list").click()
    expect(page.locator("h1")).to_have_text("Open budgets")


def test_a_person_opens_the_debate_on_an_algorithm_and_proposes_a_change(browser, live_server):
    UserFactory(email="ines@example.org")
    page = new_page(browser, live_server)
    log_in(page, "ines@example.org", PASSWORD)

    page.goto("/algorithms/participation-trending/")
    page.get_by_role("link", name="Comment or propose a change").click()
    page.get_by_role("button", name="Open the debate").click()
    expect(page.locator("h1")).to_have_text("Debate: Trending")
    page.get_by_role("link", name="Make a proposition").click()
    page.get_by_label("Title").fill("Let old votes count less slowly")
    page.get_by_label("Your proposition").fill("A week-old proposition should still be seen.")
    page.get_by_role("button", name="Publish my proposition").click()

    expect(page.locator("h1")).to_have_text("Let old votes count less slowly")
    page.goto("/algorithms/participation-trending/")
    expect(page.get_by_role("link", name="Let old votes count less slowly")).to_be_visible()
    page.context.close()


def test_the_opinion_groups_why_pages_pass_axe_core_and_fit_360_pixels(
    browser, live_server, assert_accessible
):
    process, _items, people, _truth = voted_process((8, 8), propositions=8)
    run = opinion_groups_recompute(process=process)
    representative = run.groups[0]["representative"][0]["proposition"]
    participation = Participant.objects.get(process=process, user=people[0])
    page = new_page(browser, live_server, width=360)
    log_in(page, people[0].email, PASSWORD)
    page.goto(f"/processes/{process.slug}/results/")
    assert_accessible(page)
    page.get_by_role("link", name="Why am I in this group?").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Why are you in group [AB]\?$"))

    for path in (
        f"/algorithms/participation-opinion_groups/why/{representative}/?group=A",
        f"/algorithms/participation-opinion_groups/why/{participation.pk}/?about=participant",
    ):
        response = page.goto(path)

        assert response.status == 200, path
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.context.close()
