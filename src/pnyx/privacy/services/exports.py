"""Downloads of one's data (GDPR articles 15 and 20): a ZIP built in the background.

The ZIP holds one JSON file per personal-data source, a CSV file beside it when the data is a
table, and a README.txt in the person's language describing every file. It is stored under a
random name in the `privacy_exports` storage (never public media), served only to its owner, and
deleted after `settings.PNYX_EXPORT_RETENTION`.
"""

import json
import secrets
import tempfile
import zipfile
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.core import personal_data
from pnyx.core.export import csv_bytes
from pnyx.core.permissions import require
from pnyx.core.personal_data import PersonalDataSource
from pnyx.core.tasks import enqueue, report_progress
from pnyx.privacy import selectors
from pnyx.privacy.models import DataExport, ExportStatus

BUILD_TASK = "privacy.export_build"
#: Above this size a ZIP being built moves from memory to a temporary file.
_IN_MEMORY = 8 * 1024 * 1024
_SCALARS = (str, int, float, bool, type(None))


class ExportInProgress(ValidationError):
    """The person already has a download in preparation (one at a time)."""


def export_storage() -> Storage:
    return storages["privacy_exports"]


def export_request(*, actor: Any, person: Any) -> DataExport:
    """Queue the building of a download of everything held about the person; return it.

    Requires `privacy.export_data` (the person themselves). One download is prepared at a time:
    ExportInProgress while another is (a preparation whose job failed is closed first). The job
    is queued in this transaction and runs in the active language.
    """
    require(actor, "privacy.export_data", person)
    busy = ExportInProgress(
        _("A download of your data is already being prepared. Wait until it is ready.")
    )
    try:
        with transaction.atomic():
            _close_abandoned(person)
            if DataExport.objects.filter(person=person, status=ExportStatus.PREPARING).exists():
                raise busy
            export = DataExport.objects.create(person=person, token=secrets.token_urlsafe(32))
            export.job = enqueue(
                BUILD_TASK, key=f"{BUILD_TASK}:{export.pk}", owner=person, export_id=export.pk
            )
            export.save(update_fields=["job"])
    except IntegrityError:
        # Another request of the same person created one between the check and the insert.
        raise busy from None
    return export


def _close_abandoned(person: Any) -> None:
    for export in DataExport.objects.filter(
        person=person, status=ExportStatus.PREPARING
    ).select_related("job"):
        if selectors.export_is_abandoned(export):
            DataExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)


def export_build(*, export_id: int) -> dict[str, int]:
    """Build the ZIP of a download in preparation, store it, and mark the download ready.

    Run by the task BUILD_TASK, which `export_request` queues. Idempotent: a download no longer
    in preparation (deleted with its account, already built) is left alone. The person's older
    downloads are deleted once this one is ready.
    """
    export = (
        DataExport.objects.filter(pk=export_id, status=ExportStatus.PREPARING)
        .select_related("person")
        .first()
    )
    if export is None:
        return {"size": 0}
    storage = export_storage()
    with tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY) as buffer:
        count = _write_zip(buffer, export.person)
        size = buffer.tell()
        buffer.seek(0)
        if storage.exists(export.file_name):
            storage.delete(export.file_name)  # left by an interrupted earlier run
        storage.save(export.file_name, File(buffer))
    now = timezone.now()
    with transaction.atomic():
        done = DataExport.objects.filter(pk=export.pk, status=ExportStatus.PREPARING).update(
            status=ExportStatus.READY,
            ready_at=now,
            expires_at=now + settings.PNYX_EXPORT_RETENTION,
            size=size,
        )
        if not done:
            storage.delete(export.file_name)
            return {"size": 0}
        _delete(DataExport.objects.filter(person=export.person_id).exclude(pk=export.pk))
    return {"size": size, "sources": count}


def _table(source: PersonalDataSource, person: Any, data: Any) -> list[dict[str, Any]] | None:
    """The source's data as flat rows for a CSV file, or None when it is not a table."""
    rows = source.rows(person) if source.rows is not None else data
    if not isinstance(rows, list) or not rows:
        return None
    if not all(isinstance(row, dict) for row in rows):
        return None
    return rows


def _csv(rows: list[dict[str, Any]]) -> bytes:
    columns = list(dict.fromkeys(key for row in rows for key in row))

    def cell(value: Any) -> Any:
        return value if isinstance(value, _SCALARS) else json.dumps(value, ensure_ascii=False)

    return csv_bytes(columns, ([cell(row.get(column)) for column in columns] for row in rows))


def _write_zip(buffer: Any, person: Any) -> int:
    """Write every source's files and the README into `buffer`; return how many sources."""
    all_sources = list(personal_data.sources())
    files = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, source in enumerate(all_sources):
            report_progress(
                index * 100 // (len(all_sources) + 1),
                _("Collecting: %(label)s") % {"label": source.label},
            )
            data = source.export(person)
            names = [f"{source.key}.json"]
            archive.writestr(names[0], json.dumps(data, ensure_ascii=False, indent=2, default=str))
            rows = _table(source, person, data)
            if rows is not None:
                names.append(f"{source.key}.csv")
                archive.writestr(names[1], _csv(rows))
            files.append({"names": names, "source": source})
        report_progress(99, _("Writing the README file"))
        readme = render_to_string(
            "privacy/export_readme.txt", {"files": files, "exported_at": timezone.now()}
        )
        archive.writestr("README.txt", readme)
    return len(all_sources)


def _delete(exports: Any) -> int:
    """Delete these downloads and their files; how many went."""
    storage = export_storage()
    doomed = list(exports)
    for export in doomed:
        if storage.exists(export.file_name):
            storage.delete(export.file_name)
    DataExport.objects.filter(pk__in=[export.pk for export in doomed]).delete()
    return len(doomed)


def export_purge(before: datetime) -> int:
    """Delete the downloads asked before `before`, with their files (the retention rule)."""
    return _delete(DataExport.objects.filter(created_at__lt=before))


def exports_delete_for(*, person: Any) -> None:
    """Delete all of the person's downloads and their files (their account is being deleted)."""
    _delete(DataExport.objects.filter(person=person))
