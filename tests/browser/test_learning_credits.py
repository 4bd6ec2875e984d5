"""Learning and credits in a real browser: a student follows a partner's course (a lesson, an
exercise answered wrong then right), records an engagement entry, applies to the partner for
credits; the committee chair reviews the application against the rubric and grants them; the
student downloads their signed credential, and a visitor checks it on the verification page,
then checks a copy with one character changed. Every page passes axe-core; the student's and
the verifier's pages fit a 360 px screen."""

import json
import re

import pytest
from playwright.sync_api import expect

from pnyx.learning.models import Credential
from tests.browser.consultation_steps import log_in, new_page
from tests.learning.factories import (
    ExerciseFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db(transaction=True)

STUDENT, CHAIR = "student@example.org", "chair@example.org"
NARROW = 360
STATEMENT = (
    "Every Saturday I explained the city budget to passers-by at a street stand. I learned to "
    "read a budget and to make its figures plain to neighbours."
)


@pytest.fixture
def partner():
    """Riverton University: approved, with a two-criterion rubric, a chair, and a published
    course of one lesson whose exercise is a multiple choice (the second choice is right)."""
    partner = PartnerFactory(
        organisation__name="Riverton University", organisation__slug="riverton"
    )
    add_rubric(partner, 4, 3)
    add_committee_member(partner, "chair", UserFactory(email=CHAIR, display_name="Carmen"))
    UserFactory(email=STUDENT, display_name="Sami")
    _course, (lesson,) = course_with_lessons(
        1, partner=partner, slug="reading-a-budget", title="Reading a budget"
    )
    lesson.title = "Two sides of a budget"
    lesson.save()
    ExerciseFactory(lesson=lesson)
    return partner


@pytest.fixture
def pages(browser, live_server):
    """Open pages in fresh browser contexts; all are closed at the end."""
    opened = []

    def open_page(**options):
        page = new_page(browser, live_server, **options)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.context.close()


@pytest.fixture
def checked(assert_accessible):
    """axe-core on the current page and, on a narrow page, no horizontal scroll."""

    def check(page):
        if page.viewport_size["width"] == NARROW:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW, f"{page.url} scrolls sideways: {width} px wide"
        assert_accessible(page)

    return check


def _heading(page, name):
    """Wait for the new page's first-level heading, so no check runs on the page it replaced."""
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def _follow_the_course(student, checked):
    student.goto("/learning/courses/reading-a-budget/")
    _heading(student, "Reading a budget")
    checked(student)
    student.get_by_role("button", name="Enrol in this course").click()
    expect(student.get_by_text("You are enrolled. Start with the first lesson.")).to_be_visible()
    checked(student)
    student.get_by_role("link", name="Go to the first lesson").click()
    _heading(student, "Two sides of a budget")
    checked(student)

    student.get_by_role("button", name="Mark this lesson done").click()
    expect(student.get_by_text("Lesson marked done.")).to_be_visible()
    _heading(student, "Reading a budget")
    student.get_by_role("link", name="Two sides of a budget").click()
    _heading(student, "Two sides of a budget")
    expect(student.get_by_text("You marked this lesson done.")).to_be_visible()

    student.get_by_role("radio", name="Spending").check()
    student.get_by_role("button", name="Check my answer").click()
    expect(student.get_by_text("Not right yet (1 attempt). Try again.")).to_be_visible()
    checked(student)
    student.get_by_role("radio", name="Revenue").check()
    student.get_by_role("button", name="Answer again").click()
    _heading(student, "Course completed")
    expect(student.get_by_text("You completed the course. Well done!")).to_be_visible()
    checked(student)


def _record_an_entry(student, checked):
    student.goto("/learning/engagement/new/")
    _heading(student, "Add an entry")
    checked(student)
    student.get_by_label("Activity").fill("Street stand on the city budget")
    student.get_by_label("Organisation:", exact=True).fill("Budget Watchers of Riverton")
    student.get_by_label("From").fill("2024-03-01")
    student.get_by_label("Until").fill("2024-06-30")
    student.get_by_label("Hours").fill("40")
    student.get_by_label("What you did").fill("Explained the budget to passers-by.")
    student.get_by_role("button", name="Save the entry").click()
    _heading(student, "My engagement record")
    expect(student.get_by_text("The entry is in your record.")).to_be_visible()
    expect(student.get_by_text("Street stand on the city budget")).to_be_visible()
    checked(student)


def _apply_for_credits(student, checked):
    student.get_by_role("link", name="My credit applications").click()
    _heading(student, "My credit applications")
    checked(student)
    student.get_by_role("link", name="Apply for credits").click()
    _heading(student, "Apply for credits")
    checked(student)
    student.get_by_role("link", name="Riverton University").click()
    _heading(student, "Apply to Riverton University for credits")
    checked(student)
    student.get_by_label("Street stand on the city budget (2024-03-01)").check()
    student.get_by_label("What you did and learned").fill(STATEMENT)
    student.get_by_label("Credits asked for").fill("3")
    student.get_by_role("button", name="Send the application").click()
    _heading(student, "Credit application to Riverton University")
    expect(student.get_by_text("Your application is sent to the committee.")).to_be_visible()
    checked(student)


def _review_and_grant(chair, checked):
    log_in(chair, CHAIR)
    chair.get_by_role("link", name="Notifications").click()
    _heading(chair, "Notifications")
    checked(chair)
    waiting = "A new credit application to Riverton University waits for review."
    chair.get_by_role("link", name=waiting).click()
    _heading(chair, "Credit application to Riverton University")
    expect(chair.get_by_text(STATEMENT)).to_be_visible()
    checked(chair)

    chair.get_by_role("link", name="Review", exact=True).click()
    _heading(chair, "Review an application")
    checked(chair)
    chair.get_by_label("Score for “Criterion 1”, from 0 to 4").fill("4")
    chair.get_by_label("Comment on “Criterion 1”").fill("Clear about what was learned.")
    chair.get_by_label("Score for “Criterion 2”, from 0 to 3").fill("2")
    chair.get_by_label("Overall comments").fill("Regular, well documented work.")
    chair.get_by_label("Credits you would grant").fill("3")
    chair.get_by_role("button", name="Save my review").click()
    _heading(chair, "Credit application to Riverton University")
    expect(chair.get_by_text("Your review is saved.")).to_be_visible()
    expect(chair.get_by_role("cell", name="4 / 4")).to_be_visible()
    checked(chair)

    chair.get_by_role("link", name="Decide").click()
    _heading(chair, "Decide on an application")
    checked(chair)
    chair.get_by_label("Grant credits").check()
    chair.get_by_label("Credits granted").fill("3")
    chair.get_by_role("button", name="Record the decision").click()
    _heading(chair, "Credit application to Riverton University")
    expect(chair.get_by_text("The credits are granted.")).to_be_visible()
    checked(chair)


def _download_the_credential(student, checked, tmp_path):
    student.get_by_role("link", name="Notifications").click()
    _heading(student, "Notifications")
    checked(student)
    student.get_by_role("link", name="Riverton University granted you 3 ECTS credits.").click()
    _heading(student, "Credit application to Riverton University")
    expect(student.get_by_role("definition").filter(has_text="Granted")).to_be_visible()
    checked(student)

    name = Credential.objects.get(learner__email=STUDENT).name
    student.get_by_role("link", name=name).click()
    _heading(student, name)
    checked(student)
    with student.expect_download() as download_info:
        student.get_by_role("link", name="Download (JSON)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)

    student.get_by_role("link", name="My credentials").click()
    _heading(student, "My credentials")
    expect(student.get_by_role("link", name=name)).to_be_visible()
    checked(student)
    return saved


def _with_one_character_changed(text):
    """The credential's text claiming more credits: the first digit of `creditsAvailable`
    changed, nothing else."""
    found = re.search(r'"creditsAvailable":\s*(\d)', text)
    assert found is not None
    at = found.start(1)
    return text[:at] + str((int(text[at]) + 2) % 10) + text[at + 1 :]


def _verify(verifier, checked, *, file, verdict):
    verifier.get_by_label("Or choose the credential file").set_input_files(file)
    verifier.get_by_role("button", name="Check").click()
    expect(verifier.get_by_role("heading", level=2, name=verdict, exact=True)).to_be_visible()
    checked(verifier)


def test_a_student_earns_credits_and_a_verifier_checks_the_credential(
    pages, checked, partner, tmp_path
):
    student = pages(width=NARROW)
    log_in(student, STUDENT)
    _follow_the_course(student, checked)
    _record_an_entry(student, checked)
    _apply_for_credits(student, checked)

    _review_and_grant(pages(), checked)

    saved = _download_the_credential(student, checked, tmp_path)
    document = json.loads(saved.read_text())
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"]["name"] == "Riverton University"
    assert document["credentialSubject"]["achievement"]["creditsAvailable"] == 3
    assert document["proof"]["type"] == "DataIntegrityProof"
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"

    verifier = pages(width=NARROW)
    verifier.goto("/learning/credentials/verify/")
    _heading(verifier, "Check a credential")
    checked(verifier)
    _verify(verifier, checked, file=saved, verdict="Valid")
    for check in ("Format", "Issuer", "Signature", "Validity period", "Revocation"):
        expect(verifier.get_by_role("heading", level=3, name=f"{check}: passed")).to_be_visible()

    tampered = _with_one_character_changed(saved.read_text())
    copy = {"name": "copy.json", "mimeType": "application/json", "buffer": tampered.encode()}
    _verify(verifier, checked, file=copy, verdict="Tampered with: not valid")
    expect(verifier.get_by_role("heading", level=3, name="Signature: failed")).to_be_visible()
