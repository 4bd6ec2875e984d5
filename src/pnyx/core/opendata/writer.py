"""Writing the open-data export: each dataset as CSV and JSON, and `datapackage.json`.

Rows stream from the apps' generators straight to both files, so the export's memory does not
grow with the number of votes. The CSV files are spreadsheet-safe (`core.export.safe_csv_cell`:
a cell that could run as a formula gets a leading apostrophe), which changes such cells; the
JSON files carry every value exactly and are what `pnyx opendata recompute` reads.

Everything is read in one database snapshot (a repeatable-read transaction on PostgreSQL, a
deferred read transaction on SQLite), so the published outputs and the votes they come from
agree even while people keep voting.
"""

import csv
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnyx.core.export import safe_csv_cell
from pnyx.core.opendata import registry
from pnyx.core.opendata.registry import Dataset, ExportContext, Field, Licence

PACKAGE_NAME = "pnyx-open-data"
DESCRIPTOR = "datapackage.json"
FORMATS = {"csv": "text/csv", "json": "application/json"}
PACKAGE_TITLE = _("Pnyx open data")
PACKAGE_DESCRIPTION = _(
    "The public data of this Pnyx site: consultations, propositions, anonymised votes, "
    "comments, official answers, organisations, the audit log, and every output of its "
    "algorithms with the version and parameters behind it, so that anyone can recompute them."
)
CSV_NOTE = _(
    "The CSV file is spreadsheet-safe: a cell that could run as a formula starts with an "
    "apostrophe. The JSON file holds the exact values."
)


def iso_moment(moment: datetime) -> str:
    """A datetime as exported: ISO 8601 in UTC, with a Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_moment(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_value(value: Any) -> str:
    """A value as a CSV cell: empty for null, true/false, JSON for arrays and objects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return safe_csv_cell(json_value(value))


@dataclass(frozen=True)
class ExportedFile:
    """One file of the export, as `datapackage.json` describes it."""

    resource: str
    path: str
    format: str
    rows: int
    bytes: int
    sha256: str


class _CountingFile:
    """A text sink that writes UTF-8 and keeps the byte count and the SHA-256 of what it wrote."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("wb")
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.handle.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(text)

    def close(self) -> None:
        self.handle.close()


class _Table:
    """The CSV and JSON files of one dataset, written row by row."""

    def __init__(self, directory: Path, name: str, fields: tuple[Field, ...]) -> None:
        self.name, self.names = name, [field.name for field in fields]
        self.csv_file = _CountingFile(directory / f"{name}.csv")
        self.json_file = _CountingFile(directory / f"{name}.json")
        self.csv = csv.writer(self.csv_file)
        self.csv.writerow(self.names)
        self.rows = 0

    def write(self, row: Mapping[str, Any]) -> None:
        values = [row[name] for name in self.names]
        self.csv.writerow([csv_value(value) for value in values])
        document = {name: json_value(value) for name, value in zip(self.names, values, strict=True)}
        text = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        self.json_file.write(("[\n" if self.rows == 0 else ",\n") + text)
        self.rows += 1

    def __enter__(self) -> "_Table":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.json_file.write("[]\n" if self.rows == 0 else "\n]\n")
        self.csv_file.close()
        self.json_file.close()

    def files(self) -> list[ExportedFile]:
        return [
            ExportedFile(
                resource=self.name if kind == "csv" else f"{self.name}-json",
                path=f"{self.name}.{kind}",
                format=kind,
                rows=self.rows,
                bytes=sink.size,
                sha256=sink.digest.hexdigest(),
            )
            for kind, sink in (("csv", self.csv_file), ("json", self.json_file))
        ]


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Run every read inside in one consistent snapshot of the database, taking no write lock.

    Inside a caller's transaction (tests, a task already in one) the caller's view is kept.
    Nothing may be written inside: the PostgreSQL transaction is read-only, and a write would
    make SQLite's reader a writer that blocks every vote until the export ends.
    """
    if connection.in_atomic_block or connection.vendor not in ("postgresql", "sqlite"):
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    # Django opens SQLite transactions as IMMEDIATE (a write lock); a DEFERRED one only reads,
    # and in WAL mode it sees the database as of its first read while writers go on.
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def _field_descriptor(field: Field) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "name": field.name,
        "type": field.type,
        "description": str(field.description),
    }
    if field.required:
        descriptor["constraints"] = {"required": True}
    return descriptor


def _licence_descriptor(licence: Licence) -> dict[str, str]:
    return {"name": licence.name, "title": licence.title, "path": licence.path}


