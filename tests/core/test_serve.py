"""`pnyx serve`: a real gunicorn started in a subprocess, and the refusals before it starts."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pnyx.core.management.commands.serve import display_url, gunicorn_argv

PNYX = str(Path(sys.executable).with_name("pnyx"))
START_TIMEOUT = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def own_environment(var_dir: Path) -> dict[str, str]:
    """Embedded mode with its own SQLite file, whatever the test run itself was configured with."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PNYX_ENV"}}
    return env | {"PNYX_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "pnyx.settings"}


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
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    env = own_environment(tmp_path)
    subprocess.run([PNYX, "migrate", "--noinput", "--verbosity=0"], env=env, check=True)  # noqa: S603
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [PNYX, "serve", f"--port={port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield process, port
    finally:
        # gunicorn's master and its workers share the session started above.
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


def test_serve_refuses_a_port_out_of_range_with_a_clear_error_and_exit_status(tmp_path):
    result = subprocess.run(  # noqa: S603
        [PNYX, "serve", "--port=65536"],
        env=own_environment(tmp_path),
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


def test_gunicorn_runs_sync_workers_without_access_log_unless_asked():
    quiet = gunicorn_argv(
        executable="/venv/bin/gunicorn",
        host="127.0.0.1",
        port=8000,
        workers=2,
        timeout=30,
        access_log=False,
    )
    logged = gunicorn_argv(
        executable="/venv/bin/gunicorn", host="::1", port=80, workers=4, timeout=5, access_log=True
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
    assert logged[-1] == "--access-logfile=-"


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
