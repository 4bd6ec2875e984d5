"""`pnyx token create` and `pnyx token revoke`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pnyx.accounts.models import ApiToken, hash_token
from tests.accounts.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_token_create_prints_only_the_value():
    person = UserFactory(email="ana@example.org")

    output = _run("create", "ANA@example.org", "--name", "Nightly export")

    raw = output.strip()
    assert output == raw + "\n"
    token = ApiToken.objects.get(user=person)
    assert token.name == "Nightly export"
    assert token.key_hash == hash_token(raw)


def test_token_create_for_an_unknown_email_is_a_clear_error():
    with pytest.raises(
        CommandError, match="No account has the e-mail address 'nobody@example.org'"
    ):
        _run("create", "nobody@example.org")

    assert not ApiToken.objects.exists()


def test_token_create_for_an_unconfirmed_account_is_refused():
    person = UserFactory(confirmed=False)

    with pytest.raises(CommandError, match="cannot hold API tokens"):
        _run("create", person.email)

    assert not ApiToken.objects.exists()


def test_the_created_token_works_on_the_api(client):
    person = UserFactory()
    raw = _run("create", person.email).strip()

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    assert response.json()["id"] == person.pk


def test_token_revoke_by_prefix():
    token = ApiTokenFactory()

    output = _run("revoke", token.user.email, token.prefix)

    assert output == f"Revoked {token.name} ({token.prefix}…).\n"
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_revoke_of_an_unknown_prefix_changes_nothing():
    token = ApiTokenFactory()

    with pytest.raises(CommandError, match="0 active tokens"):
        _run("revoke", token.user.email, "pnyx_nothing")

    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_revoke_cannot_reach_someone_elses_token():
    token = ApiTokenFactory()
    other = UserFactory()

    with pytest.raises(CommandError):
        _run("revoke", other.email, token.prefix)

    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_without_a_subcommand_is_an_error():
    with pytest.raises(CommandError):
        _run()
