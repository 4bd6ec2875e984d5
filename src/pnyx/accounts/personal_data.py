"""What Pnyx holds about a person in their account, and how it is exported or anonymised."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pnyx.accounts.models import ApiToken, User
from pnyx.core.personal_data import PersonalDataSource, Visibility, register


def _moment(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_profile(person: User) -> dict[str, Any]:
    """The account, its profile and its e-mail addresses, as JSON-ready values."""
    return {
        "id": person.pk,
        "email": person.email,
        "display_name": person.display_name,
        "country": str(person.country),
        "languages": list(person.languages),
        "topics": sorted(person.topics.values_list("slug", flat=True)),
        "bio": person.bio,
        "public_fields": list(person.public_fields),
        "is_platform_admin": person.is_staff,
        "date_joined": _moment(person.date_joined),
        "last_login": _moment(person.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=person).order_by("email")
        ],
        "two_factor_authentication": sorted(
            Authenticator.objects.filter(user=person).values_list("type", flat=True)
        ),
    }


@transaction.atomic
def anonymise_profile(person: User) -> None:
    """Detach the account from the person: no name, no address, no way to log in again.

    The row itself stays so contributions keep pointing at one (anonymous) member.
    """
    person.display_name = ""
    person.country = ""
    person.languages = []
    person.bio = ""
    person.public_fields = []
    person.email = f"deleted-{person.pk}@invalid"
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()
    person.topics.clear()
    person.groups.clear()
    person.user_permissions.clear()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    ApiToken.objects.filter(user=person).delete()


def export_tokens(person: User) -> list[dict[str, Any]]:
    """The person's API tokens: names and dates only, never the hashes."""
    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "created_at": _moment(token.created_at),
            "last_used_at": _moment(token.last_used_at),
            "revoked_at": _moment(token.revoked_at),
        }
        for token in ApiToken.objects.filter(user=person).order_by("created_at", "pk")
    ]


def anonymise_tokens(person: User) -> None:
    """Delete every token, so no script can act for the person any more."""
    ApiToken.objects.filter(user=person).delete()


PROFILE = register(
    PersonalDataSource(
        key="accounts.profile",
        label=_("Account and profile"),
        description=_(
            "Your e-mail addresses, display name, country, languages, topics of interest, short "
            "bio, which of them are public, and whether two-factor authentication is on."
        ),
        export=export_profile,
        identity=True,
        anonymise=anonymise_profile,
        purpose=_(
            "To let you log in, to write to you about your account and what you follow, and to "
            "show the profile you choose to others."
        ),
        visibility=Visibility.PARTLY_PUBLIC,
        seen_by=_(
            "Everyone sees your display name and the profile fields you made public. Your e-mail "
            "addresses and the other fields are seen only by you, and by platform administrators "
            "when their work needs it (each view is logged)."
        ),
    )
)
TOKENS = register(
    PersonalDataSource(
        key="accounts.tokens",
        label=_("API tokens"),
        description=_(
            "The name, start, creation, last use and revocation dates of your personal API tokens. "
            "The tokens themselves are never stored, only a fingerprint of each."
        ),
        export=export_tokens,
        anonymise=anonymise_tokens,
        purpose=_("To let your own scripts use the API in your name."),
        seen_by=_("Only you."),
    )
)
