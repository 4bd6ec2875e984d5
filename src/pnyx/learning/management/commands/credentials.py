"""`pnyx credentials verify FILE`: check a learning credential from the command line.

Prints the outcome and each check in plain words. The issuer's key and revocation list are
looked up in this Pnyx's database, as the verification page does; an issuer hosted elsewhere is
an "unknown issuer" (nothing is fetched over the network).

Exit status: 0 when the credential is valid, 1 when it is not (tampered with, expired, not yet
valid, revoked, revocation not checkable, unknown issuer), 2 when the file cannot be read or
is not a JSON object.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pnyx.learning.services.credentials_verify import (
    MAX_CREDENTIAL_BYTES,
    OUTCOME_EXPLANATIONS,
    OUTCOME_WORDS,
    credential_parse,
    credential_verify,
)

UNREADABLE = 2
NOT_VALID = 1


class Command(BaseCommand):
    help = "Check a learning credential: exit 0 only when it is valid."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="action")
        verify = actions.add_parser(
            "verify", help="Check a credential file: signature, issuer, dates, revocation."
        )
        verify.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        self._verify(options["file"])

    def _read(self, path: Path) -> Any:
        try:
            with path.open("rb") as handle:
                # One byte past the limit is enough to know the file is too large.
                content = handle.read(MAX_CREDENTIAL_BYTES + 1)
        except OSError as error:
            raise CommandError(
                f"Cannot read {path}: {error.strerror}.", returncode=UNREADABLE
            ) from None
        try:
            return credential_parse(content)
        except ValidationError as error:
            message = " ".join(error.messages)
            raise CommandError(f"Cannot read {path}: {message}", returncode=UNREADABLE) from None

    def _verify(self, path: Path) -> None:
        verdict = credential_verify(document=self._read(path))
        self.stdout.write(f"Outcome: {OUTCOME_WORDS[verdict.outcome]}")
        self.stdout.write(str(OUTCOME_EXPLANATIONS[verdict.outcome]))
        if verdict.issuer_id:
            self.stdout.write(f"Issuer: {verdict.issuer_id}")
        self.stdout.write("Checks:")
        for check in verdict.checks:
            mark = "passed" if check.passed else "FAILED"
            self.stdout.write(f"  [{mark}] {check.title}: {check.detail}")
        if not verdict.valid:
            raise CommandError(
                f"The credential is not valid ({verdict.outcome.value}).", returncode=NOT_VALID
            )
