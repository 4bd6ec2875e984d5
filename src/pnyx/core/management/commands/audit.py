"""`pnyx audit verify [--head HASH]`: recompute the hash chain of the public audit log."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pnyx.core import audit


class Command(BaseCommand):
    help = "Check the public audit log: exits non-zero and names the first bad entry."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Recompute every entry's hash and the chain.")
        verify.add_argument(
            "--head",
            default="",
            help="A head fingerprint published earlier; fail if it is no longer in the log.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit.verify(expected_head=options["head"] or None)
        if not result.ok:
            raise CommandError(
                f"Audit log is NOT intact after {result.checked} good entries: {result.reason}."
            )
        self.stdout.write(
            f"Audit log intact: {result.checked} entries, head fingerprint {result.head}."
        )
