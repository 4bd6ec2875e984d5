"""Reading an open-data export back, from its files only: what a recompute stands on.

Rows come from the JSON files (the exact values), streamed one object at a time, and are
checked against the fields the running Pnyx declares for them: a missing file, malformed JSON
or a value of the wrong type raises `UnreadableExport` naming the file and the row. Dates and
datetimes come back as `date` and `datetime` objects.
"""

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pnyx.core.opendata import registry
from pnyx.core.opendata.registry import Field
from pnyx.core.opendata.writer import DESCRIPTOR

CHUNK = 1 << 20
_WHITESPACE = " \t\n\r"


class UnreadableExport(Exception):
    """The export cannot be read; the message says which file and where, for a person."""


def _integer(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError


def _number(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise ValueError


def _of(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        raise ValueError

    return check


def _date(value: Any) -> date:
    return date.fromisoformat(_of(str)(value))


def _datetime(value: Any) -> datetime:
    moment = datetime.fromisoformat(_of(str)(value))
    if moment.tzinfo is None:
        raise ValueError
    return moment


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "string": _of(str),
    "integer": _integer,
    "number": _number,
    "boolean": _of(bool),
    "date": _date,
    "datetime": _datetime,
    "object": _of(dict),
    "array": _of(list),
}
_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "datetime": "a date and time with its time zone (ISO 8601)",
    "object": "a JSON object",
    "array": "a JSON array",
}


class _ArrayStream:
    """The elements of a JSON array in a file, decoded one by one (any layout of whitespace)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.decoder = json.JSONDecoder()
        self.buffer = ""
        self.position = 0
        self.ended = False

    def _fill(self, handle: Any) -> bool:
        """Read more of the file; False at its end."""
        chunk = handle.read(CHUNK)
        if not chunk:
            self.ended = True
            return False
        self.buffer = self.buffer[self.position :] + chunk
        self.position = 0
        return True

    def _skip_whitespace(self, handle: Any) -> str:
        """Move past whitespace; the next character, not consumed ("" at the end of the file)."""
        while True:
            while self.position < len(self.buffer):
                char = self.buffer[self.position]
                if char not in _WHITESPACE:
                    return char
                self.position += 1
            if not self._fill(handle):
                return ""

    def _value(self, handle: Any) -> Any:
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError as error:
                if self.ended or not self._fill(handle):
                    raise UnreadableExport(
                        f"{self.path.name} is not valid JSON: {error.msg}."
                    ) from None
                continue
            if end == len(self.buffer) and not self.ended and self._fill(handle):
                continue  # a number could go on in the next chunk: decode it again whole
            self.position = end
            return value

    def __iter__(self) -> Iterator[Any]:
        invalid = UnreadableExport(f"{self.path.name} is not a valid JSON array.")
        with self.path.open(encoding="utf-8") as handle:
            if self._skip_whitespace(handle) != "[":
                raise invalid
            self.position += 1
            if self._skip_whitespace(handle) == "]":
                self.position += 1
            else:
                while True:
                    if not self._skip_whitespace(handle):
                        raise invalid
                    yield self._value(handle)
                    separator = self._skip_whitespace(handle)
                    self.position += 1
                    if separator == "]":
                        break
                    if separator != ",":
                        raise invalid
            if self._skip_whitespace(handle):
                raise UnreadableExport(f"{self.path.name} has data after its JSON array.")


class ExportedPackage:
    """An export on disk; `rows(name)` streams a table's checked rows from its JSON file.

    `remember(key, compute)` keeps what an app derives from the files (such as vote counts)
    for every output it recomputes from this package.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.memo: dict[str, Any] = {}
        if not directory.is_dir():
            raise UnreadableExport(f"{directory} is not a directory.")
        path = directory / DESCRIPTOR
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            raise UnreadableExport(
                f"{directory} has no readable {DESCRIPTOR}: is it an open-data export?"
            ) from None
        try:
            self.descriptor = json.loads(text)
        except ValueError as error:
            raise UnreadableExport(f"{DESCRIPTOR} is not valid JSON: {error}.") from None
        if not isinstance(self.descriptor, dict) or not isinstance(
            self.descriptor.get("resources"), list
        ):
            raise UnreadableExport(f"{DESCRIPTOR} does not describe a data package.")

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def rows(self, name: str) -> Iterator[dict[str, Any]]:
        """Every row of the table `name`, checked against its declared fields."""
        fields = _fields_of(name)
        path = self.directory / f"{name}.json"
        if not path.is_file():
            raise UnreadableExport(f"The export has no {path.name}.")
        try:
            for number, row in enumerate(_ArrayStream(path), start=1):
                yield _checked(row, fields, path.name, number)
        except OSError as error:
            raise UnreadableExport(f"{path.name} cannot be read: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise UnreadableExport(f"{path.name} is not UTF-8 text.") from None


def _fields_of(name: str) -> tuple[Field, ...]:
    dataset = registry.get_dataset(name) or next(
        (
            table
            for table in (registry.RUNS_DATASET, registry.RESULTS_DATASET)
            if table.name == name
        ),
        None,
    )
    if dataset is None:
        raise KeyError(f"No dataset {name!r} is registered.")
    return dataset.fields


def _checked(row: Any, fields: tuple[Field, ...], file: str, number: int) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise UnreadableExport(f"{file}, row {number}: a row should be a JSON object.")
    checked: dict[str, Any] = {}
    for field in fields:
        if field.name not in row:
            raise UnreadableExport(f"{file}, row {number}: the field “{field.name}” is missing.")
        value = row[field.name]
        if value is None and not field.required:
            checked[field.name] = None
            continue
        try:
            checked[field.name] = _CONVERT[field.type](value)
        except ValueError:
            raise UnreadableExport(
                f"{file}, row {number}: “{field.name}” should be {_TYPE_WORDS[field.type]}, "
                f"not {json.dumps(value, ensure_ascii=False)[:60]}."
            ) from None
    return checked
