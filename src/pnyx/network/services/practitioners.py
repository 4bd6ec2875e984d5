"""Offering help: a person's practitioner profile, pausing it and removing it.

Needs `network.offer_help` (a confirmed address). The headline and public name are indexed for
the directory's search under the kind "network.practitioner".
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from pnyx.accounts.languages import LANGUAGE_CODES
from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.network.models import Practitioner
from pnyx.programs.services.text import required_text
from pnyx.toolbox.models import Tool

HEADLINE_MAX_LENGTH = 300
HOURS_MAX = 200
#: At most this many of each list, so a profile stays readable and cheap to match.
LIST_MAX = 30


def _limited(field: str, values: Iterable[str]) -> list[str]:
    unique = sorted({str(value).strip() for value in values if str(value).strip()})
    if len(unique) > LIST_MAX:
        message = _("Choose at most %(count)s.")
        raise ValidationError({field: message % {"count": LIST_MAX}}, code="too_many")
    return unique


def topics_from_slugs(slugs: Iterable[str]) -> list[Topic]:
    """The topics named by their slugs; ValidationError on `topics` for an unknown one."""
    wanted = _limited("topics", slugs)
    found = list(Topic.objects.filter(slug__in=wanted).order_by("slug"))
    if len(found) != len(wanted):
        unknown = sorted(set(wanted) - {topic.slug for topic in found})
        message = _("Unknown topic: %(slugs)s.") % {"slugs": ", ".join(unknown)}
        raise ValidationError({"topics": message}, code="unknown")
    return found


def tools_from_slugs(slugs: Iterable[str]) -> list[Tool]:
    """The tools named by their slugs; ValidationError on `tools` for an unknown one."""
    wanted = _limited("tools", slugs)
    found = list(Tool.objects.filter(slug__in=wanted).order_by("slug"))
    if len(found) != len(wanted):
        unknown = sorted(set(wanted) - {tool.slug for tool in found})
        message = _("Unknown tool: %(slugs)s.") % {"slugs": ", ".join(unknown)}
        raise ValidationError({"tools": message}, code="unknown")
    return found


def language_codes(codes: Iterable[str]) -> list[str]:
    wanted = _limited("languages", codes)
    unknown = [code for code in wanted if code not in LANGUAGE_CODES]
    if unknown:
        message = _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}
        raise ValidationError({"languages": message}, code="unknown")
    return wanted


def country_code(code: str, field: str = "country") -> str:
    code = (code or "").strip().upper()
    if code and code not in countries:
        message = _("Unknown country: %(code)s.") % {"code": code}
        raise ValidationError({field: message}, code="unknown")
    return code


def country_codes(codes: Iterable[str]) -> list[str]:
    return [country_code(code, "countries") for code in _limited("countries", codes)]


def _index(practitioner: Practitioner) -> None:
    if practitioner.available:
        search.index_object(
            practitioner, title=practitioner.user.public_name, body=practitioner.headline
        )
    else:
        search.remove_object(practitioner)


def practitioner_save(
    *,
    actor: Any,
    headline: str,
    topics: Iterable[str] = (),
    tools: Iterable[str] = (),
    languages: Iterable[str] = (),
    countries: Iterable[str] = (),
    hours_per_month: int = 2,
    data_expert: bool = False,
    available: bool = True,
) -> Practitioner:
    """Create or update the person's practitioner profile; topics and tools by slug, languages
    and countries by code. Needs `network.offer_help`."""
    require(actor, "network.offer_help")
    headline = required_text("headline", headline, HEADLINE_MAX_LENGTH)
    if not 1 <= hours_per_month <= HOURS_MAX:
        message = _("Give a number of hours from 1 to %(max)s.") % {"max": HOURS_MAX}
        raise ValidationError({"hours_per_month": message}, code="hours")
    topic_rows = topics_from_slugs(topics)
    tool_rows = tools_from_slugs(tools)
    fields = {
        "headline": headline,
        "languages": language_codes(languages),
        "countries": country_codes(countries),
        "hours_per_month": hours_per_month,
        "data_expert": data_expert,
        "available": available,
    }
    with transaction.atomic():
        practitioner, _created = Practitioner.objects.update_or_create(user=actor, defaults=fields)
        practitioner.topics.set(topic_rows)
        practitioner.tools.set(tool_rows)
        _index(practitioner)
    return practitioner


def practitioner_set_available(*, actor: Any, available: bool) -> Practitioner:
    """Pause (leave the directory and the suggestions) or resume the person's profile."""
    require(actor, "network.offer_help")
    practitioner = Practitioner.objects.filter(user=actor).first()
    if practitioner is None:
        raise ValidationError(_("You have not offered to help yet."), code="missing")
    with transaction.atomic():
        practitioner.available = available
        practitioner.save(update_fields=["available", "updated_at"])
        _index(practitioner)
    return practitioner


def practitioner_remove(*, actor: Any) -> bool:
    """Delete the person's profile; their conversations stay. Returns whether one existed.
    Only needs an account: leaving must stay possible after the address changes."""
    if not getattr(actor, "is_authenticated", False):
        return False
    practitioner = Practitioner.objects.filter(user=actor).first()
    if practitioner is None:
        return False
    with transaction.atomic():
        search.remove_object(practitioner)
        practitioner.delete()
    return True
