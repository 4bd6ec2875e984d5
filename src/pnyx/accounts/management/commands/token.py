"""Personal API tokens from the command line.

`pnyx token create EMAIL [--name NAME]` prints a new token's value; `pnyx token revoke EMAIL PREFIX`
revokes one.

The operator acts on the person's behalf, so the same rules apply as on the account page: the
account must be active with a confirmed e-mail address.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pnyx.accounts import selectors, services
from pnyx.accounts.models import User


class Command(BaseCommand):
    help = "Create or revoke a person's personal API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,revoke}")
        create = actions.add_parser(
            "create", help="Create a token and print its value (only once)."
        )
        create.add_argument("email", help="E-mail address of the account.")
        create.add_argument("--name", default="Command line", help="What the token is for.")
        revoke = actions.add_parser("revoke", help="Revoke the active token starting with PREFIX.")
        revoke.add_argument("email", help="E-mail address of the account.")
        revoke.add_argument(
            "prefix", help="The first characters of the token, as listed on the account page."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        person = selectors.person_get_by_email(email=options["email"])
        if person is None:
            raise CommandError(f"No account has the e-mail address {options['email']!r}.")
        if options["action"] == "create":
            self._create(person, options["name"])
        else:
            self._revoke(person, options["prefix"])

    def _create(self, person: User, name: str) -> None:
        try:
            _token, raw = services.api_token_create(user=person, name=name)
        except PermissionDenied as refusal:
            raise CommandError(
                f"{person.email} cannot hold API tokens: the account is inactive or its e-mail "
                "address is not confirmed."
            ) from refusal
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        # Only the value goes to stdout, so scripts can capture it.
        self.stdout.write(raw)

    def _revoke(self, person: User, prefix: str) -> None:
        matches = selectors.api_token_list_active_matching(user=person, prefix=prefix)
        if len(matches) != 1:
            raise CommandError(
                f"{len(matches)} active tokens of {person.email} match {prefix!r}; "
                "give exactly one token's prefix."
            )
        services.api_token_revoke(actor=person, token=matches[0])
        self.stdout.write(f"Revoked {matches[0].name} ({matches[0].prefix}…).")
