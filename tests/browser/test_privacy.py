"""Issue 5-7 in a real Chromium: a person sees their data, changes a consent, downloads their
export and deletes their account; their comment then shows as by a "Deleted participant" and the
counts stay the same. axe-core checks every page on the way."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from pnyx.core import personal_data, tasks
from pnyx.participation.models import Proposition
from pnyx.privacy.models import DataExport
from tests.accounts.factories import PASSWORD
from tests.browser.consultation_steps import new_page
from tests.privacy.conftest import EMAIL, NAME, exports_dir, world  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _see_data(page, check):
    page.goto("/account/")
    page.get_by_role("link", name="Your personal data").click()
    expect(page.locator("h1")).to_have_text("Your personal data")
    expect(page.locator("main")).to_contain_text(EMAIL)
    expect(page.locator("main")).to_contain_text("Yes, and the amendments.")
    for source in personal_data.sources():
        expect(
            page.get_by_role("heading", level=4, name=str(source.label), exact=True)
        ).to_be_visible()
    check(page)
    page.goto("/privacy/data/participation.comments/")
    expect(page.locator("h1")).to_have_text("Comments")
    check(page)
    page.goto("/privacy/policy/")
    check(page)


def _change_consent(page, check):
    page.goto("/privacy/")
    page.get_by_role("link", name="Change your consents").click()
    expect(page.get_by_label("News from Pnyx by e-mail")).to_be_checked()
    check(page)
    page.get_by_label("News from Pnyx by e-mail").uncheck()
    page.get_by_label("Personalised recommendations").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.locator(".messages")).to_contain_text("Your choices were saved.")
    expect(page.locator("tbody tr")).to_have_count(3)
    check(page)


def _download(page, check, person):
    page.goto("/privacy/")
    page.get_by_role("link", name="Download your data").click()
    check(page)
    page.get_by_role("button", name="Prepare my download").click()
    expect(page.locator("progress")).to_be_visible()
    check(page)
    # A worker runs the job; the page, polling every 2 s, then offers the file.
    assert tasks.run_due_jobs() >= 1
    link = page.get_by_role("link", name="Download the ZIP file")
    expect(link).to_be_visible(timeout=8_000)
    check(page)
    with page.expect_download() as waiting:
        link.click()
    archive = zipfile.ZipFile(io.BytesIO(waiting.value.path().read_bytes()))
    assert json.loads(archive.read("accounts.profile.json"))["email"] == EMAIL
    assert "README.txt" in archive.namelist()
    assert DataExport.objects.get(person=person).status == "ready"


def _delete(page, check, mail_dir):
    page.goto("/privacy/")
    page.get_by_role("link", name="Delete your account").click()
    check(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("main")).to_contain_text("Your account will be deleted on")
    check(page)
    mail = "".join(path.read_text() for path in mail_dir.iterdir())
    assert "Your Pnyx account will be deleted" in mail
    # The grace period is over at once (see the test's settings); the hourly task runs.
    tasks.schedule_periodic()
    tasks.run_due_jobs()


def test_see_change_download_and_delete(page, assert_accessible, world, mail_dir, settings):  # noqa: F811
    settings.PNYX_ACCOUNT_DELETION_GRACE = timedelta(0)
    world.person.authenticator_set.all().delete()
    counts = {p.pk: (p.support_count, p.comment_count) for p in Proposition.objects.all()}
    _log_in(page)

    _see_data(page, assert_accessible)
    _change_consent(page, assert_accessible)
    _download(page, assert_accessible, world.person)
    _delete(page, assert_accessible, mail_dir)

    page.goto(world.theirs.get_absolute_url())
    # Deleting the account ended its sessions.
    account_nav = page.get_by_role("navigation", name="Account")
    expect(account_nav.get_by_role("link", name="Log in")).to_be_visible()
    comment = page.locator(f"#comment-{world.comment.pk}")
    expect(comment).to_contain_text("Deleted participant")
    expect(comment).to_contain_text("Yes, and the amendments.")
    expect(page.locator("#vote-widget dd").first).to_have_text("2")
    assert NAME not in page.content()
    assert_accessible(page)
    assert {p.pk: (p.support_count, p.comment_count) for p in Proposition.objects.all()} == counts


PAGES = [
    "/privacy/",
    "/privacy/policy/",
    "/privacy/access/",
    "/privacy/consents/",
    "/privacy/export/",
    "/privacy/delete/",
    "/privacy/data/participation.participations/",
]


def test_without_javascript_on_a_360_pixel_screen(browser, live_server, world):  # noqa: F811
    """Every privacy page fits a small phone, and the download works with a refresh link."""
    world.person.authenticator_set.all().delete()
    page = new_page(browser, live_server, javascript=False, width=360)
    _log_in(page)

    for path in PAGES:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto("/privacy/export/")
    page.get_by_role("button", name="Prepare my download").click()
    tasks.run_due_jobs()
    page.get_by_role("link", name="Refresh to see the progress").click()

    expect(page.get_by_role("link", name="Download the ZIP file")).to_be_visible()
    page.context.close()
