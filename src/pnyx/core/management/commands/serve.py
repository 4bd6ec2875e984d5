"""`pnyx serve`: collect the static files, then hand the process over to gunicorn.

Pages and the API are served over WSGI with gunicorn's sync workers: on these machines that is
several times cheaper per request than any ASGI server (measurements in PERFORMANCE.md). The command
replaces itself with gunicorn, so signals (Ctrl-C, SIGTERM from a supervisor) reach gunicorn's
master directly and no Python process is left in between.

Unless `--no-worker` is given, gunicorn's master also runs one `pnyx worker` for the background
jobs, started when the server is ready and stopped with it (`pnyx.core.gunicorn_hooks`), so one
command gives a working site. Deployments that run their workers apart pass `--no-worker`.
"""

import os
import socket
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
DEFAULT_TIMEOUT = 30
WORKER_HOOKS = "python:pnyx.core.gunicorn_hooks"
MAX_PORT = 65535
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - only compared against, never bound here


class Command(BaseCommand):
    help = (
        "Serve Pnyx with gunicorn (WSGI, sync workers) after collecting the static files. "
        "gunicorn also reads GUNICORN_CMD_ARGS and FORWARDED_ALLOW_IPS from the environment."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST, help="Address to listen on.")
        parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="Port to listen on.")
        parser.add_argument(
            "--workers", type=int, default=DEFAULT_WORKERS, help="Number of worker processes."
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=DEFAULT_TIMEOUT,
            help="Seconds a request may run before its worker is restarted.",
        )
        parser.add_argument(
            "--access-log", action="store_true", help="Log every request to standard output."
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start a background worker (run `pnyx worker` elsewhere).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port: int = options["port"]
        check_options(port=port, workers=options["workers"], timeout=options["timeout"])
        check_port_free(host=host, port=port)
        executable = gunicorn_executable()
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = gunicorn_argv(
            executable=executable,
            host=host,
            port=port,
            workers=options["workers"],
            timeout=options["timeout"],
            access_log=options["access_log"],
            background_worker=not options["no_worker"],
        )
        self.stdout.write(f"Pnyx is running at {display_url(host=host, port=port)}")
        self.stdout.flush()
        sys.stderr.flush()
        # exec keeps the environment (settings come from it) and the process id, so a supervisor
        # that started `pnyx serve` is now watching gunicorn's master.
        os.execvp(executable, argv)  # noqa: S606 - fixed program, arguments validated above


def check_options(*, port: int, workers: int, timeout: int) -> None:
    """Refuse values gunicorn would reject late or misread."""
    if not 1 <= port <= MAX_PORT:
        raise CommandError(f"--port must be between 1 and {MAX_PORT}; got {port}.")
    if workers < 1:
        raise CommandError(f"--workers must be at least 1; got {workers}.")
    if timeout < 1:
        raise CommandError(f"--timeout must be at least 1 second; got {timeout}.")


def check_port_free(*, host: str, port: int) -> None:
    """Fail at once with a clear message instead of gunicorn's retry loop on a busy port."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM
        )[0]
        with socket.socket(family, kind, proto) as probe:
            # gunicorn sets SO_REUSEADDR too: a port held only by closed connections is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        raise CommandError(
            f"Cannot listen on {host}:{port} ({error.strerror or error}). "
            "Is another server using this port? Choose another one with --port."
        ) from error


def gunicorn_executable() -> str:
    """The gunicorn installed beside this Python, so the same environment serves the project."""
    path = Path(sys.executable).with_name("gunicorn")
    if not path.is_file():
        raise CommandError(
            f"gunicorn is not installed next to {sys.executable} (looked for {path})."
        )
    return str(path)


def gunicorn_argv(
    *,
    executable: str,
    host: str,
    port: int,
    workers: int,
    timeout: int,
    access_log: bool,
    background_worker: bool,
) -> list[str]:
    """The gunicorn command line serving the WSGI application with sync workers.

    With `background_worker`, gunicorn loads the hooks that run `pnyx worker` beside it.
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    argv = [
        executable,
        "pnyx.wsgi:application",
        f"--bind={bind}",
        "--worker-class=sync",
        f"--workers={workers}",
        f"--timeout={timeout}",
        "--graceful-timeout=10",
        "--name=pnyx",
        # The default control socket is one path per user: two servers on one machine (tests, a
        # benchmark, `make run`) would take it from each other.
        "--no-control-socket",
    ]
    if access_log:
        argv.append("--access-logfile=-")
    if background_worker:
        argv.append(f"--config={WORKER_HOOKS}")
    return argv


def display_url(*, host: str, port: int) -> str:
    """The address to open in a browser; a wildcard bind is reachable through the loopback."""
    if host in WILDCARD_HOSTS:
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"
