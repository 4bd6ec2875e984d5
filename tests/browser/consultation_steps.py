"""Shared steps of the consultation browser tests: the demo data, signing up and logging in."""

import re

from playwright.sync_api import expect

from pnyx.accounts import demo as accounts_demo
from pnyx.accounts.models import User
from pnyx.orgs import demo as orgs_demo
from pnyx.participation import demo
from pnyx.participation.models import Process
from tests.accounts.factories import PASSWORD

CONFIRM_LINK = re.compile(r"http://[^/\s]+(/accounts/confirm-email/\S+)")


def load_demo() -> Process:
    """What `pnyx demo` loads: the demo people, their organisations and Democracy Night."""
    accounts_demo.load()
    orgs_demo.load()
    demo.load()
    return Process.objects.get(title="Democracy Night")


def demo_person(email: str) -> User:
    return User.objects.get(email=email)


def new_page(browser, live_server, *, javascript=True, locale="en-GB", width=None):
    """A page in a fresh browser context (its own cookies); close it with `page.context.close()`."""
    options = {"base_url": live_server.url, "java_script_enabled": javascript, "locale": locale}
    if width is not None:
        options["viewport"] = {"width": width, "height": 740}
    page = browser.new_context(**options).new_page()
    page.set_default_timeout(10_000)
    return page


def sign_up(page, mail_dir, email: str, display_name: str) -> None:
    """Create an account, confirm it from the e-mail file and give it a display name."""
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    mail = "".join(path.read_text() for path in mail_dir.iterdir())
    page.goto(CONFIRM_LINK.search(mail).group(1))
    page.get_by_role("button", name="Confirm my address").click()
    page.get_by_label("Display name:").fill(display_name)
    page.get_by_role("button", name="Save the profile").click()
    expect(page.locator("h1")).to_have_text("Your account")


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=False).first.fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
