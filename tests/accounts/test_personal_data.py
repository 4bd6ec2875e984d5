"""What the accounts hold about a person: export and anonymisation through the core registry."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from pnyx.accounts.models import ApiToken, User
from pnyx.core import personal_data
from pnyx.core.models import Topic
from tests.accounts.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    person = UserFactory(
        email="ana@example.org",
        display_name="Ana",
        country="BR",
        languages=["pt"],
        bio="Bio",
        public_fields=["bio"],
    )
    person.topics.set(Topic.objects.filter(slug="justice"))
    return person


def test_sources_are_registered_when_the_app_is_ready():
    keys = {source.key for source in personal_data.sources()}

    assert {"accounts.profile", "accounts.tokens"} <= keys


def test_export_holds_profile_addresses_and_token_metadata_but_no_hash(person):
    token = ApiTokenFactory(user=person, name="Script")

    exported = personal_data.export_all(person)

    profile = exported["accounts.profile"]
    assert profile["email"] == "ana@example.org"
    assert profile["display_name"] == "Ana"
    assert profile["country"] == "BR"
    assert profile["languages"] == ["pt"]
    assert profile["topics"] == ["justice"]
    assert profile["bio"] == "Bio"
    assert profile["public_fields"] == ["bio"]
    assert profile["email_addresses"] == [
        {"email": "ana@example.org", "verified": True, "primary": True}
    ]
    assert exported["accounts.tokens"] == [
        {
            "name": "Script",
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_at": None,
            "revoked_at": None,
        }
    ]
    assert token.key_hash not in repr(exported)


def test_anonymise_removes_identity_and_access(person):
    ApiTokenFactory(user=person)
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    other = UserFactory()
    other_token = ApiTokenFactory(user=other)

    personal_data.anonymise_all(person)

    person = User.objects.get(pk=person.pk)
    assert person.email == f"deleted-{person.pk}@invalid"
    assert (person.display_name, person.bio, person.country.code) == ("", "", "")
    assert person.languages == []
    assert person.public_fields == []
    assert person.topics.count() == 0
    assert person.is_active is False
    assert person.has_usable_password() is False
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    assert not ApiToken.objects.filter(user=person).exists()
    assert ApiToken.objects.filter(pk=other_token.pk, revoked_at__isnull=True).exists()
    assert EmailAddress.objects.filter(user=other).exists()


def test_an_anonymised_person_cannot_log_in_or_be_seen(person, client):
    personal_data.anonymise_all(person)

    assert client.get(f"/people/{person.pk}/").status_code == 404
    assert not client.login(email="ana@example.org", password="a-long-test-passphrase")


def test_two_anonymised_people_get_distinct_addresses(person):
    second = UserFactory()

    personal_data.anonymise_all(person)
    personal_data.anonymise_all(second)

    assert User.objects.filter(email__endswith="@invalid").count() == 2


def test_export_of_a_revoked_token_gives_its_date(person):
    token = ApiTokenFactory(user=person, revoked_at=timezone.now())

    exported = personal_data.export_all(person)["accounts.tokens"]

    assert exported[0]["revoked_at"] == token.revoked_at.isoformat()
