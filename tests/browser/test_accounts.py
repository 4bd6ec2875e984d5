"""What a person does with their account, in a real Chromium, with axe-core on every page."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from pnyx.accounts.models import ApiToken, User
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"http://[^/\s]+(/accounts/confirm-email/\S+)")


def _fill_login(page, email, password=PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=False).first.fill(password)
    page.get_by_role("button", name="Log in").click()


def test_sign_up_confirm_edit_profile_and_create_a_token(page, assert_accessible, mail_dir):
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Email").fill("walker@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert_accessible(page)

    body = "".join(path.read_text() for path in mail_dir.iterdir())
    page.goto(LINK.search(body).group(1))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my address").click()

    expect(page.locator("h1")).to_have_text("Edit your profile")
    assert_accessible(page)
    page.get_by_label("Display name:").fill("Walker Ode")
    page.get_by_label("Country:").select_option("PT")
    page.get_by_label("Open data").check()
    page.get_by_label("Short bio:").fill("I *walk* through budgets.")
    page.locator("fieldset", has_text="Show on my public profile").get_by_label("Short bio").check()
    page.get_by_role("button", name="Save the profile").click()

    expect(page.locator("h1")).to_have_text("Your account")
    assert_accessible(page)
    page.get_by_label("Token name:").fill("Laptop script")
    page.get_by_role("button", name="Create the token").click()
    expect(page.locator("h1")).to_have_text("Your new API token")
    assert_accessible(page)
    raw = page.get_by_label("Token value").input_value()
    person = User.objects.get(email="walker@example.org")
    assert ApiToken.objects.get(user=person).prefix == raw[:12]

    page.goto(f"/people/{person.pk}/")
    expect(page.locator("h1")).to_have_text("Walker Ode")
    expect(page.locator(".prose em")).to_have_text("walk")
    assert "Portugal" not in page.content()
    assert_accessible(page)


def test_security_pages_are_accessible_and_totp_can_be_set_up(page, assert_accessible):
    person = UserFactory()
    _fill_login(page, person.email)
    page.goto("/accounts/2fa/totp/activate/")
    assert_accessible(page)  # the password confirmation page
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    assert page.locator("img.qr-code").count() == 1
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Authenticator code").fill(code)
    page.get_by_role("button", name="Activate").click()

    assert person.authenticator_set.count() == 2  # the app and the recovery codes
    for path in ("/accounts/2fa/", "/account/", "/accounts/email/", "/accounts/password/change/"):
        page.goto(path)
        assert page.locator("h1").count() == 1
        assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/account/", "/account/profile/"]
)
def test_account_pages_fit_a_360_pixel_screen(page, path):
    person = UserFactory()
    _fill_login(page, person.email)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
