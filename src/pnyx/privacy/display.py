"""Turning what a source exports into something a person can read: facts, tables, lists.

Exports are JSON-ready values keyed by English identifiers; the pages show them with translated
field names (`FIELD_LABELS`, which a test keeps complete for every source), dates in the reader's
format, yes/no for booleans and long texts shortened (the download holds them whole).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from pnyx.accounts.languages import language_name
from pnyx.core import personal_data
from pnyx.core.personal_data import Text
from pnyx.core.taxonomy import topic_name

FIELD_LABELS: dict[str, Text] = {
    "accepted_at": gettext_lazy("Accepted"),
    "accessed_at": gettext_lazy("When"),
    "arguments": gettext_lazy("Details"),
    "asked_at": gettext_lazy("Asked"),
    "bio": gettext_lazy("Short bio"),
    "changed_at": gettext_lazy("Changed"),
    "body": gettext_lazy("Text"),
    "comment_id": gettext_lazy("Comment number"),
    "comments": gettext_lazy("Comments"),
    "computed_at": gettext_lazy("Computed"),
    "confirmed_at": gettext_lazy("Confirmed"),
    "context": gettext_lazy("Context"),
    "country": gettext_lazy("Country"),
    "created_at": gettext_lazy("Created"),
    "data": gettext_lazy("Details"),
    "data_seen": gettext_lazy("Data seen"),
    "date_joined": gettext_lazy("Joined"),
    "decided_at": gettext_lazy("Decided"),
    "deleted_at": gettext_lazy("Deleted"),
    "details": gettext_lazy("Details"),
    "digest": gettext_lazy("E-mail digest"),
    "display_name": gettext_lazy("Display name"),
    "due_at": gettext_lazy("Deletion date"),
    "edited_at": gettext_lazy("Edited"),
    "email": gettext_lazy("E-mail address"),
    "email_addresses": gettext_lazy("E-mail addresses"),
    "emailed_at": gettext_lazy("E-mailed"),
    "error": gettext_lazy("Error"),
    "event": gettext_lazy("Event"),
    "expires_at": gettext_lazy("Available until"),
    "finished_at": gettext_lazy("Finished"),
    "given": gettext_lazy("Given"),
    "group": gettext_lazy("Opinion group"),
    "id": gettext_lazy("Number"),
    "in_app": gettext_lazy("Notifications on Pnyx"),
    "is_platform_admin": gettext_lazy("Platform administrator"),
    "joined_by_invitation": gettext_lazy("Joined through an invitation"),
    "languages": gettext_lazy("Languages"),
    "last_digest_at": gettext_lazy("Last digest"),
    "last_login": gettext_lazy("Last log-in"),
    "last_used_at": gettext_lazy("Last used"),
    "name": gettext_lazy("Name"),
    "organisation": gettext_lazy("Organisation"),
    "organisation_slug": gettext_lazy("Organisation address"),
    "prefix": gettext_lazy("Starts with"),
    "primary": gettext_lazy("Primary"),
    "process": gettext_lazy("Consultation"),
    "process_id": gettext_lazy("Consultation number"),
    "progress": gettext_lazy("Progress (%)"),
    "progress_message": gettext_lazy("Progress note"),
    "proposition": gettext_lazy("Proposition"),
    "proposition_id": gettext_lazy("Proposition number"),
    "propositions": gettext_lazy("Propositions"),
    "public_fields": gettext_lazy("Public fields"),
    "purpose": gettext_lazy("Purpose"),
    "question": gettext_lazy("Question"),
    "read_at": gettext_lazy("Read"),
    "ready_at": gettext_lazy("Ready"),
    "reason": gettext_lazy("Reason"),
    "reference": gettext_lazy("Reference"),
    "registered_by_you": gettext_lazy("Registered by you"),
    "reply_to": gettext_lazy("In reply to comment"),
    "requested_at": gettext_lazy("Asked"),
    "resolved_at": gettext_lazy("Handled"),
    "result": gettext_lazy("Result"),
    "revoked_at": gettext_lazy("Revoked"),
    "role": gettext_lazy("Role"),
    "sent_at": gettext_lazy("Sent"),
    "since": gettext_lazy("Since"),
    "size": gettext_lazy("Size (bytes)"),
    "staff": gettext_lazy("Seen by"),
    "stance": gettext_lazy("Stance"),
    "status": gettext_lazy("Status"),
    "task": gettext_lazy("Task"),
    "title": gettext_lazy("Title"),
    "took_part_in": gettext_lazy("Took part in"),
    "topics": gettext_lazy("Topics"),
    "two_factor_authentication": gettext_lazy("Two-factor authentication"),
    "updated_at": gettext_lazy("Changed"),
    "url": gettext_lazy("Address"),
    "value": gettext_lazy("Vote"),
    "verified": gettext_lazy("Confirmed"),
    "votes": gettext_lazy("Votes"),
    "x": gettext_lazy("Place on the map, across"),
    "y": gettext_lazy("Place on the map, up"),
}

#: A text longer than this is shortened on the pages (whole in the download).
TEXT_PREVIEW = 200
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key.replace("_", " ").capitalize()))


@dataclass
class Cell:
    """One value ready to show: its text, and a link when the value is an address on the site."""

    text: str
    url: str = ""


#: Codes shown by their names in the reader's language.
NAMED_CODES: dict[str, Callable[[str], str]] = {
    "country": lambda code: str(countries.name(code)) or code,
    "languages": language_name,
    "topics": topic_name,
    "purpose": lambda key: next(
        (str(purpose.label) for purpose in personal_data.purposes() if purpose.key == key), key
    ),
}


def cell(key: str, value: Any) -> Cell:
    """Format one exported value for reading."""
    if value is None or value == "" or value == []:
        return Cell("—")
    if key in NAMED_CODES:
        name = NAMED_CODES[key]
        codes = value if isinstance(value, list) else [value]
        return Cell(", ".join(name(str(code)) for code in codes))
    if isinstance(value, bool):
        return Cell(_("Yes") if value else _("No"))
    if isinstance(value, str):
        return _text(key, value)
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return Cell(", ".join(str(item) for item in value))
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return Cell("; ".join(_inline(item) for item in value))
    if isinstance(value, dict):
        return Cell(_inline(value))
    if isinstance(value, int | float):
        return Cell(formats.number_format(value))
    return Cell(Truncator(json.dumps(value, ensure_ascii=False)).chars(TEXT_PREVIEW))


def _text(key: str, value: str) -> Cell:
    """A date in the reader's format, an address on this site as a link, else shortened text."""
    moment = parse_datetime(value) if _MOMENT.match(value) else None
    if moment is not None and timezone.is_aware(moment):
        return Cell(formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT"))
    if key == "url" and value.startswith("/") and not value.startswith("//"):
        return Cell(value, url=value)
    return Cell(Truncator(value).chars(TEXT_PREVIEW))


def _inline(item: dict[str, Any]) -> str:
    return ", ".join(f"{field_label(key)}: {cell(key, value).text}" for key, value in item.items())


@dataclass
class Presented:
    """A source's data laid out for a page: `kind` is "empty", "facts", "table" or "items"."""

    kind: str
    facts: list[tuple[str, Cell]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    items: list[Cell] = field(default_factory=list)
    total: int = 0


def is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""


def present(value: Any) -> Presented:
    """Lay out a source's data: a dict as facts, a list of dicts as a table, else a list."""
    if is_empty(value):
        return Presented("empty")
    if isinstance(value, dict):
        facts = [(field_label(key), cell(key, item)) for key, item in value.items()]
        return Presented("facts", facts=facts, total=1)
    if isinstance(value, list) and all(isinstance(row, dict) for row in value):
        columns = list(dict.fromkeys(key for row in value for key in row))
        rows = [[cell(key, row.get(key)) for key in columns] for row in value]
        return Presented(
            "table", columns=[field_label(key) for key in columns], rows=rows, total=len(value)
        )
    items = value if isinstance(value, list) else [value]
    return Presented("items", items=[cell("", item) for item in items], total=len(items))


@dataclass
class AccessRow:
    """One recorded staff view, in words."""

    accessed_at: Any
    staff: str
    role: str
    reason: str
    detail: str
    data_seen: list[str]


def access_rows(entries: Any) -> list[AccessRow]:
    """Name the staff member, role, reason and data of each access (from the registries)."""
    rows = []
    for entry in entries:
        reason = personal_data.access_reason(entry.reason)
        sources = [personal_data.get(key) for key in entry.sources]
        rows.append(
            AccessRow(
                accessed_at=entry.accessed_at,
                staff=entry.staff.public_name if entry.staff else _("A deleted account"),
                role=str(reason.role) if reason else "",
                reason=str(reason.label) if reason else entry.reason,
                detail=entry.detail,
                data_seen=[str(source.label) for source in sources if source is not None],
            )
        )
    return rows


@dataclass
class ConsentRow:
    """One consent choice, with its purpose's name."""

    purpose: str
    granted: bool
    changed_at: Any


def consent_rows(consents: Any) -> list[ConsentRow]:
    labels = {purpose.key: str(purpose.label) for purpose in personal_data.purposes()}
    return [
        ConsentRow(
            labels.get(consent.purpose, consent.purpose), consent.granted, consent.changed_at
        )
        for consent in consents
    ]
