"""Importing tools or practices from a file (the format of `selectors.catalog_export`).

Every row is checked with the wiki's `clean_tool_data` / `clean_practice_data`, plus its
address name (`slug`, optional) and, for tools, alternatives that may name tools of the same
file. A file with any bad row imports nothing: `ImportRefused` lists each bad row with its number
and one message per field. Otherwise every item is created at once, as approved content, with an
approved revision recording the import, indexed for search, and the import is audited.

Rows are numbered as a person sees them: in CSV the header is row 1, so the first item is row 2;
in JSON the first object is row 1.
"""

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.export import FORMULA_STARTS
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.orgs.models import Organisation
from pnyx.toolbox.models import Practice, Revision, RevisionKind, RevisionState, Tool
from pnyx.toolbox.selectors.catalog_export import PRACTICE_FIELDS, TOOL_FIELDS
from pnyx.toolbox.services.search import index_practice, index_tool
from pnyx.toolbox.services.wiki_data import clean_practice_data, clean_tool_data

TOOLS = "tools"
PRACTICES = "practices"
KINDS = (TOOLS, PRACTICES)
MAX_ROWS = 5_000
MAX_BYTES = 5 * 1024 * 1024
RESERVED_SLUGS = frozenset({"new", "export.json", "export.csv"})
ACTION = "toolbox.catalog_imported"
_SEPARATORS = re.compile(r"[\s,;]+")


class UnreadableFile(ValueError):
    """The file is not a JSON list of objects or a CSV with a header row (the message says why)."""


@dataclass(frozen=True)
class RowError:
    row: int
    errors: dict[str, list[str]]


@dataclass
class ImportRefused(Exception):
    """Nothing was imported: one entry per bad row."""

    rows: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    kind: str
    file_name: str
    slugs: list[str]


# --- reading -----------------------------------------------------------------------------------


