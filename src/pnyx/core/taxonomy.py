"""Open-government topics and countries shared by every app.

Topics are rows (so other apps can relate to them and filter by them) whose names come from this
list, translated at display time; a data migration keeps the rows in step with the list.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

TOPICS: dict[str, str | Promise] = {
    "access-to-information": _("Access to information"),
    "anti-corruption": _("Anti-corruption and integrity"),
    "civic-space": _("Civic space"),
    "fiscal-openness": _("Fiscal openness"),
    "open-data": _("Open data"),
    "digital-governance": _("Digital governance"),
    "public-participation": _("Public participation"),
    "justice": _("Justice"),
    "gender-inclusion": _("Gender and inclusion"),
    "environment": _("Environment and climate"),
    "education": _("Civic education"),
    "public-services": _("Public services"),
    "beneficial-ownership": _("Beneficial ownership"),
    "open-contracting": _("Open contracting"),
    "lobbying": _("Lobbying transparency"),
    "algorithms": _("Algorithms and data rights"),
}


def topic_name(slug: str) -> str:
    """The translated name of a topic; the slug itself for a topic no longer listed."""
    return str(TOPICS.get(slug, slug))


def country_choices() -> list[tuple[str, str]]:
    """(code, translated name) pairs for every country, sorted by name in the active language."""
    return [(code, str(name)) for code, name in countries]
