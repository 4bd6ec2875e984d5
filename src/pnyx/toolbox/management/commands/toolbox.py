"""`pnyx toolbox import FILE --editor EMAIL` and `pnyx toolbox export DIR`: the catalog of tools
and practices as files.

`import` reads a JSON or CSV file of tools or practices (told from its columns, or `--kind`),
checks every row, and imports all of them or, when any row is wrong, nothing: each bad row is
printed with its number and field messages, exit status 1. The editor named by `--editor` is
recorded as the author of the import and must be a toolbox editor. `export` writes tools.json,
tools.csv, practices.json and practices.csv to DIR, in the format `import` reads.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from pnyx.accounts.models import User
from pnyx.toolbox.selectors.catalog_export import catalog_csv, catalog_json
from pnyx.toolbox.services import catalog_import


class Command(BaseCommand):
    help = "Import tools or practices from a JSON or CSV file, or export the whole catalog."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="action")
        imported = actions.add_parser("import", help="Import a JSON or CSV file, all or nothing.")
        imported.add_argument("file", type=Path, metavar="FILE")
        imported.add_argument(
            "--editor",
            required=True,
            metavar="EMAIL",
            help="The e-mail address of the toolbox editor recorded as the importer.",
        )
        imported.add_argument(
            "--kind",
            choices=catalog_import.KINDS,
            default="",
            help="What the file holds (default: told from its columns).",
        )
        exported = actions.add_parser("export", help="Write the whole catalog to DIR.")
        exported.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"], options["editor"], options["kind"])
        else:
            self._export(options["directory"])

    def _import(self, path: Path, email: str, kind: str) -> None:
        editor = User.objects.filter(email__iexact=email, is_active=True).first()
        if editor is None:
            raise CommandError(f"No active account has the address {email}.")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            result = catalog_import.catalog_import(
                actor=editor, content=content, file_name=path.name, kind=kind
            )
        except PermissionDenied:
            raise CommandError(f"{email} is not a toolbox editor.") from None
        except catalog_import.UnreadableFile as error:
            raise CommandError(f"Not imported: {error}") from None
        except catalog_import.ImportRefused as refused:
            for bad in refused.rows:
                for field, messages in bad.errors.items():
                    where = "" if field == "__all__" else f" {field}:"
                    for message in messages:
                        self.stderr.write(f"Row {bad.row}:{where} {message}")
            raise CommandError(
                f"Not imported: {len(refused.rows)} row(s) have problems; nothing was stored."
            ) from None
        self.stdout.write(f"Imported {len(result.slugs)} {result.kind} from {result.file_name}.")

    def _export(self, directory: Path) -> None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            for kind in catalog_import.KINDS:
                (directory / f"{kind}.json").write_bytes(catalog_json(kind))
                (directory / f"{kind}.csv").write_bytes(catalog_csv(kind))
        except OSError as error:
            raise CommandError(f"Cannot write to {directory}: {error.strerror}.") from None
        self.stdout.write(f"Catalog written to {directory}: tools and practices, JSON and CSV.")
