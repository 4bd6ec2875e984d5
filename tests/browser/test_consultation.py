"""The consultation walk of issue 3 in a real Chromium, with axe-core on every page visited.

A newcomer signs up and takes part in the demo consultation that `pnyx demo` loads: proposes
(seeing the similar propositions while typing), votes, takes the vote back and votes again,
comments, replies, edits the comment and reports another one; a moderator hides it with a reason;
the organiser answers the newcomer's proposition, which the newcomer finds in their notifications.
"""

import pytest
from playwright.sync_api import expect

from pnyx.accounts.demo import DEMO_PASSWORD
from pnyx.participation import demo
from pnyx.participation.models import Comment, Notification, Proposition, Vote
from tests.browser.consultation_steps import demo_person, load_demo, log_in, new_page, sign_up

pytestmark = pytest.mark.django_db(transaction=True)

NEWCOMER = "newcomer@example.org"
TITLE = "Open the town budget data to civics classes"


def _propose(page, check, process):
    """From the listing to a published proposition; the similar demo one is suggested."""
    page.goto("/processes/")
    check(page)
    page.get_by_role("link", name="Democracy Night").click()
    expect(page.locator("h1")).to_have_text("Democracy Night")
    count = process.propositions.count()
    expect(page.locator("#proposition-list")).to_contain_text(f"{count} propositions.")
    check(page)

    page.get_by_role("link", name="Make a proposition").click()
    check(page)
    question = process.questions.order_by("position").first()
    page.get_by_label("Question you answer").select_option(label=question.title)
    page.get_by_label("Title").fill(TITLE)
    suggestion = page.locator("#similar-propositions li", has_text="Read the town budget")
    expect(suggestion).to_contain_text("shares the words:")
    check(page)
    page.get_by_label("Your proposition").fill("Pupils read **real** figures of their town.")
    page.get_by_role("button", name="Publish my proposition").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".prose strong")).to_have_text("real")
    check(page)
    return Proposition.objects.get(title=TITLE)


def _vote_take_back_and_vote_again(page, check, proposition, person):
    """The demo counts supports only: changing one's mind there is taking the support back."""
    page.goto(proposition.get_absolute_url())
    supports = page.locator("#vote-widget dd")
    support = page.get_by_role("button", name="Support", exact=True)
    expect(supports).to_have_text(str(proposition.support_count))
    support.click()
    expect(supports).to_have_text(str(proposition.support_count + 1))
    expect(page.locator("#vote-widget .vote-state")).to_have_text("Your vote: Support")
    page.get_by_role("button", name="Take my vote back").click()
    expect(supports).to_have_text(str(proposition.support_count))
    expect(page.locator("#vote-widget .vote-state")).to_have_count(0)
    support.click()
    expect(support).to_have_attribute("aria-pressed", "true")
    check(page)
    votes = Vote.objects.filter(user=person, proposition=proposition)
    assert list(votes.values_list("value", flat=True)) == ["support"]


def _comment_reply_edit_and_report(page, check, person):
    """Returns the id of the reported comment's element."""
    page.get_by_label("Your comment").fill("Our school would try it *first*.")
    page.get_by_label("For", exact=True).check()
    page.get_by_role("button", name="Post the comment").click()
    expect(page.locator("#comments .prose em", has_text="first")).to_have_count(1)
    comment = Comment.objects.get(author=person, parent=None)
    own = page.locator(f"#comment-{comment.pk}")

    others = page.locator("li.comment-depth-0").filter(has_not=own)
    answered = others.first.get_attribute("id")
    others.first.locator(".comment-actions").first.get_by_role("link", name="Reply").click()
    expect(page.locator(".comment-replying")).to_contain_text("Replying to")
    page.get_by_label("Your comment").fill("Agreed, and the pupils could present it.")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.locator(f"#{answered} .comment-replies")).to_contain_text("pupils could present")
    reply = Comment.objects.get(author=person, parent__isnull=False)
    assert f"comment-{reply.parent_id}" == answered

    own.get_by_role("link", name="Edit").first.click()
    expect(page.locator("h1")).to_have_text("Edit your comment")
    check(page)
    page.get_by_label("Your comment").fill("Our school would try it *first*, this autumn.")
    page.get_by_role("button", name="Save the comment").click()
    expect(own).to_contain_text("edited (see the history)")

    reported = others.nth(1)
    reported_id = reported.get_attribute("id")
    actions = reported.locator(".comment-actions").first
    actions.get_by_role("link", name="Report this comment").click()
    check(page)
    page.get_by_label("Off topic").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".messages")).to_contain_text("The moderators will look at your report.")
    return reported_id


