"""gunicorn hooks that keep one `pnyx worker` running beside the server (`pnyx serve`).

`pnyx serve` hands its process over to gunicorn and points gunicorn at this module: the master
starts the worker once it is ready to serve and stops it on its way out, so the worker lives
exactly as long as the server while signals still go straight to gunicorn. Ctrl-C in a terminal
reaches the worker too (same process group): it finishes its job in hand and exits.

Only the standard library is imported here: gunicorn loads this module before any application.
"""

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

#: Seconds the worker has to finish its job in hand before it is killed (given back later).
STOP_TIMEOUT = 20


class BackgroundWorker:
    """The `pnyx worker` child process of gunicorn's master."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, log: Any) -> None:
        command = [str(Path(sys.executable).with_name("pnyx")), "worker"]
        # The worker starts with Ctrl-C ignored (an ignored signal stays ignored across exec), so
        # one pressed while it is still loading leaves no traceback: the master stops it then.
        # Once loaded, the worker handles Ctrl-C itself.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self.process = subprocess.Popen(command)  # noqa: S603 - fixed program and arguments
        finally:
            signal.signal(signal.SIGINT, previous)
        log.info("Background worker started (pid: %s)", self.process.pid)

    def stop(self, log: Any) -> None:
        process, self.process = self.process, None
        # poll() also notices a worker that already ended (gunicorn reaps every child it has).
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            log.warning("Background worker %s did not stop in time; killing it", process.pid)
            process.kill()
            process.wait()
        log.info("Background worker stopped (pid: %s)", process.pid)


background_worker = BackgroundWorker()


def when_ready(server: Any) -> None:
    background_worker.start(server.log)


def on_exit(server: Any) -> None:
    background_worker.stop(server.log)
