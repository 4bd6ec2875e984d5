"""`GET /api/v1/me` and the API authentication shared by every app (`api_auth`)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone
from ninja.errors import AuthenticationError, HttpError

from pnyx.accounts.api_auth import CsrfSessionAuth, PersonalTokenAuth, api_auth
from pnyx.core.models import Topic
from tests.accounts.factories import AdminFactory, ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_me_without_credentials_is_a_401_json(client):
    response = client.get(ME)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "Unauthorized"}


def test_me_with_a_session_returns_my_own_account(client):
    person = UserFactory(
        display_name="Ana",
        country="BR",
        languages=["pt"],
        bio="Hello",
        public_fields=["bio"],
    )
    person.topics.set(Topic.objects.filter(slug__in=["open-data", "justice"]))
    client.force_login(person)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "id": person.pk,
        "display_name": "Ana",
        "email": person.email,
        "country": "BR",
        "languages": ["pt"],
        "topics": ["justice", "open-data"],
        "bio": "Hello",
        "public_fields": ["bio"],
        "is_platform_admin": False,
    }


def test_me_says_when_i_am_a_platform_admin(client):
    client.force_login(AdminFactory())

    assert client.get(ME).json()["is_platform_admin"] is True


def test_me_with_a_bearer_token_returns_the_token_owner(client):
    token = ApiTokenFactory()

    response = client.get(ME, **_bearer(token.raw))

    assert response.status_code == 200
    assert response.json()["id"] == token.user.pk
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer pnyx_not-a-real-token",
        "Bearer ",
        "Bearer",
    ],
)
def test_me_with_a_wrong_token_is_a_401(client, header):
    response = client.get(ME, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


def test_me_with_a_revoked_token_is_a_401(client):
    token = ApiTokenFactory(revoked_at=timezone.now())

    response = client.get(ME, **_bearer(token.raw))

    assert response.status_code == 401
    token.refresh_from_db()
    assert token.last_used_at is None


def test_me_with_the_token_of_a_deactivated_account_is_a_401(client):
    token = ApiTokenFactory(user=UserFactory(is_active=False))

    assert client.get(ME, **_bearer(token.raw)).status_code == 401


def test_a_wrong_token_is_refused_even_with_a_valid_session(client):
    client.force_login(UserFactory())

    response = client.get(ME, **_bearer("pnyx_wrong"))

    assert response.status_code == 401


def test_last_used_is_written_at_most_once_a_minute(client):
    recently = timezone.now() - timedelta(seconds=30)
    token = ApiTokenFactory(last_used_at=recently)

    client.get(ME, **_bearer(token.raw))
    token.refresh_from_db()
    assert token.last_used_at == recently

    token.last_used_at = timezone.now() - timedelta(minutes=2)
    token.save()
    client.get(ME, **_bearer(token.raw))
    token.refresh_from_db()
    assert token.last_used_at > recently


def test_session_auth_refuses_an_unsafe_method_without_the_csrf_token():
    request = RequestFactory().post("/api/v1/anything", data={})
    request.user = UserFactory()
    request.COOKIES["csrftoken"] = "x" * 32

    with pytest.raises(HttpError) as refusal:
        CsrfSessionAuth()(request)

    assert refusal.value.status_code == 403


def test_session_auth_accepts_an_unsafe_method_with_the_csrf_token():
    factory = RequestFactory()
    person = UserFactory()
    seed = factory.get("/")
    token = get_token(seed)
    request = factory.post("/api/v1/anything", HTTP_X_CSRFTOKEN=token)
    request.COOKIES["csrftoken"] = seed.META["CSRF_COOKIE"]
    request.user = person

    assert CsrfSessionAuth()(request) == person


def test_session_auth_lets_reads_through_without_csrf():
    request = RequestFactory().get("/api/v1/anything")
    request.user = person = UserFactory()

    assert CsrfSessionAuth()(request) == person


def test_session_auth_ignores_anonymous_callers():
    request = RequestFactory().post("/api/v1/anything")
    request.user = AnonymousUser()

    assert CsrfSessionAuth()(request) is None


def test_token_auth_sets_the_person_on_the_request_and_skips_csrf():
    token = ApiTokenFactory()
    request = RequestFactory().post("/api/v1/anything", HTTP_AUTHORIZATION=f"Bearer {token.raw}")
    request.user = AnonymousUser()

    assert PersonalTokenAuth()(request) == token.user
    assert request.user == token.user


def test_token_auth_refuses_a_wrong_token_with_401():
    request = RequestFactory().get("/", HTTP_AUTHORIZATION="Bearer pnyx_nope")

    with pytest.raises(AuthenticationError):
        PersonalTokenAuth()(request)


def test_api_auth_tries_the_token_before_the_session():
    assert [type(auth) for auth in api_auth] == [PersonalTokenAuth, CsrfSessionAuth]


def test_the_openapi_schema_documents_me_get(client):
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/me"]["get"]
    assert operation["operationId"] == "me_get"
    assert {"PersonalTokenAuth": []} in operation["security"]