def _hide(page, check, process, element_id):
    """A moderator named on the process hides the reported comment from the queue."""
    page.goto(f"/processes/{process.slug}/moderation/")
    check(page)
    item = page.locator(f"li#{element_id}")
    item.get_by_label("Reason, shown to everyone").fill("About another consultation.")
    item.get_by_role("button", name="Hide").click()
    expect(page.locator(".messages")).to_contain_text("The content is hidden")
    check(page)
    page.get_by_role("link", name="Public summary").click()
    expect(page.locator("dl.facts dt:text-is('Hidden comments') + dd")).to_have_text("1")
    check(page)


def _answer_and_manage(page, check, proposition):
    """The organiser accepts the proposition, then opens the management and creation pages."""
    page.goto(proposition.get_absolute_url())
    page.get_by_label("Accepted").check()
    page.get_by_role("textbox", name="Official answer").fill("We open the data **this year**.")
    page.get_by_role("button", name="Publish the answer").click()
    answer = page.locator("#official-answer")
    expect(answer.locator(".answer-state")).to_have_text("Accepted")
    expect(answer.locator(".prose strong")).to_have_text("this year")
    check(page)
    page.get_by_role("link", name="Democracy Night").first.click()
    page.get_by_role("link", name="Manage this consultation").click()
    expect(page.locator("h1")).to_have_text("Manage Democracy Night")
    check(page)
    page.goto("/processes/")
    page.get_by_role("link", name="Start a consultation").click()
    expect(page.locator("h1")).to_have_text("Start a consultation")
    check(page)


def test_a_newcomer_takes_part_in_the_demo_consultation(
    browser, live_server, assert_accessible, mail_dir
):
    process = load_demo()
    process.moderators.add(demo_person(demo.LUCAS))
    discussed = (
        Proposition.objects.filter(process=process, answer_state="")
        .order_by("-comment_count", "pk")
        .first()
    )
    page = new_page(browser, live_server)
    sign_up(page, mail_dir, NEWCOMER, "Nour Newcomer")
    newcomer = demo_person(NEWCOMER)

    mine = _propose(page, assert_accessible, process)
    _vote_take_back_and_vote_again(page, assert_accessible, discussed, newcomer)
    reported_id = _comment_reply_edit_and_report(page, assert_accessible, newcomer)

    moderator = new_page(browser, live_server)
    log_in(moderator, demo.LUCAS, DEMO_PASSWORD)
    _hide(moderator, assert_accessible, process, reported_id)
    moderator.context.close()
    page.goto(discussed.get_absolute_url())
    expect(page.locator(f"#{reported_id} .tombstone")).to_contain_text(
        "Hidden by the moderators: About another consultation."
    )
    assert_accessible(page)

    organiser = new_page(browser, live_server)
    log_in(organiser, demo.AMINA, DEMO_PASSWORD)
    _answer_and_manage(organiser, assert_accessible, mine)
    organiser.context.close()

    page.goto(mine.get_absolute_url())
    expect(page.locator("#official-answer .answer-state")).to_have_text("Accepted")
    page.get_by_role("link", name="Democracy Night").first.click()
    page.get_by_role("link", name="See the results").click()
    expect(page.locator("h1")).to_have_text("Results: Democracy Night")
    assert_accessible(page)
    page.goto("/notifications/")
    told = f"The organisers answered “{TITLE}”: Accepted."
    expect(page.get_by_role("link", name=told)).to_be_visible()
    events = Notification.objects.filter(user=newcomer).values_list("event", "proposition_id")
    assert list(events) == [("participation.proposition_answered", mine.pk)]
    assert_accessible(page)
    page.get_by_role("link", name="Notification settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")
    assert_accessible(page)
    page.context.close()
