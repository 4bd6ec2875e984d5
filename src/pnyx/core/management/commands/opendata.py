"""`pnyx opendata export DIR` and `pnyx opendata recompute DIR`: the open-data export, and the
check that every published algorithm output follows from it.

`recompute` exits 0 when every output matches, 1 when any position, score or group differs (each
difference is printed), 2 when the export cannot be read (a message, no traceback). It reads
the files only, never the database.
"""

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pnyx.core import opendata
from pnyx.core.opendata.recompute import Difference, OutputReport

DIFFERENCES_SHOWN = 100
UNREADABLE = 2
DIFFERENT = 1


class Command(BaseCommand):
    help = "Write the open-data export, or recompute every algorithm output from one."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write every public dataset and output to DIR.")
        export.add_argument("directory", type=Path, metavar="DIR")
        check = sub.add_parser(
            "recompute", help="Recompute every output from the export in DIR and compare."
        )
        check.add_argument("directory", type=Path, metavar="DIR")
        check.add_argument(
            "--limit",
            type=int,
            default=DIFFERENCES_SHOWN,
            help="Differences printed per output (0 prints them all).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(options["directory"])
        else:
            self._recompute(options["directory"], limit=options["limit"])

    def _export(self, directory: Path) -> None:
        started = time.perf_counter()
        try:
            summary = opendata.export(directory)
        except (opendata.DirectoryNotEmpty, OSError) as error:
            raise CommandError(str(error), returncode=UNREADABLE) from None
        for exported in summary.files:
            self.stdout.write(f"  {exported.path}: {exported.rows} rows, {exported.bytes} bytes")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Open data written to {directory}: {len(summary.files)} files, "
            f"{summary.bytes} bytes, in {seconds:.1f} s."
        )

    def _recompute(self, directory: Path, *, limit: int) -> None:
        try:
            report = opendata.recompute(directory)
        except opendata.UnreadableExport as error:
            raise CommandError(str(error), returncode=UNREADABLE) from None
        for output in report.outputs:
            self._print_output(output, limit=limit)
        differences = len(report.differences)
        if differences:
            raise CommandError(
                f"{differences} difference(s) between the published outputs and their recompute.",
                returncode=DIFFERENT,
            )
        self.stdout.write(f"Every output recomputes exactly ({len(report.outputs)} outputs).")

    def _print_output(self, output: OutputReport, *, limit: int) -> None:
        count = len(output.differences)
        self.stdout.write(
            f"{output.output}: {output.runs} run(s), {output.items} item(s) compared, "
            f"{count} difference(s)"
        )
        shown = output.differences if limit <= 0 else output.differences[:limit]
        for difference in shown:
            self.stdout.write(f"  {describe(difference)}")
        if len(shown) < count:
            self.stdout.write(f"  … and {count - len(shown)} more (--limit 0 prints them all)")


def describe(difference: Difference) -> str:
    return (
        f"{difference.scope} item {difference.item}: {difference.field} published "
        f"{difference.published!r}, recomputed {difference.recomputed!r}"
    )
