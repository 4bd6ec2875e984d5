"""Open redirects (SECURITY.md case 6) and CSRF on cookie sessions (case 7) for core endpoints."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = [
    "//evil.example",
    "https:evil.example",
    "\\\\evil.example",
    "https://evil.example/path",
    "/\\evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_language_switch_never_redirects_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_log_in_never_redirects_off_site(client, django_user_model, target):
    from allauth.account.models import EmailAddress

    person = django_user_model.objects.create_user(
        email="ana@pnyx.example", password="a-long-pass-42"
    )
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)

    response = client.post(
        "/accounts/login/",
        {"login": "ana@pnyx.example", "password": "a-long-pass-42", "next": target},
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert not response["Location"].startswith("javascript:")


def test_a_state_change_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_pages_cannot_be_framed(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
