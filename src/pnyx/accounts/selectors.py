"""Reads about people shared by the account pages, the API and the authentication of API calls."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from pnyx.accounts.models import ApiToken, User, hash_token
from pnyx.core.models import Topic


def person_get_public(*, pk: int) -> User:
    """The active person shown on a public profile page (404 for unknown or inactive accounts).

    Topics come prefetched because the profile lists them when the person made them public.
    """
    queryset = User.objects.filter(is_active=True).prefetch_related("topics")
    return get_object_or_404(queryset, pk=pk)


def person_get_for_account(*, pk: int) -> User:
    """The person with their topics prefetched, for their own account page and the `/me` API."""
    return User.objects.prefetch_related("topics").get(pk=pk)


def person_get_by_email(*, email: str) -> User | None:
    """The account with this e-mail address (compared without case), or None."""
    return User.objects.filter(email__iexact=email.strip()).first()


def email_address_list_for_user(*, user: Any) -> QuerySet[EmailAddress]:
    """The person's e-mail addresses as allauth knows them, the primary one first."""
    return EmailAddress.objects.filter(user=user).order_by("-primary", "email")


def has_verified_email(*, user: Any) -> bool:
    """Whether at least one of the person's e-mail addresses was confirmed."""
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def mfa_types_for_user(*, user: Any) -> set[str]:
    """The kinds of second factor the person has set up (e.g. "totp", "recovery_codes")."""
    return set(Authenticator.objects.filter(user=user).values_list("type", flat=True))


def api_token_list_for_user(*, user: Any) -> QuerySet[ApiToken]:
    """The person's API tokens, newest first, revoked ones included (they show as revoked)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_get_for_user(*, user: Any, pk: int) -> ApiToken:
    """One of the person's own tokens; a 404 for someone else's token, so ids reveal nothing."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def api_token_list_active_matching(*, user: Any, prefix: str) -> list[ApiToken]:
    """The person's active tokens whose shown prefix and `prefix` agree (either may be longer)."""
    prefix = prefix.strip()
    if not prefix:
        return []
    return [
        token
        for token in ApiToken.objects.active().filter(user=user)
        if token.prefix.startswith(prefix) or prefix.startswith(token.prefix)
    ]


def api_token_get_active_by_value(*, raw: str) -> ApiToken | None:
    """The active token of an active person whose value hashes to the stored hash, or None.

    The token carries `owner_confirmed`: whether its owner confirmed an e-mail address, read in
    the same query, as most API writes are reserved to confirmed people.
    """
    if not raw:
        return None
    confirmed = EmailAddress.objects.filter(user=OuterRef("user"), verified=True)
    return (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .annotate(owner_confirmed=Exists(confirmed))
        .first()
    )


def topic_list() -> QuerySet[Topic]:
    """Every topic, for profile choices."""
    return Topic.objects.order_by("slug")
