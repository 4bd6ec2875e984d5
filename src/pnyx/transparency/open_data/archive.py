"""The open-data package the site offers for download, built in the background and kept on disk.

Exporting a big site takes a while (tens of seconds for 100,000 votes), far too long for a
request, so the periodic task `transparency.open_data_build` writes a fresh package every
`REBUILD_EVERY` under `VAR_DIR/opendata/`: the export's files, one ZIP of them all, and a
manifest of sizes and SHA-256 fingerprints. Each build goes to a folder of its own; a pointer
file, replaced atomically, names the current one, so a download in progress never sees a
half-written package. The previous package is kept for such downloads; older ones are removed.
A new site gets its first package at the worker's first poll (`pnyx serve` runs one).
"""

import hashlib
import json
import os
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

from pnyx.core import opendata
from pnyx.core.tasks import task

REBUILD_EVERY = timedelta(hours=1)
ARCHIVE_NAME = "pnyx-open-data.zip"
FOLDER = "opendata"
POINTER = "current"
MANIFEST = "manifest.json"
FILES = "files"
#: A build folder left this long was abandoned by a worker that died.
ABANDONED_AFTER = timedelta(days=1)
_READ_BLOCK = 1 << 20


@dataclass(frozen=True)
class PackageFile:
    """One downloadable file of the package."""

    name: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class BuiltPackage:
    """The package currently offered: when it was made, its files and its ZIP."""

    directory: Path
    created: datetime
    files: tuple[PackageFile, ...]
    archive_bytes: int
    archive_sha256: str

    @property
    def archive(self) -> Path:
        return self.directory / ARCHIVE_NAME

    def file(self, name: str) -> Path | None:
        """The path of a listed file of the package; None for any other name."""
        if any(listed.name == name for listed in self.files):
            return self.directory / FILES / name
        return None


def root() -> Path:
    return Path(settings.VAR_DIR) / FOLDER


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_READ_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def current() -> BuiltPackage | None:
    """The package on offer, or None while none has been built."""
    try:
        name = (root() / POINTER).read_text(encoding="utf-8").strip()
        manifest = json.loads((root() / name / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return BuiltPackage(
        directory=root() / name,
        created=datetime.fromisoformat(manifest["created"]),
        files=tuple(PackageFile(**entry) for entry in manifest["files"]),
        archive_bytes=manifest["archive"]["bytes"],
        archive_sha256=manifest["archive"]["sha256"],
    )


def _zip(files: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(files.iterdir()):
            bundle.write(path, arcname=f"pnyx-open-data/{path.name}")


def _manifest(files: Path, archive: Path, created: datetime) -> dict[str, Any]:
    return {
        "created": created.isoformat(),
        "files": [
            {"name": path.name, "bytes": path.stat().st_size, "sha256": _sha256(path)}
            for path in sorted(files.iterdir())
        ],
        "archive": {"bytes": archive.stat().st_size, "sha256": _sha256(archive)},
    }


def _prune(keep: set[str]) -> None:
    """Remove old packages and abandoned builds; `keep` names the folders to leave."""
    abandoned = time.time() - ABANDONED_AFTER.total_seconds()
    for folder in root().iterdir():
        if not folder.is_dir() or folder.name in keep:
            continue
        if folder.name.startswith("package-") or (
            folder.name.startswith("build-") and folder.stat().st_mtime < abandoned
        ):
            shutil.rmtree(folder, ignore_errors=True)


def build() -> BuiltPackage:
    """Export everything into a new folder, zip it, then make it the package on offer."""
    root().mkdir(parents=True, exist_ok=True)
    previous = current()
    token = secrets.token_hex(4)
    staging = root() / f"build-{token}"
    summary = opendata.export(staging / FILES)
    archive = staging / ARCHIVE_NAME
    _zip(staging / FILES, archive)
    manifest = _manifest(staging / FILES, archive, summary.created)
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    name = f"package-{summary.created:%Y%m%dT%H%M%S}-{token}"
    staging.rename(root() / name)
    pointer = root() / f"{POINTER}.{token}"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, root() / POINTER)
    _prune(keep={name} | ({previous.directory.name} if previous else set()))
    built = current()
    if built is None:
        raise RuntimeError("The open-data package just built cannot be read back.")
    return built


@task("transparency.open_data_build", every=REBUILD_EVERY, timeout=timedelta(minutes=30))
def open_data_build() -> dict[str, int]:
    """Rebuild the downloadable open-data package (periodic)."""
    package = build()
    return {"files": len(package.files), "archive_bytes": package.archive_bytes}
