"""The server under test: Pnyx in production mode behind `pnyx serve`, on a throw-away database."""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.load import HEADERS

ROOT = Path(__file__).resolve().parent.parent
PNYX = str(Path(sys.executable).with_name("pnyx"))
WORKERS = 2
START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0


def production_environment(var_dir: Path, database_url: str | None) -> dict[str, str]:
    """The variables a real deployment sets, with a fresh secret and the benchmark's URL map."""
    python_path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return os.environ | {
        "PNYX_ENV": "production",
        "PNYX_VAR_DIR": str(var_dir),
        "SECRET_KEY": secrets.token_urlsafe(48),  # 64 characters
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "localhost",
        "DEBUG": "false",
        "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        # `pnyx` and gunicorn must both find the `bench` package (settings, URLs, bare page).
        "PYTHONPATH": os.pathsep.join(python_path),
    }


def migrate(env: dict[str, str]) -> None:
    result = subprocess.run(
        [PNYX, "migrate", "--noinput", "--verbosity=0"], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"pnyx migrate failed:\n{result.stdout}{result.stderr}")


def load_demo_data(env: dict[str, str], *, only_if_empty: bool) -> str:
    """Run `pnyx demo`; return a note on what happened rather than stopping the benchmark."""
    command = [PNYX, "demo", *(["--if-empty"] if only_if_empty else [])]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode == 0:
        return "loaded with `pnyx demo`" + (" --if-empty" if only_if_empty else "")
    if "Unknown command: 'demo'" in result.stderr:
        return "none: `pnyx demo` does not exist yet"
    last_line = (result.stderr.strip().splitlines() or ["no output"])[-1]
    return f"none: `pnyx demo` failed ({last_line})"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def status_of(base_url: str, path: str) -> int:
    """The status of one GET, redirects not followed (a redirect is not the page)."""
    host, port = base_url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@contextmanager
def running_server(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Start `pnyx serve` and yield its base URL; stop it on the way out, whatever happened."""
    port = free_port()
    # No background worker: its periodic jobs (the open-data build among them) would take CPU
    # from the pages being measured.
    command = [PNYX, "serve", f"--port={port}", f"--workers={WORKERS}", "--no-worker"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_healthy(base_url, process, log_path)
            yield base_url
        finally:
            stop(process)


def wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if status_of(base_url, "/healthz") == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    log_tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-20:])
    raise SystemExit(f"The server did not become healthy at {base_url}. Its log:\n{log_tail}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn's master and workers: they share the session the server was started in."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=STOP_TIMEOUT)
            return
        except subprocess.TimeoutExpired:
            continue
