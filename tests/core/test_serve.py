"""`pnyx serve`: a real gunicorn started in a subprocess, and the refusals before it starts."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pnyx.core.management.commands.serve import display_url, gunicorn_argv
from tests.core.conftest import PNYX, embedded_environment, wait_for_a_done_job

START_TIMEOUT = 60.0  # generous: a loaded CI machine starts gunicorn slowly


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local test server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and server.poll() is None:
        try:
            return get(url)[0]
        except OSError:
            time.sleep(0.2)
    return 0


@pytest.fixture
def server(migrated_var_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [PNYX, "serve", f"--port={port}"],
        env=embedded_environment(migrated_var_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield process, port
    finally:
        # gunicorn's master, its workers and the background worker share the session started
        # above (which a test may have ended already).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
        assert process.stdout is not None
        process.stdout.close()


def test_serve_answers_health_and_static_files_over_gunicorn(server):
    process, port = server

    status = wait_until_up(f"http://127.0.0.1:{port}/healthz", process)

    assert status == 200
    assert process.stdout is not None
    assert process.stdout.readline() == f"Pnyx is running at http://127.0.0.1:{port}/\n".encode()
    css_status, css = get(f"http://127.0.0.1:{port}/static/pnyx/pnyx.css")
    assert css_status == 200
    assert css == (Path(__file__).parents[2] / "src/pnyx/core/static/pnyx/pnyx.css").read_bytes()


def background_workers(master_pid: int) -> list[int]:
    """The `pnyx worker` processes that gunicorn's master started."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            argv = (stat.parent / "cmdline").read_bytes().split(b"\0")
            if parent == master_pid and argv[1:3] == [PNYX.encode(), b"worker"]:
                found.append(int(stat.parent.name))
    return found


def test_serve_runs_one_background_worker_and_stops_it_with_the_server(server, migrated_var_dir):
    process, port = server
    assert wait_until_up(f"http://127.0.0.1:{port}/healthz", process) == 200

    working = wait_for_a_done_job(migrated_var_dir, process)
    workers = background_workers(process.pid)
    # A supervisor stops the server by signalling gunicorn's master alone.
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)

    assert working
    assert len(workers) == 1
    assert not Path(f"/proc/{workers[0]}").exists()


def test_serve_refuses_a_port_out_of_range_with_a_clear_error_and_exit_status(tmp_path):
    result = subprocess.run(  # noqa: S603
        [PNYX, "serve", "--port=65536"],
        env=embedded_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    assert result.stderr == "CommandError: --port must be between 1 and 65535; got 65536.\n"
    assert result.stdout == ""
    assert not (tmp_path / "static" / "pnyx").exists()


@pytest.mark.parametrize("port", ["0", "-1", "65536"])
def test_serve_accepts_only_ports_from_1_to_65535(settings, tmp_path, port):
    settings.STATIC_ROOT = tmp_path / "static"

    with pytest.raises(CommandError, match=f"^--port must be between 1 and 65535; got {port}.$"):
        call_command("serve", f"--port={port}")

    assert not settings.STATIC_ROOT.exists()


def test_serve_refuses_a_port_already_in_use_before_collecting_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]

        with pytest.raises(CommandError, match=f"Cannot listen on 127.0.0.1:{port}"):
            call_command("serve", f"--port={port}")

    assert not settings.STATIC_ROOT.exists()


@pytest.mark.parametrize(("option", "value"), [("--workers", "0"), ("--timeout", "0")])
def test_serve_refuses_zero_workers_or_timeout(option, value):
    with pytest.raises(CommandError, match=f"{option} must be at least 1"):
        call_command("serve", f"{option}={value}", f"--port={free_port()}")


def test_gunicorn_runs_sync_workers_with_no_access_log_nor_background_worker_unless_asked():
    quiet = gunicorn_argv(
        executable="/venv/bin/gunicorn",
        host="127.0.0.1",
        port=8000,
        workers=2,
        timeout=30,
        access_log=False,
        background_worker=False,
    )
    logged = gunicorn_argv(
        executable="/venv/bin/gunicorn",
        host="::1",
        port=80,
        workers=4,
        timeout=5,
        access_log=True,
        background_worker=True,
    )

    assert quiet == [
        "/venv/bin/gunicorn",
        "pnyx.wsgi:application",
        "--bind=127.0.0.1:8000",
        "--worker-class=sync",
        "--workers=2",
        "--timeout=30",
        "--graceful-timeout=10",
        "--name=pnyx",
        "--no-control-socket",
    ]
    assert logged[2] == "--bind=[::1]:80"
    assert logged[-2:] == ["--access-logfile=-", "--config=python:pnyx.core.gunicorn_hooks"]


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("0.0.0.0", "http://127.0.0.1:8000/"),  # noqa: S104 - only displayed
        ("::1", "http://[::1]:8000/"),
        ("pnyx.example", "http://pnyx.example:8000/"),
    ],
)
def test_serve_prints_an_address_a_browser_can_open(host, url):
    assert display_url(host=host, port=8000) == url
