"""`pnyx demo`: load the demo data of every app (idempotent) and print the demo log-ins."""

from argparse import ArgumentParser
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create demonstration data (safe to run again: nothing is duplicated)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the database has no account yet (used by `make run`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("The database already has data; demo data not reloaded.")
        else:
            for name in demo_modules():
                import_module(name).load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self._print_logins()

    def _print_logins(self) -> None:
        if find_spec("pnyx.accounts.demo") is None:
            return
        logins = import_module("pnyx.accounts.demo").DEMO_LOGINS
        self.stdout.write("Demo log-ins (e-mail / password):")
        for email, password, role in logins:
            self.stdout.write(f"  {email} / {password}  — {role}")


def demo_modules() -> list[str]:
    """The `demo` module of each Pnyx app that has one, in INSTALLED_APPS order."""
    names = [f"{config.name}.demo" for config in apps.get_app_configs()]
    return [name for name in names if name.startswith("pnyx.") and find_spec(name) is not None]
