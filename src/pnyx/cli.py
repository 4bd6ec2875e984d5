"""The `pnyx` command: Django's management commands with Pnyx's settings preselected.

`pnyx serve`, `pnyx demo`, `pnyx audit verify` and `pnyx token create` are management commands of
the Pnyx apps; every other Django command (`migrate`, `shell -c`, `check --deploy`, ...) passes
through.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnyx.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