def _plain_cell(value: str) -> str:
    """A CSV cell without the apostrophe the export puts before a formula-like start."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None
    except csv.Error as error:
        raise UnreadableFile(_("This is not a readable CSV file.")) from error
    if not any(header):
        raise UnreadableFile(_("The first row must name the columns."))
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise UnreadableFile(
                    _("Row %(row)s has more cells than the header names.") % {"row": number}
                )
            rows.append((number, dict(zip(header, map(_plain_cell, cells), strict=False))))
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as error:
        raise UnreadableFile(_("This is not a readable CSV file.")) from error
    return rows


def _json_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        loaded = json.loads(text)
    except ValueError as error:
        message = _("This is not valid JSON (line %(line)s).") % {
            "line": getattr(error, "lineno", "?")
        }
        raise UnreadableFile(message) from error
    if not isinstance(loaded, list):
        raise UnreadableFile(_("The JSON file must hold a list of objects."))
    rows = []
    for number, item in enumerate(loaded, start=1):
        if not isinstance(item, dict):
            raise UnreadableFile(_("Row %(row)s is not an object.") % {"row": number})
        rows.append((number, {str(key).lower(): value for key, value in item.items()}))
    return rows


def read_rows(content: bytes, file_name: str) -> list[tuple[int, dict[str, Any]]]:
    """The numbered rows of a JSON or CSV file (told apart by the name's extension, else by the
    first character); UnreadableFile when it cannot be read, is empty or is too long."""
    if len(content) > MAX_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file must be encoded in UTF-8.")) from error
    suffix = PurePath(file_name).suffix.lower()
    is_json = suffix == ".json" or (suffix != ".csv" and text.lstrip().startswith("["))
    rows = _json_rows(text) if is_json else _csv_rows(text)
    if not rows:
        raise UnreadableFile(_("The file holds no row to import."))
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(
            _("A file may hold at most %(count)s rows; split it.") % {"count": MAX_ROWS}
        )
    return rows


def detect_kind(rows: list[tuple[int, dict[str, Any]]]) -> str:
    """Tools when the rows have a `name`, practices when they have a `title`."""
    keys = set().union(*(row.keys() for _number, row in rows))
    return PRACTICES if "title" in keys and "name" not in keys else TOOLS


# --- checking ----------------------------------------------------------------------------------


def _check_slug(
    slug: str, model: type[Tool] | type[Practice], seen: set[str], taken: set[str]
) -> str | None:
    try:
        validate_slug(slug)
    except ValidationError:
        return _("Use only letters, digits, hyphens and underscores.")
    limit = model._meta.get_field("slug").max_length or 0
    if len(slug) > limit:
        return _("At most %(limit)s characters.") % {"limit": limit}
    if slug in RESERVED_SLUGS or slug in taken:
        return _("This address name is already used.")
    if slug in seen:
        return _("Another row of the file has this address name.")
    return None


def _list_items(value: Any) -> list[str]:
    """A list field: a JSON list, or text separated by `;` (commas and spaces also work)."""
    if value is None:
        return []
    items = _SEPARATORS.split(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        items = [items]
    return sorted({str(item).strip() for item in items} - {""})


def _alternative_errors(value: Any, known: set[str], own: str) -> list[str]:
    slugs = _list_items(value)
    if own and own in slugs:
        return [_("A tool cannot be its own alternative.")]
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        message = _("No tool has these address names: %(items)s.")
        return [message % {"items": ", ".join(unknown)}]
    return []


def _clean_row(
    kind: str, row: Mapping[str, Any], known_tools: set[str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    try:
        if kind == TOOLS:
            content = {name: value for name, value in row.items() if name != "alternatives"}
            cleaned = clean_tool_data(content)
        else:
            cleaned = clean_practice_data(row)
    except ValidationError as error:
        errors.update({name: list(messages) for name, messages in error.message_dict.items()})
    if kind == TOOLS:
        slug = str(row.get("slug") or "").strip()
        problems = _alternative_errors(row.get("alternatives"), known_tools, slug)
        if problems:
            errors["alternatives"] = problems
        cleaned["alternatives"] = _list_items(row.get("alternatives"))
    return cleaned, errors


def _checked_rows(
    kind: str, rows: list[tuple[int, dict[str, Any]]]
) -> list[tuple[str, dict[str, Any]]]:
    """(slug or "", cleaned content) per row; ImportRefused naming every bad row."""
    model = Tool if kind == TOOLS else Practice
    fields = set(TOOL_FIELDS if kind == TOOLS else PRACTICE_FIELDS)
    wanted = [str(row.get("slug") or "").strip() for _number, row in rows]
    taken = set(
        model.objects.filter(slug__in=[s for s in wanted if s]).values_list("slug", flat=True)
    )
    known_tools = set(Tool.objects.values_list("slug", flat=True)) | set(wanted) - {""}
    refused = ImportRefused()
    checked: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for (number, row), slug in zip(rows, wanted, strict=True):
        cleaned, errors = _clean_row(kind, row, known_tools if kind == TOOLS else set())
        unknown = sorted(set(row) - fields)
        if unknown:
            errors["__all__"] = [_("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)}]
        if slug and (problem := _check_slug(slug, model, seen, taken)):
            errors["slug"] = [problem]
        seen.add(slug)
        if errors:
            refused.rows.append(RowError(number, errors))
        checked.append((slug, cleaned))
    if refused.rows:
        raise refused
    return checked


# --- writing -----------------------------------------------------------------------------------


def _free_slug(
    text: str, fallback: str, taken: set[str], model: type[Tool] | type[Practice]
) -> str:
    base = slugify(text)[:100].strip("-") or fallback
    taken |= set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _create_tool(slug: str, cleaned: dict[str, Any]) -> Tool:
    names: tuple[str, ...] = ("name", "summary", "description", "website", "repository")
    names += ("licence",)
    names += ("open_source", "cost_model", "languages", "maturity")
    tool = Tool.objects.create(slug=slug, **{name: cleaned[name] for name in names})
    tool.topics.set(Topic.objects.filter(slug__in=cleaned["topics"]))
    return tool


def _create_practice(slug: str, cleaned: dict[str, Any]) -> Practice:
    names: tuple[str, ...] = ("title", "summary", "description", "country", "level", "actors")
    names += ("outcomes", "resources", "lessons")
    organisation = cleaned["organisation"]
    practice = Practice.objects.create(
        slug=slug,
        organisation=Organisation.objects.filter(slug=organisation).first()
        if organisation
        else None,
        started_on=date.fromisoformat(cleaned["started_on"]) if cleaned["started_on"] else None,
        ended_on=date.fromisoformat(cleaned["ended_on"]) if cleaned["ended_on"] else None,
        **{name: cleaned[name] for name in names},
    )
    practice.topics.set(Topic.objects.filter(slug__in=cleaned["topics"]))
    practice.tools.set(Tool.objects.filter(slug__in=cleaned["tools"]))
    return practice


def _write(
    kind: str, checked: list[tuple[str, dict[str, Any]]], actor: User, comment: str
) -> list[Tool | Practice]:
    model = Tool if kind == TOOLS else Practice
    taken = {slug for slug, _cleaned in checked if slug}
    created: list[Tool | Practice] = []
    for slug, cleaned in checked:
        if kind == TOOLS:
            slug = slug or _free_slug(cleaned["name"], "tool", taken, model)
            created.append(_create_tool(slug, cleaned))
        else:
            slug = slug or _free_slug(cleaned["title"], "practice", taken, model)
            created.append(_create_practice(slug, cleaned))
        taken.add(slug)
    if kind == TOOLS:
        by_slug = {obj.slug: cast(Tool, obj) for obj in created}
        for obj, (_slug, cleaned) in zip(created, checked, strict=True):
            if cleaned["alternatives"]:
                others = [by_slug[s] for s in cleaned["alternatives"] if s in by_slug]
                outside = Tool.objects.filter(slug__in=cleaned["alternatives"]).exclude(
                    pk__in=[other.pk for other in others]
                )
                cast(Tool, obj).alternatives.add(*others, *outside)
    now = timezone.now()
    revisions = []
    for obj, (_slug, cleaned) in zip(created, checked, strict=True):
        if isinstance(obj, Tool):
            index_tool(obj)
            target: dict[str, Any] = {"kind": RevisionKind.TOOL, "tool": obj}
        else:
            index_practice(obj)
            target = {"kind": RevisionKind.PRACTICE, "practice": obj}
        revisions.append(
            Revision(
                data=cleaned,
                comment=comment,
                author=actor,
                state=RevisionState.APPROVED,
                reviewed_by=actor,
                reviewed_at=now,
                **target,
            )
        )
    Revision.objects.bulk_create(revisions)
    return created


def catalog_import(*, actor: User, content: bytes, file_name: str, kind: str = "") -> ImportResult:
    """Import every tool or practice of a JSON or CSV file (`kind` "tools" or "practices", or
    told from the columns when blank), all or nothing.

    Needs `toolbox.review`. Raises UnreadableFile for a file that cannot be read, and
    ImportRefused listing each bad row; then nothing is stored. Audited as
    `toolbox.catalog_imported`.
    """
    require(actor, "toolbox.review")
    name = PurePath(file_name.replace("\\", "/")).name[:200] or "upload"
    rows = read_rows(content, name)
    kind = kind or detect_kind(rows)
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}.")
    # Stored as written, like any revision comment, in the platform's working language.
    comment = f"imported from {name}"
    with transaction.atomic():
        checked = _checked_rows(kind, rows)
        created = _write(kind, checked, actor, comment[:500])
        audit.record(
            action=ACTION,
            actor=actor,
            data={"file": name, "kind": kind, "created": len(created)},
        )
    return ImportResult(kind=kind, file_name=name, slugs=[obj.slug for obj in created])


def register_import_actions() -> None:
    audit.register_action(ACTION, gettext_lazy("Tools or practices imported"))
