"""`pnyx worker [--once] [--sleep SECONDS]`: run the background jobs (see `pnyx.core.tasks`).

At each poll the worker gives back the jobs of workers that died, queues the periodic tasks due
this period, then runs every due job. Any number of workers may run against one database.
SIGTERM or SIGINT lets the job in hand finish, then the worker exits; a second one stops it at
once (the interrupted job is given back after its timeout). `--once` does one poll and exits,
for cron and for tests.
"""

import logging
import os
import signal
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections

from pnyx.core import tasks

logger = logging.getLogger("pnyx.tasks")

DEFAULT_SLEEP = 1.0
#: How often a sleeping worker checks whether it was asked to stop.
_WAKE_STEP = 0.1


class Worker:
    """The polling loop, stopped by `stop()` (the signal handlers call it)."""

    def __init__(self, *, sleep: float) -> None:
        self.sleep = sleep
        self.stopping = False

    def stop(self, signum: int, frame: FrameType | None = None) -> None:
        self.stopping = True
        # The next same signal acts as if nothing were handling it: a second Ctrl-C ends at once.
        signal.signal(signum, signal.SIG_DFL)

    def poll(self) -> int:
        """One round: recover, schedule, run what is due. Returns how many jobs ran."""
        close_old_connections()
        try:
            tasks.recover_stale_jobs()
            tasks.schedule_periodic()
            return tasks.run_due_jobs(should_stop=lambda: self.stopping)
        finally:
            close_old_connections()

    def run(self) -> int:
        """Poll until stopped; returns how many jobs ran.

        A poll that fails (the database out of reach, most often) is logged and tried again
        after the pause: the worker outlives an outage instead of leaving the queue unserved.
        """
        ran = 0
        while not self.stopping:
            try:
                ran += self.poll()
            except Exception:
                logger.exception("The worker's poll failed; trying again.")
                connections.close_all()
            self.pause()
        return ran

    def pause(self) -> None:
        deadline = time.monotonic() + self.sleep
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(_WAKE_STEP, max(0.0, deadline - time.monotonic())))


class Command(BaseCommand):
    help = "Run background jobs until stopped (SIGTERM, Ctrl-C), or once with --once."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs due now, then exit (for cron)."
        )
        parser.add_argument(
            "--sleep",
            type=float,
            default=DEFAULT_SLEEP,
            help=f"Seconds between two polls of the queue (default {DEFAULT_SLEEP}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sleep: float = options["sleep"]
        if not sleep > 0:
            raise CommandError(f"--sleep must be a positive number of seconds; got {sleep}.")
        worker = Worker(sleep=sleep)
        if options["once"]:
            ran = worker.poll()
            self.stdout.write(f"{ran} job(s) run.")
            return
        signal.signal(signal.SIGTERM, worker.stop)
        signal.signal(signal.SIGINT, worker.stop)
        self.stdout.write(f"Pnyx worker {os.getpid()} started; polling every {sleep:g} s.")
        self.stdout.flush()
        ran = worker.run()
        self.stdout.write(f"Pnyx worker {os.getpid()} stopped after {ran} job(s).")
