"""The key steps of a consultation with JavaScript off: every page is a plain HTML form.

On a small process voting agree / disagree / pass: search the listing, order and follow, propose
after the "check for similar propositions" step, agree then disagree then take the vote back,
comment, reply, edit, report; a moderator hides the reported comment, the organiser answers,
and the author reads the answer in their notifications.
"""

import re

import pytest
from playwright.sync_api import expect

from pnyx.core import search
from pnyx.participation.models import NotificationSettings, Proposition, Vote, VoteMode
from pnyx.participation.services.comments import comment_create
from pnyx.participation.services.propositions import proposition_create
from tests.browser.consultation_steps import log_in, new_page
from tests.participation.factories import (
    ProcessFactory,
    QuestionFactory,
    UserFactory,
    add_organiser,
)

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Publish school budget lines online"


@pytest.fixture
def consultation():
    """A published process in its proposing phase with one proposition and two comments."""
    process = ProcessFactory(title="Open School Budgets", vote_mode=VoteMode.AGREE_DISAGREE)
    search.index_object(process, title=process.title, body=process.summary)  # as the service does
    question = QuestionFactory(process=process, title="What should schools publish first?")
    crowd = UserFactory(display_name="Cora Crowd")
    existing = proposition_create(
        actor=crowd,
        process=process,
        question=question,
        title="Publish the budget of every school",
        body="Every school shows what it receives and spends.",
    )
    comment_create(author=crowd, proposition=existing, body="Schools first, then hospitals.")
    comment_create(author=crowd, proposition=existing, body="Buy my second-hand bicycle!")
    moderator = UserFactory(display_name="Moses Moderator")
    process.moderators.add(moderator)
    return process, existing, add_organiser(process), moderator


def _expect_counts(page, agree, disagree, passes):
    expect(page.locator("#vote-widget dd")).to_have_text([agree, disagree, passes])


def _find_follow_and_propose(page):
    page.goto("/processes/")
    page.get_by_role("searchbox", name="Search").fill("school budgets")
    page.get_by_role("button", name="Show results").click()
    page.get_by_role("link", name="Open School Budgets").click()
    page.get_by_label("Order", exact=True).select_option("participation.newest")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(re.compile(r"order=participation\.newest"))
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_role("button", name="Following — stop following")).to_be_visible()

    page.get_by_role("link", name="Make a proposition").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("button", name="Check for similar propositions").click()
    expect(page.locator("#similar-propositions li")).to_contain_text(
        "Publish the budget of every school"
    )
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    page.get_by_label("Your proposition").fill("Line by line, in a spreadsheet anyone can open.")
    page.get_by_role("button", name="Publish my proposition").click()
    expect(page.locator("h1")).to_have_text(TITLE)


def _agree_disagree_take_back(page, proposition, person):
    page.goto(proposition.get_absolute_url())
    page.get_by_role("button", name="Agree", exact=True).click()
    _expect_counts(page, "1", "0", "0")
    expect(page.locator(".vote-state")).to_have_text("Your vote: Agree")
    page.get_by_role("button", name="Disagree", exact=True).click()
    _expect_counts(page, "0", "1", "0")
    assert list(Vote.objects.filter(user=person).values_list("value", flat=True)) == ["disagree"]
    page.get_by_role("button", name="Take my vote back").click()
    _expect_counts(page, "0", "0", "0")
    assert Vote.objects.filter(user=person).count() == 0


def _comment_reply_edit_report(page):
    page.get_by_label("Your comment").fill("Hospitals matter as much as schools.")
    page.get_by_label("Against", exact=True).check()
    page.get_by_role("button", name="Post the comment").click()
    expect(page.locator(".messages")).to_contain_text("Your comment was posted.")
    answered = page.locator("li.comment", has_text="Schools first, then hospitals.")
    answered.get_by_role("link", name="Reply").click()
    expect(page.locator(".comment-replying")).to_contain_text("Replying to Cora Crowd.")
    page.get_by_label("Your comment").fill("Then both, in one open format.")
    page.get_by_role("button", name="Post the reply").click()
    expect(answered.locator(".comment-replies")).to_contain_text("Then both, in one open format.")
    page.locator("li.comment", has_text="Hospitals matter").get_by_role("link", name="Edit").click()
    page.get_by_label("Your comment").fill("Hospitals matter as much as schools, I think.")
    page.get_by_role("button", name="Save the comment").click()
    expect(page.locator("li.comment", has_text="I think.")).to_contain_text("edited")
    spam = page.locator("li.comment", has_text="bicycle")
    spam.get_by_role("link", name="Report this comment").click()
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".messages")).to_contain_text("The moderators will look at your report.")


def test_the_key_steps_work_without_javascript(browser, live_server, consultation):
    process, existing, organiser, moderator = consultation
    person = UserFactory(display_name="Noah No-Script")
    page = new_page(browser, live_server, javascript=False)
    log_in(page, person.email)
    _find_follow_and_propose(page)
    mine = Proposition.objects.get(author=person)
    _agree_disagree_take_back(page, existing, person)
    _comment_reply_edit_report(page)

    moderating = new_page(browser, live_server, javascript=False)
    log_in(moderating, moderator.email)
    moderating.goto(f"/processes/{process.slug}/moderation/")
    moderating.get_by_label("Reason, shown to everyone").fill("Advertising.")
    moderating.get_by_role("button", name="Hide").click()
    expect(moderating.locator(".messages")).to_contain_text("The content is hidden")
    moderating.context.close()

    answering = new_page(browser, live_server, javascript=False)
    log_in(answering, organiser.email)
    answering.goto(mine.get_absolute_url())
    answering.get_by_label("Accepted").check()
    answering.get_by_role("textbox", name="Official answer").fill("From next term.")
    answering.get_by_role("button", name="Publish the answer").click()
    expect(answering.locator("#official-answer .answer-state")).to_have_text("Accepted")
    for path in (f"/processes/{process.slug}/manage/", "/processes/new/"):
        assert answering.goto(path).status == 200
    answering.context.close()

    page.goto(existing.get_absolute_url())
    expect(page.locator("li.comment .tombstone")).to_have_text(
        "Hidden by the moderators: Advertising."
    )
    page.goto("/notifications/")
    expect(
        page.get_by_role("link", name=f"The organisers answered “{TITLE}”: Accepted.")
    ).to_be_visible()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator("main")).to_contain_text("0 unread notifications.")
    page.get_by_role("link", name="Notification settings").click()
    page.get_by_label("Once a week").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Your notification settings were saved.")
    assert NotificationSettings.objects.get(user=person).digest == "weekly"
    page.goto(f"/processes/{process.slug}/results/")
    expect(page.locator("#totals-heading + dl dd").first).to_have_text("2")
    page.context.close()
