"""Every change a person makes to their account: profile, API tokens."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnyx.accounts.languages import LANGUAGE_CODES
from pnyx.accounts.models import (
    PROFILE_PUBLIC_FIELDS,
    ApiToken,
    User,
    hash_token,
    new_token_value,
)
from pnyx.core.models import Topic
from pnyx.core.permissions import require

#: Enough for a few scripts and devices; past it, a person revokes old tokens first.
MAX_ACTIVE_TOKENS = 20
#: `last_used_at` is refreshed at most this often, so API calls do not each cost a write.
TOKEN_USE_PRECISION = timedelta(minutes=1)
TOKEN_SHOWN_PREFIX = 12
BIO_MAX_LENGTH = 600
_PROFILE_COLUMNS = ("display_name", "country", "languages", "bio", "public_fields")


def _check_profile_choices(*, languages: list[str], public_fields: list[str], bio: str) -> None:
    errors: dict[str, list[str]] = {}
    if len(bio) > BIO_MAX_LENGTH:
        # A TextField's max_length is not checked by the model, so the service checks it.
        errors["bio"] = [
            str(_("Keep the bio under %(limit)s characters.") % {"limit": BIO_MAX_LENGTH})
        ]
    unknown_languages = sorted(set(languages) - LANGUAGE_CODES)
    if unknown_languages:
        errors["languages"] = [
            str(_("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown_languages)})
        ]
    unknown_fields = sorted(set(public_fields) - set(PROFILE_PUBLIC_FIELDS))
    if unknown_fields:
        errors["public_fields"] = [
            str(
                _("These fields cannot be made public: %(fields)s.")
                % {"fields": ", ".join(unknown_fields)}
            )
        ]
    if errors:
        raise ValidationError(errors)


def profile_update(
    *,
    actor: User,
    person: User,
    display_name: str,
    country: str,
    languages: list[str],
    topics: Iterable[Topic],
    bio: str,
    public_fields: list[str],
) -> User:
    """Replace the person's profile and choose which of its fields are public.

    Requires `accounts.change_profile` (only the person themselves). Raises ValidationError, with
    nothing saved, for an unknown country or language, a too-long name or bio, or a field that
    cannot be public. No audit entry: editing one's own profile is not an official act.
    """
    require(actor, "accounts.change_profile", person)
    _check_profile_choices(languages=languages, public_fields=public_fields, bio=bio.strip())
    person.display_name = display_name.strip()
    person.country = country
    person.languages = list(dict.fromkeys(languages))
    person.bio = bio.strip()
    person.public_fields = [field for field in PROFILE_PUBLIC_FIELDS if field in public_fields]
    person.clean_fields(
        exclude=[f.name for f in User._meta.fields if f.name not in _PROFILE_COLUMNS]
    )
    with transaction.atomic():
        person.save(update_fields=list(_PROFILE_COLUMNS))
        person.topics.set(list(topics))
    return person


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token for `user`; return the token and its value, shown only once.

    Requires `accounts.add_apitoken` (an active person with a confirmed e-mail, for themselves).
    Only the SHA-256 hash of the value is stored. Raises ValidationError for an empty or too long
    name, or when the person already holds MAX_ACTIVE_TOKENS active tokens.
    """
    require(user, "accounts.add_apitoken", user)
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": [str(_("Give the token a name, such as the script using it."))]}
        )
    with transaction.atomic():
        if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                str(
                    _("You already have %(count)s active tokens: revoke one you no longer use.")
                    % {"count": MAX_ACTIVE_TOKENS}
                )
            )
        raw = new_token_value()
        token = ApiToken(
            user=user, name=name, prefix=raw[:TOKEN_SHOWN_PREFIX], key_hash=hash_token(raw)
        )
        token.full_clean(exclude=["user", "key_hash"])
        token.save()
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token so it no longer authenticates anything; revoking twice changes nothing.

    Requires `accounts.revoke_apitoken` (only the token's owner); a refusal leaves the token active.
    """
    require(actor, "accounts.revoke_apitoken", token)
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def api_token_record_use(*, token: ApiToken) -> None:
    """Note that the token just authenticated a call, at most once per TOKEN_USE_PRECISION.

    No permission check: the authentication layer calls it after verifying the token itself.
    """
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOKEN_USE_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
