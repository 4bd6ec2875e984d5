"""Registering and editing organisations."""

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from pnyx.accounts.models import User
from pnyx.core import audit, search
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.core.text import plain_text
from pnyx.orgs.algorithms import name_sort_key
from pnyx.orgs.models import Membership, MembershipStatus, Organisation, Role

SLUG_BASE_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10000
WEB_SCHEMES = ("http://", "https://")
# Path segments that pages use where an organisation's slug goes: right after /organisations/,
# and after /learning/partners/ (a partner's page is addressed by its organisation's slug).
RESERVED_SLUGS = frozenset({"new", "mine", "invitations", "apply", "applications"})


def _unique_slug(name: str) -> str:
    base = slugify_name(name)
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    number = 2
    slug = base
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def slugify_name(name: str) -> str:
    """The address name a new organisation gets from its name (before making it unique)."""
    return slugify(name)[:SLUG_BASE_LENGTH].strip("-") or "organisation"


def _set_fields(
    organisation: Organisation,
    *,
    name: str,
    kind: str,
    country: str,
    website: str,
    description: str,
) -> None:
    """Copy and check the editable fields; ValidationError keyed by field, nothing saved."""
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.country = country.strip().upper()
    organisation.website = website.strip()
    organisation.description = description.strip()
    organisation.sort_name = name_sort_key(organisation.name)
    errors: dict[str, list[str]] = {}
    try:
        organisation.full_clean(exclude=["slug", "sort_name", "created_by"], validate_unique=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    website = organisation.website.lower()
    if website and "website" not in errors and not website.startswith(WEB_SCHEMES):
        errors["website"] = [_("The address must start with https:// or http://.")]
    if len(organisation.description) > DESCRIPTION_MAX_LENGTH:
        message = _("Keep the description under %(limit)s characters (it has %(length)s).") % {
            "limit": DESCRIPTION_MAX_LENGTH,
            "length": len(organisation.description),
        }
        errors.setdefault("description", []).append(message)
    if errors:
        raise ValidationError(errors)


def _search_body(organisation: Organisation, topics: list[Topic]) -> str:
    """Description, then kind, country and topics in every site language, so a search in French
    for "université" finds a university whose page was written in English."""
    words = [plain_text(organisation.description, limit=DESCRIPTION_MAX_LENGTH)]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.append(str(organisation.get_kind_display()))
            if organisation.country:
                words.append(str(countries.name(str(organisation.country))))
            words.extend(topic.name for topic in topics)
    return " ".join(words)


def _insert_with_unique_slug(organisation: Organisation) -> None:
    organisation.slug = _unique_slug(organisation.name)
    try:
        with transaction.atomic():
            organisation.save(force_insert=True)
    except IntegrityError:  # a registration with the same name took this slug a moment ago
        organisation.slug = f"{organisation.slug[:SLUG_BASE_LENGTH]}-{secrets.token_hex(3)}"
        organisation.save(force_insert=True)


def _set_topics_and_index(organisation: Organisation, topics: list[Topic]) -> None:
    organisation.topics.set(topics)
    search.index_object(
        organisation, title=organisation.name, body=_search_body(organisation, topics)
    )


def organisation_register(
    *,
    actor: User,
    name: str,
    kind: str,
    country: str = "",
    website: str = "",
    description: str = "",
    topics: Iterable[Topic] = (),
) -> Organisation:
    """Register an organisation; the person who registers it becomes its first administrator.

    Requires `orgs.add_organisation` (an active person with a confirmed e-mail address). Gives the
    organisation a unique slug from its name, indexes it for search and records
    `orgs.organisation_registered`. Raises ValidationError (nothing saved) for invalid fields.
    """
    require(actor, "orgs.add_organisation")
    organisation = Organisation(created_by=actor)
    _set_fields(
        organisation,
        name=name,
        kind=kind,
        country=country,
        website=website,
        description=description,
    )
    topic_list = list(topics)
    with transaction.atomic():
        _insert_with_unique_slug(organisation)
        _set_topics_and_index(organisation, topic_list)
        now = timezone.now()
        Membership.objects.create(
            organisation=organisation,
            user=actor,
            role=Role.ADMIN,
            status=MembershipStatus.ACTIVE,
            decided_by=actor,
            decided_at=now,
        )
        audit.record(
            action="orgs.organisation_registered",
            actor=actor,
            target=organisation,
            data={"kind": organisation.kind, "country": str(organisation.country)},
        )
    return organisation


def organisation_update(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    kind: str,
    country: str = "",
    website: str = "",
    description: str = "",
    topics: Iterable[Topic] = (),
) -> Organisation:
    """Change an organisation's public details and refresh its search entry; the slug stays.

    Requires `orgs.change_organisation` (its administrators or a platform administrator). Raises
    ValidationError, with the stored organisation unchanged, for invalid fields.
    """
    require(actor, "orgs.change_organisation", organisation)
    draft = Organisation.objects.get(pk=organisation.pk)
    _set_fields(
        draft, name=name, kind=kind, country=country, website=website, description=description
    )
    with transaction.atomic():
        draft.save()
        _set_topics_and_index(draft, list(topics))
    organisation.refresh_from_db()
    return organisation
