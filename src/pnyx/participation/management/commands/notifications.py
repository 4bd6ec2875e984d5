"""`pnyx notifications digest [--frequency daily|weekly]`: e-mail the notification digests.

Run it from a scheduler (cron, a systemd timer) once a day with the default frequency and once a
week with `--frequency weekly`. Running it twice sends nothing new.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pnyx.participation.models import DigestFrequency
from pnyx.participation.services.notifications import notification_digest_send


class Command(BaseCommand):
    help = "Consultation notifications: `digest` e-mails what people have not read yet."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="action")
        digest = actions.add_parser("digest", help="E-mail one digest to each person.")
        digest.add_argument(
            "--frequency",
            choices=[DigestFrequency.DAILY.value, DigestFrequency.WEEKLY.value],
            default=DigestFrequency.DAILY.value,
            help="Whose digest to send: people who chose daily (the default) or weekly.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "digest":
            raise CommandError(f"Unknown action {options['action']!r}.")
        sent = notification_digest_send(frequency=options["frequency"])
        self.stdout.write(f"{sent} digest e-mail(s) sent ({options['frequency']}).")
