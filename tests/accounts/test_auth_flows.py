"""Sign-up, e-mail confirmation, log-in, password reset and two-step verification, end to end."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

from pnyx.accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://testserver(/\S+)")


def _link_in(message) -> str:
    return LINK.search(message.body).group(1)


def _log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _reauthenticate(client, password=PASSWORD):
    """Security settings ask for the password again even right after logging in."""
    return client.post(reverse("account_reauthenticate"), {"password": password})


def _totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_sign_up_sends_a_link_that_confirms_the_address_and_logs_in(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {"email": "New.Person@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.person@example.org"]
    assert mailoutbox[0].subject == "[Pnyx] Confirm your e-mail address"
    assert mailoutbox[0].body.startswith("Hello,\n\nThis address was just given")
    link = _link_in(mailoutbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert b"new.person@example.org" in page.content
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert confirmed.url == reverse("accounts:profile-edit")
    person = User.objects.get(email="new.person@example.org")
    assert EmailAddress.objects.get(user=person).verified is True
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get(reverse("accounts:account")).status_code == 200


def test_the_confirmation_mail_is_in_the_language_of_the_sign_up(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "fr@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert mailoutbox[0].subject == "[Pnyx] Confirmez votre adresse e-mail"
    assert mailoutbox[0].body.startswith("Bonjour,")


def test_following_the_confirmation_link_with_get_does_not_confirm(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "get@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    client.get(_link_in(mailoutbox[0]))

    assert EmailAddress.objects.get(email="get@example.org").verified is False


def test_log_in_is_refused_until_the_address_is_confirmed(client, mailoutbox):
    person = UserFactory(confirmed=False)

    response = _log_in(client, person.email)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]


def test_log_in_with_a_confirmed_address_opens_a_session(client):
    person = UserFactory()

    response = _log_in(client, person.email)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_password_is_refused_with_a_message(client):
    person = UserFactory()

    response = _log_in(client, person.email, "not-the-password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"errorlist" in response.content


def test_password_reset_mail_leads_to_a_new_password(client, mailoutbox):
    person = UserFactory()

    response = client.post(reverse("account_reset_password"), {"email": person.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[Pnyx] Reset your Pnyx password"
    key_page = client.get(_link_in(mailoutbox[0]), follow=True)
    assert key_page.status_code == 200
    set_password_url = key_page.redirect_chain[-1][0]
    new_password = "another-long-passphrase-42"
    done = client.post(set_password_url, {"password1": new_password, "password2": new_password})

    assert done.status_code == 302
    assert done.url == reverse("account_reset_password_from_key_done")
    person.refresh_from_db()
    assert person.check_password(new_password)
    client.logout()
    assert _log_in(client, person.email, new_password).status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


def test_totp_activation_with_a_real_code_then_log_in_asks_for_it(client):
    person = UserFactory()
    _log_in(client, person.email)
    assert client.get(reverse("mfa_activate_totp")).url.startswith(
        reverse("account_reauthenticate")
    )
    _reauthenticate(client)

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert b'<img class="qr-code" src="data:image/svg+xml;base64,' in page.content
    secret = client.session[SECRET_SESSION_KEY]
    activated = client.post(reverse("mfa_activate_totp"), {"code": _totp_code(secret)})

    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    client.post(reverse("account_logout"))
    asked = _log_in(client, person.email)
    assert asked.status_code == 302
    assert asked.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    passed = client.post(reverse("mfa_authenticate"), {"code": _totp_code(secret)})
    assert passed.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_totp_activation_with_a_wrong_code_activates_nothing(client):
    person = UserFactory()
    _log_in(client, person.email)
    _reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    wrong = f"{(int(_totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_activate_totp"), {"code": wrong})

    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=person).exists()


def test_sign_up_past_the_rate_limit_gets_the_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    data = {"email": "a@example.org", "password1": PASSWORD, "password2": PASSWORD}
    client.post(reverse("account_signup"), data)

    response = client.post(reverse("account_signup"), {**data, "email": "b@example.org"})

    assert response.status_code == 429
    assert b"<h1>Too many attempts</h1>" in response.content
    assert not User.objects.filter(email="b@example.org").exists()


@pytest.mark.parametrize(
    "next_url",
    ["//evil.example", "https:evil.example", "\\\\evil.example", "https://evil.example/"],
)
def test_log_in_never_redirects_to_another_site(client, next_url):
    person = UserFactory()

    response = client.post(
        reverse("account_login"),
        {"login": person.email, "password": PASSWORD, "next": next_url},
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:account")


def test_log_in_follows_a_local_next_url(client):
    person = UserFactory()

    response = client.post(
        reverse("account_login"),
        {"login": person.email, "password": PASSWORD, "next": "/account/profile/"},
    )

    assert response.url == "/account/profile/"
