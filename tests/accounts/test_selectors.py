"""Reads about people: public profiles, tokens, e-mail addresses."""

import pytest
from django.http import Http404
from django.utils import timezone

from pnyx.accounts import selectors
from pnyx.accounts.models import hash_token
from tests.accounts.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_person_get_public_hides_inactive_accounts():
    with pytest.raises(Http404):
        selectors.person_get_public(pk=UserFactory(is_active=False).pk)


def test_person_get_by_email_ignores_case_and_spaces():
    person = UserFactory(email="ana@example.org")

    assert selectors.person_get_by_email(email="  ANA@Example.org ") == person
    assert selectors.person_get_by_email(email="nobody@example.org") is None


def test_api_token_get_active_by_value_only_finds_active_tokens_of_active_people():
    active = ApiTokenFactory()
    revoked = ApiTokenFactory(revoked_at=timezone.now())
    inactive = ApiTokenFactory(user=UserFactory(is_active=False))

    assert selectors.api_token_get_active_by_value(raw=active.raw) == active
    assert selectors.api_token_get_active_by_value(raw=revoked.raw) is None
    assert selectors.api_token_get_active_by_value(raw=inactive.raw) is None
    assert selectors.api_token_get_active_by_value(raw="") is None
    assert selectors.api_token_get_active_by_value(raw=hash_token(active.raw)) is None


def test_api_token_get_for_user_is_a_404_for_someone_elses_token():
    token = ApiTokenFactory()

    with pytest.raises(Http404):
        selectors.api_token_get_for_user(user=UserFactory(), pk=token.pk)


def test_api_token_list_active_matching_accepts_a_prefix_or_the_whole_value():
    token = ApiTokenFactory()
    ApiTokenFactory(user=token.user, revoked_at=timezone.now(), prefix=token.prefix)

    assert selectors.api_token_list_active_matching(user=token.user, prefix=token.prefix) == [token]
    assert selectors.api_token_list_active_matching(user=token.user, prefix=token.raw) == [token]
    assert selectors.api_token_list_active_matching(user=token.user, prefix=" ") == []
