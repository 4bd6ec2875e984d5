"""A newcomer signs up, confirms their address from the e-mail file, logs in, registers an
organisation and finds it in the directory; axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from pnyx.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

CONFIRM_LINK = re.compile(r"http://[^/\s]+(/accounts/confirm-email/\S+)")
PASSWORD = "civic-tech-is-a-verb-42"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_newcomer_signs_up_confirms_logs_in_and_registers_an_organisation(
    browser, live_server, assert_accessible, mail_dir, javascript
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    # axe-core runs inside the page, so it can only check the variant with JavaScript on.
    check = assert_accessible if javascript else (lambda page: None)
    page.goto("/")
    check(page)
    page.get_by_role("link", name="Create an account").click()
    check(page)
    page.get_by_label("Email").fill("newcomer@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    check(page)

    mail = "".join(path.read_text() for path in mail_dir.iterdir())
    page.goto(CONFIRM_LINK.search(mail).group(1))
    check(page)
    page.get_by_role("button", name="Confirm my address").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_role("link", name="Log in").click()
    check(page)
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert page.locator("h1").count() == 1

    page.goto("/organisations/")
    page.get_by_role("link", name="Register an organisation").click()
    check(page)
    page.get_by_label("Name").fill("Budget Watchers of Lyon")
    page.get_by_label("Kind of organisation").select_option("ngo")
    page.get_by_label("Country").select_option("FR")
    page.get_by_label("Website").fill("https://budget-watchers.example")
    page.get_by_label("Description").fill("We read the city budget **line by line**.")
    page.get_by_role("button", name="Register").click()

    expect(page.locator("h1")).to_have_text("Budget Watchers of Lyon")
    expect(page.locator("strong", has_text="line by line")).to_be_visible()
    check(page)
    assert AuditEntry.objects.filter(action="orgs.organisation_registered").count() == 1

    page.goto("/organisations/")
    page.get_by_role("searchbox", name="Search").fill("watchers lyon")
    page.get_by_role("button", name="Show results").click()
    expect(page.get_by_role("link", name="Budget Watchers of Lyon")).to_be_visible()
    check(page)
    context.close()
