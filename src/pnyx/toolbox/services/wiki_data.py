"""The one place where the content of a tool or a practice is checked: for a proposal or an edit
in the wiki, and for each row of a catalog import.

Licences: any identifier of 1 to 64 letters, digits, `.`, `+` or `-` is accepted (SPDX ids and
`LicenseRef-…`). Unless the content says `open_source` explicitly, a tool is open source when
its licence is in `OSI_LICENCES`, a short list of the most used OSI-approved licences.
"""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django_countries import countries

from pnyx.accounts.languages import LANGUAGE_CODES
from pnyx.core.models import Topic
from pnyx.orgs.models import Organisation
from pnyx.toolbox.models import CostModel, GovernmentLevel, Maturity, Tool

#: OSI-approved licence ids that make a tool open source when `open_source` is not given.
OSI_LICENCES = frozenset(
    {
        "0BSD",
        "AGPL-3.0",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "EPL-2.0",
        "EUPL-1.2",
        "GPL-2.0",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-3.0",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "ISC",
        "LGPL-2.1",
        "LGPL-2.1-only",
        "LGPL-2.1-or-later",
        "LGPL-3.0",
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
        "MIT",
        "MPL-2.0",
        "Unlicense",
    }
)
LICENCE_PATTERN = re.compile(r"^[A-Za-z0-9.+-]{1,64}$")
#: At most this many alternatives, or tools used by a practice.
MAX_RELATED = 30
#: Slugs the pages use right after /tools/ and /practices/.
RESERVED_SLUGS = frozenset({"new"})
_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}
_SEPARATORS = re.compile(r"[\s,;]+")

Errors = dict[str, list[str]]


