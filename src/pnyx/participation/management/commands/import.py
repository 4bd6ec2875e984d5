"""`pnyx import polis DIR [--organisation SLUG]`: import a Pol.is conversation export.

Creates an archived agree/disagree/pass consultation from DIR's comments.csv and votes.csv
(`polis` says what is read, `services.polis_import` what is kept), computes its opinion
groups, and prints the new consultation's id alone on standard output, so that scripts can
read it; what was imported is summarised on standard error. A folder that cannot be read
stops the command with a message naming the file and line, exit status 1, and nothing written.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pnyx.participation import polis
from pnyx.participation.services import polis_import
from pnyx.participation.services.opinion_groups import opinion_groups_recompute


class Command(BaseCommand):
    help = "Import a consultation from another tool; `polis DIR` reads a Pol.is export folder."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sources = parser.add_subparsers(dest="source", required=True, metavar="source")
        polis = sources.add_parser(
            "polis", help="A Pol.is export: a folder with comments.csv and votes.csv."
        )
        polis.add_argument("directory", help="The export folder (summary.csv is read if there).")
        polis.add_argument(
            "--organisation",
            metavar="SLUG",
            default="",
            help="The address name of the organiser (default: an organisation kept for imports).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            conversation = polis.polis_read(Path(options["directory"]))
            process = polis_import.polis_import(
                conversation=conversation, organisation_slug=options["organisation"]
            )
        except polis.PolisFormatError as error:
            raise CommandError(f"Not imported: {error}") from None
        except ValidationError as error:
            raise CommandError(f"Not imported: {' '.join(error.messages)}") from None
        run = opinion_groups_recompute(process=process)
        self.stderr.write(
            f"Imported “{process.title}” ({process.get_absolute_url()}): "
            f"{len(conversation.comments)} propositions, {len(conversation.votes)} votes, "
            f"{process.participant_count} participants; {run.group_count} opinion groups."
        )
        self.stdout.write(str(process.pk))
