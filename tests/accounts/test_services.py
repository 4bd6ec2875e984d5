"""The account services: every write checked, refused writes leave nothing behind."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pnyx.accounts import services
from pnyx.accounts.models import ApiToken, hash_token
from pnyx.core.models import Topic
from tests.accounts.factories import AdminFactory, ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def _profile(**changes):
    values = {
        "display_name": "  Ana Lima  ",
        "country": "BR",
        "languages": ["pt", "es", "pt"],
        "topics": list(Topic.objects.filter(slug="open-data")),
        "bio": "Budget watcher.",
        "public_fields": ["bio", "country"],
    }
    values.update(changes)
    return values


def test_profile_update_saves_and_normalises():
    person = UserFactory()

    services.profile_update(actor=person, person=person, **_profile())

    person.refresh_from_db()
    assert person.display_name == "Ana Lima"
    assert person.languages == ["pt", "es"]
    assert person.public_fields == ["country", "bio"]
    assert [topic.slug for topic in person.topics.all()] == ["open-data"]


def test_profile_update_of_someone_else_is_refused_and_changes_nothing():
    person = UserFactory(display_name="Before")

    with pytest.raises(PermissionDenied):
        services.profile_update(actor=AdminFactory(), person=person, **_profile())

    person.refresh_from_db()
    assert person.display_name == "Before"
    assert person.topics.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"languages": ["xx"]}, "languages"),
        ({"public_fields": ["email"]}, "public_fields"),
        ({"bio": "b" * 601}, "bio"),
        ({"country": "ZZ"}, "country"),
        ({"display_name": "n" * 81}, "display_name"),
    ],
)
def test_profile_update_refuses_bad_values_and_saves_nothing(changes, field):
    person = UserFactory(display_name="Before")

    with pytest.raises(ValidationError) as error:
        services.profile_update(actor=person, person=person, **_profile(**changes))

    assert field in error.value.message_dict
    person.refresh_from_db()
    assert person.display_name == "Before"
    assert person.topics.count() == 0


def test_api_token_create_returns_the_value_once_and_stores_its_hash():
    person = UserFactory()

    token, raw = services.api_token_create(user=person, name=" Budget script ")

    assert token.name == "Budget script"
    assert token.key_hash == hash_token(raw)
    assert token.prefix == raw[:12]
    assert raw not in {token.key_hash, token.prefix}
    assert ApiToken.objects.filter(user=person).count() == 1


def test_api_token_create_needs_a_confirmed_email():
    person = UserFactory(confirmed=False)

    with pytest.raises(PermissionDenied):
        services.api_token_create(user=person, name="Script")

    assert not ApiToken.objects.exists()


def test_api_token_create_needs_a_name():
    person = UserFactory()

    with pytest.raises(ValidationError) as error:
        services.api_token_create(user=person, name="  ")

    assert "name" in error.value.message_dict
    assert not ApiToken.objects.exists()


def test_api_token_create_stops_at_the_active_token_limit(settings):
    person = UserFactory()
    ApiTokenFactory.create_batch(services.MAX_ACTIVE_TOKENS, user=person)
    ApiTokenFactory(user=person, revoked_at=timezone.now())

    with pytest.raises(ValidationError):
        services.api_token_create(user=person, name="One too many")

    assert ApiToken.objects.filter(user=person).count() == services.MAX_ACTIVE_TOKENS + 1


def test_api_token_revoke_by_the_owner():
    token = ApiTokenFactory()

    services.api_token_revoke(actor=token.user, token=token)

    token.refresh_from_db()
    assert token.revoked_at is not None


def test_api_token_revoke_twice_keeps_the_first_date():
    token = ApiTokenFactory()
    services.api_token_revoke(actor=token.user, token=token)
    first = ApiToken.objects.get(pk=token.pk).revoked_at

    services.api_token_revoke(actor=token.user, token=ApiToken.objects.get(pk=token.pk))

    assert ApiToken.objects.get(pk=token.pk).revoked_at == first


@pytest.mark.parametrize("actor_factory", [UserFactory, AdminFactory])
def test_api_token_revoke_by_anyone_else_is_refused_and_the_token_stays_active(actor_factory):
    token = ApiTokenFactory()

    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=actor_factory(), token=token)

    token.refresh_from_db()
    assert token.revoked_at is None