def _schema(dataset: Dataset, file_format: str) -> dict[str, Any]:
    suffix = "" if file_format == "csv" else "-json"
    schema: dict[str, Any] = {"fields": [_field_descriptor(field) for field in dataset.fields]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {"resource": f"{key.resource}{suffix}", "fields": list(key.reference)},
            }
            for key in dataset.foreign_keys
        ]
    return schema


def _resource(dataset: Dataset, exported: ExportedFile) -> dict[str, Any]:
    description = str(dataset.description)
    if exported.format == "csv":
        description = f"{description} {CSV_NOTE}"
    resource: dict[str, Any] = {
        "profile": "tabular-data-resource",
        "name": exported.resource,
        "path": exported.path,
        "title": str(dataset.title),
        "description": description,
        "format": exported.format,
        "mediatype": FORMATS[exported.format],
        "encoding": "utf-8",
    }
    if exported.format == "csv":
        # The reference validator (frictionless-py) counts bytes and hashes CSV files only and
        # reports a JSON file with these as invalid; the site lists every file's SHA-256.
        resource["bytes"] = exported.bytes
        resource["hash"] = f"sha256:{exported.sha256}"
    resource["schema"] = _schema(dataset, exported.format)
    resource["licenses"] = [_licence_descriptor(dataset.licence)]
    return resource


def descriptor(files: dict[str, list[ExportedFile]], *, created: datetime) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the files written for each table."""
    tables = registry.all_tables()
    licences = {dataset.licence.name: dataset.licence for dataset in tables}
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": str(PACKAGE_TITLE),
        "description": str(PACKAGE_DESCRIPTION),
        "version": settings.VERSION,
        "created": iso_moment(created),
        "licenses": [_licence_descriptor(licence) for licence in licences.values()],
        "resources": [
            _resource(dataset, exported)
            for dataset in tables
            for exported in files.get(dataset.name, [])
        ],
    }


@dataclass(frozen=True)
class ExportSummary:
    directory: Path
    created: datetime
    files: list[ExportedFile]

    @property
    def bytes(self) -> int:
        return sum(exported.bytes for exported in self.files)


class DirectoryNotEmpty(Exception):
    """The chosen directory holds files that are not an earlier export: nothing is written."""


def check_directory(directory: Path) -> None:
    """Refuse a directory that holds anything but an earlier export (whose files are replaced)."""
    if directory.exists() and not directory.is_dir():
        raise DirectoryNotEmpty(f"{directory} is a file, not a directory.")
    if directory.is_dir() and any(directory.iterdir()) and not (directory / DESCRIPTOR).exists():
        raise DirectoryNotEmpty(
            f"{directory} already holds files that are not an open-data export; "
            "choose an empty or new directory."
        )


def _write_outputs(directory: Path, context: ExportContext) -> dict[str, list[ExportedFile]]:
    with (
        _Table(directory, registry.RESULTS, registry.RESULT_FIELDS) as results,
        _Table(directory, registry.RUNS, registry.RUN_FIELDS) as runs,
    ):
        for output in registry.outputs():
            for run in output.published(context):
                count = 0
                for item in run.items:
                    results.write({"output": output.name, "scope": run.scope, **item._asdict()})
                    count += 1
                runs.write(
                    {
                        "output": output.name,
                        "algorithm": output.algorithm_id,
                        "version": output.version,
                        "scope": run.scope,
                        "parameters": dict(run.parameters),
                        "item_count": count,
                    }
                )
    return {registry.RUNS: runs.files(), registry.RESULTS: results.files()}


def export(directory: Path, *, now: datetime | None = None) -> ExportSummary:
    """Write every dataset and output into `directory` (created if needed), then its
    `datapackage.json`. Reads the database in one snapshot; never writes to it."""
    check_directory(directory)
    directory.mkdir(parents=True, exist_ok=True)
    context = ExportContext(now=now or timezone.now())
    files: dict[str, list[ExportedFile]] = {}
    with read_snapshot():
        for dataset in registry.datasets():
            with _Table(directory, dataset.name, dataset.fields) as table:
                for row in dataset.rows(context):
                    table.write(row)
            files[dataset.name] = table.files()
        files.update(_write_outputs(directory, context))
    package = descriptor(files, created=context.now)
    text = json.dumps(package, ensure_ascii=False, indent=2)
    (directory / DESCRIPTOR).write_text(text + "\n", encoding="utf-8")
    written = [exported for group in files.values() for exported in group]
    return ExportSummary(directory=directory, created=context.now, files=written)
