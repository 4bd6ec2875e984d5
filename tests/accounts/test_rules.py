"""The accounts permissions over a role × object-state matrix."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from pnyx.accounts.rules import has_confirmed_email
from tests.accounts.factories import AdminFactory, ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    owner = UserFactory()
    return {
        "anonymous": AnonymousUser(),
        "owner": owner,
        "owner_unconfirmed": UserFactory(confirmed=False),
        "other": UserFactory(),
        "admin": AdminFactory(),
        "inactive_owner": UserFactory(is_active=False),
    }


PROFILE_MATRIX = [
    # (who, permission, expected when acting on their own account)
    ("anonymous", "accounts.change_profile", False),
    ("owner", "accounts.change_profile", True),
    ("owner_unconfirmed", "accounts.change_profile", True),
    ("inactive_owner", "accounts.change_profile", False),
    ("owner", "accounts.view_account", True),
    ("inactive_owner", "accounts.view_account", False),
    ("owner", "accounts.add_apitoken", True),
    ("owner_unconfirmed", "accounts.add_apitoken", False),
    ("inactive_owner", "accounts.add_apitoken", False),
]


@pytest.mark.parametrize(("who", "permission", "expected"), PROFILE_MATRIX)
def test_permissions_on_ones_own_account(people, who, permission, expected):
    user = people[who]
    target = user if who != "anonymous" else people["owner"]

    assert rules.has_perm(permission, user, target) is expected


@pytest.mark.parametrize("who", ["anonymous", "other", "admin"])
@pytest.mark.parametrize(
    "permission", ["accounts.change_profile", "accounts.view_account", "accounts.add_apitoken"]
)
def test_nobody_acts_on_someone_elses_account(people, who, permission):
    assert rules.has_perm(permission, people[who], people["owner"]) is False


@pytest.mark.parametrize(
    ("who", "revoked", "expected"),
    [
        ("owner", False, True),
        ("owner", True, True),
        ("other", False, False),
        ("admin", False, False),
        ("anonymous", False, False),
    ],
)
@pytest.mark.parametrize("permission", ["accounts.revoke_apitoken", "accounts.view_apitoken"])
def test_token_permissions(people, who, revoked, expected, permission):
    token = ApiTokenFactory(user=people["owner"], revoked_at=timezone.now() if revoked else None)

    assert rules.has_perm(permission, people[who], token) is expected


def test_an_inactive_owner_cannot_revoke_their_tokens(people):
    token = ApiTokenFactory(user=people["inactive_owner"])

    assert rules.has_perm("accounts.revoke_apitoken", people["inactive_owner"], token) is False


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", False), ("owner", True), ("owner_unconfirmed", False), ("admin", True)],
)
def test_has_confirmed_email(people, who, expected):
    assert has_confirmed_email(people[who]) is expected


def test_has_confirmed_email_is_remembered_for_the_request(people, django_assert_num_queries):
    person = people["owner"]
    has_confirmed_email(person)

    with django_assert_num_queries(0):
        assert has_confirmed_email(person) is True
