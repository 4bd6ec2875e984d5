"""Schemathesis generates requests from the OpenAPI schema; none may get a server error.

Each operation is called anonymously, with a valid personal token, and with a bad token, so the
public, authenticated and refused paths all meet generated input (SECURITY.md case 10).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from pnyx.wsgi import application
from tests.accounts.factories import UserFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def _keep_the_test_connection():
    """Requests go straight to the WSGI app, which closes the database connection when a request
    ends; the test client avoids that the same way, so the test's transaction stays usable."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    from pnyx.accounts import services

    person = UserFactory()
    _, raw = services.api_token_create(user=person, name="fuzzing")
    return raw


@pytest.mark.django_db
@pytest.mark.usefixtures("_keep_the_test_connection")
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("credentials", ["anonymous", "token", "bad-token"])
def test_no_generated_request_gets_a_server_error(case, token, credentials):
    headers = {"Host": "localhost"}
    if credentials == "token":
        headers["Authorization"] = f"Bearer {token}"
    elif credentials == "bad-token":
        headers["Authorization"] = "Bearer pnyx_not-a-real-token"

    case.call_and_validate(headers=headers, checks=[not_a_server_error])
