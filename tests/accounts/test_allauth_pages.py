"""Every allauth page a person meets renders inside the Pnyx layout and reads accessibly."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.test_auth_flows import _reauthenticate, _totp_code

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
PERSON_PAGES = [
    "account_reauthenticate",
    "account_logout",
    "account_email",
    "account_change_password",
    "mfa_index",
    "mfa_activate_totp",
]


class PageAudit(HTMLParser):
    """Collects what the checks below need: headings, labels, inputs, scripts and styles."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.labels: set[str] = set()
        self.inputs: list[dict] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self.event_handlers = 0
        self.landmarks: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        if tag in {"main", "header", "footer", "nav"}:
            self.landmarks.add(tag)
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])
        if tag in {"input", "select", "textarea"}:
            self.inputs.append(attributes)
        if tag == "script" and not attributes.get("src"):
            self.inline_scripts += 1
        if "style" in attributes:
            self.style_attributes += 1
        if any(name.startswith("on") for name in attributes):
            self.event_handlers += 1


def audit(html: str) -> PageAudit:
    parser = PageAudit()
    parser.feed(html)
    return parser


def assert_accessible_pnyx_page(response):
    assert response.status_code == 200
    html = response.content.decode()
    page = audit(html)
    assert page.h1 == 1, html
    assert {"main", "header", "footer", "nav"} <= page.landmarks
    assert 'class="skip-link"' in html
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    assert page.event_handlers == 0
    for field in page.inputs:
        if field.get("type") in {"hidden", "submit"}:
            continue
        assert field.get("id") in page.labels, f"no label for {field}"
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith("· Pnyx")
    assert title.split("·")[0].strip()


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_allauth_pages_use_the_pnyx_layout(client, name):
    assert_accessible_pnyx_page(client.get(reverse(name)))


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_logged_in_allauth_pages_use_the_pnyx_layout(client, name):
    person = UserFactory()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    _reauthenticate(client)

    assert_accessible_pnyx_page(client.get(reverse(name)))


def test_the_confirmation_page_uses_the_pnyx_layout(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "layout@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"https?://testserver(/\S+)", mailoutbox[0].body).group(1)

    response = client.get(link)

    assert_accessible_pnyx_page(response)
    assert "Confirm my address" in response.content.decode()


def test_an_invalid_confirmation_link_explains_what_to_do(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-key"]))

    assert_accessible_pnyx_page(response)
    assert "has expired or is not valid" in response.content.decode()


def test_the_password_reset_key_page_uses_the_pnyx_layout(client, mailoutbox):
    person = UserFactory()
    client.post(reverse("account_reset_password"), {"email": person.email})
    link = re.search(r"https?://testserver(/\S+)", mailoutbox[0].body).group(1)

    assert_accessible_pnyx_page(client.get(link, follow=True))


def test_the_second_step_page_uses_the_pnyx_layout(client):
    person = UserFactory()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    _reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    client.post(
        reverse("mfa_activate_totp"), {"code": _totp_code(client.session[SECRET_SESSION_KEY])}
    )
    for name in ("mfa_view_recovery_codes", "mfa_generate_recovery_codes", "mfa_deactivate_totp"):
        assert_accessible_pnyx_page(client.get(reverse(name)))
    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    assert_accessible_pnyx_page(client.get(reverse("mfa_authenticate")))


def test_login_form_errors_are_shown_in_the_layout(client):
    response = client.post(reverse("account_login"), {"login": "x@example.org", "password": "no"})

    assert_accessible_pnyx_page(response)
    assert 'role="alert"' in response.content.decode()


def test_email_management_lists_addresses_with_labelled_radios(client):
    person = UserFactory()
    EmailAddress.objects.create(user=person, email="second@example.org", verified=False)
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    response = client.get(reverse("account_email"))

    assert_accessible_pnyx_page(response)
    assert "second@example.org" in response.content.decode()