def add_error(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _text(errors: Errors, data: Mapping[str, Any], name: str, limit: int, required: bool) -> str:
    value = data.get(name)
    text = "" if value is None else str(value).strip()
    if required and not text:
        add_error(errors, name, _("This field is required."))
    elif len(text) > limit:
        add_error(errors, name, _("At most %(limit)s characters.") % {"limit": limit})
    return text


def _url(errors: Errors, data: Mapping[str, Any], name: str) -> str:
    text = _text(errors, data, name, 500, required=False)
    if text and name not in errors:
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            add_error(errors, name, _("Enter an address starting with https:// or http://."))
    return text


def _choice(errors: Errors, data: Mapping[str, Any], name: str, choices: Any, default: str) -> str:
    value = str(data.get(name) or default).strip()
    if value not in choices.values:
        add_error(errors, name, _("Choose one of the options given."))
    return value


def _items(value: Any) -> list[str]:
    """A list of codes or slugs, from a list or from text separated by commas or spaces."""
    if value is None:
        return []
    if isinstance(value, str):
        value = _SEPARATORS.split(value)
    if not isinstance(value, list | tuple):
        return [str(value)]
    unique: list[str] = []
    for item in value:
        text = str(item).strip()
        if text and text not in unique:
            unique.append(text)
    return unique


def _unknown(errors: Errors, name: str, unknown: list[str], message: str) -> None:
    if unknown:
        add_error(errors, name, message % {"items": ", ".join(unknown)})


def _languages(errors: Errors, data: Mapping[str, Any]) -> list[str]:
    codes = _items(data.get("languages"))
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    _unknown(errors, "languages", unknown, _("Unknown language codes: %(items)s."))
    return codes


def _topics(errors: Errors, data: Mapping[str, Any]) -> list[str]:
    slugs = _items(data.get("topics"))
    known = set(Topic.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    _unknown(errors, "topics", unknown, _("Unknown topics: %(items)s."))
    return sorted(slugs)


def _tool_slugs(errors: Errors, data: Mapping[str, Any], name: str, own_slug: str) -> list[str]:
    slugs = _items(data.get(name))
    if len(slugs) > MAX_RELATED:
        add_error(errors, name, _("Name at most %(count)s tools.") % {"count": MAX_RELATED})
        return slugs
    if own_slug and own_slug in slugs:
        add_error(errors, name, _("A tool cannot be its own alternative."))
    known = set(Tool.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    _unknown(errors, name, unknown, _("No tool has these address names: %(items)s."))
    return sorted(slugs)


def _open_source(errors: Errors, data: Mapping[str, Any], licence: str) -> bool:
    value = data.get("open_source")
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text:
        add_error(errors, "open_source", _("Answer yes or no."))
    return licence in OSI_LICENCES


def raise_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def clean_tool_data(data: Mapping[str, Any], *, own_slug: str = "") -> dict[str, Any]:
    """The content of a tool, checked and normalised, or ValidationError keyed by field.

    List fields (`languages`, `topics`, `alternatives`) take a list or text separated by commas
    or spaces; `alternatives` are tool slugs that must exist (and not be `own_slug`). Keys other
    than the tool's fields are left out.
    """
    errors: Errors = {}
    licence = _text(errors, data, "licence", 64, required=False)
    if licence and "licence" not in errors and not LICENCE_PATTERN.match(licence):
        add_error(errors, "licence", _("Enter an SPDX identifier such as AGPL-3.0-or-later."))
    cleaned = {
        "name": _text(errors, data, "name", 120, required=True),
        "summary": _text(errors, data, "summary", 300, required=True),
        "description": _text(errors, data, "description", 10000, required=False),
        "website": _url(errors, data, "website"),
        "repository": _url(errors, data, "repository"),
        "licence": licence,
        "open_source": _open_source(errors, data, licence),
        "cost_model": _choice(errors, data, "cost_model", CostModel, CostModel.FREE),
        "languages": _languages(errors, data),
        "topics": _topics(errors, data),
        "maturity": _choice(errors, data, "maturity", Maturity, Maturity.IN_USE),
        "alternatives": _tool_slugs(errors, data, "alternatives", own_slug),
    }
    raise_errors(errors)
    return cleaned


def _date(errors: Errors, data: Mapping[str, Any], name: str) -> date | None:
    value = data.get(name)
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        add_error(errors, name, _("Enter a date as YYYY-MM-DD."))
        return None


def _country(errors: Errors, data: Mapping[str, Any]) -> str:
    code = str(data.get("country") or "").strip().upper()
    if code and code not in dict(countries):
        add_error(errors, "country", _("Choose a country from the list."))
    return code


def _organisation(errors: Errors, data: Mapping[str, Any]) -> str:
    slug = str(data.get("organisation") or "").strip()
    if slug and not Organisation.objects.filter(slug=slug).exists():
        add_error(errors, "organisation", _("No organisation has this address name."))
    return slug


def clean_practice_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The content of a practice, checked and normalised, or ValidationError keyed by field.

    Dates are ISO (YYYY-MM-DD) and come back as ISO text; the end may not come before the
    start. `organisation` is an organisation's slug, `tools` are tool slugs; both must exist.
    """
    errors: Errors = {}
    started, ended = _date(errors, data, "started_on"), _date(errors, data, "ended_on")
    if started and ended and ended < started:
        add_error(errors, "ended_on", _("The end cannot come before the start."))
    cleaned = {
        "title": _text(errors, data, "title", 200, required=True),
        "summary": _text(errors, data, "summary", 300, required=True),
        "description": _text(errors, data, "description", 10000, required=True),
        "country": _country(errors, data),
        "level": _choice(errors, data, "level", GovernmentLevel, GovernmentLevel.LOCAL),
        "organisation": _organisation(errors, data),
        "actors": _text(errors, data, "actors", 300, required=False),
        "started_on": started.isoformat() if started else "",
        "ended_on": ended.isoformat() if ended else "",
        "outcomes": _text(errors, data, "outcomes", 10000, required=False),
        "resources": _text(errors, data, "resources", 5000, required=False),
        "lessons": _text(errors, data, "lessons", 5000, required=False),
        "topics": _topics(errors, data),
        "tools": _tool_slugs(errors, data, "tools", ""),
    }
    raise_errors(errors)
    return cleaned
