"""Queuing jobs and running them: claims safe with several workers, retries, recovery."""

import json
import logging
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import Job, JobStatus
from pnyx.core.tasks.registry import DEFAULT_TIMEOUT, TaskFailed, find, get

logger = logging.getLogger("pnyx.tasks")

#: Wait before the second run of a job that raised; doubled before each further run.
RETRY_DELAY = timedelta(seconds=30)
KEY_MAX_LENGTH = 200

UNEXPECTED_ERROR = _(
    "The task stopped on an unexpected error. The site's team can find it in the log."
)
WORKER_LOST = _("The task was interrupted before it finished (its worker stopped).")
UNKNOWN_TASK = _("This task no longer exists on the site.")

_current_job: ContextVar[Job | None] = ContextVar("pnyx_current_job", default=None)


def _json_copy(value: Any, *, what: str) -> Any:
    """What a worker will get back from the database: a JSON round trip, refusing the rest."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as error:
        raise TypeError(f"{what} must be JSON-serialisable: {error}") from error


def enqueue(
    name: str,
    *,
    key: str | None = None,
    owner: Any = None,
    run_after: datetime | None = None,
    **kwargs: Any,
) -> Job:
    """Queue a run of the task `name` with `kwargs`, in the caller's transaction; return its job.

    With `key`, a job of that key that is still waiting is returned instead of adding another.
    `owner` is the person the job works for (they may follow it with `job_for`; it is part of
    their personal data). The task runs in the language active now. `run_after` delays it.
    """
    get(name)
    fields = {
        "name": name,
        "kwargs": _json_copy(kwargs, what=f"The arguments of task {name!r}"),
        "owner": owner if getattr(owner, "pk", None) else None,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "run_after": run_after or timezone.now(),
    }
    if not key:
        return Job.objects.create(**fields)
    if len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"A job key holds at most {KEY_MAX_LENGTH} characters.")
    waiting = Job.objects.filter(key=key, status=JobStatus.PENDING).first()
    if waiting is not None:
        return waiting
    try:
        with transaction.atomic():
            return Job.objects.create(key=key, **fields)
    except IntegrityError:
        # Another transaction queued the same key between our read and our write.
        waiting = Job.objects.filter(key=key, status=JobStatus.PENDING).first()
        # When a worker has already taken that job, this change needs a run of its own.
        return waiting or Job.objects.create(key=key, **fields)


def current_job() -> Job | None:
    """The job being run in this thread, for a task that needs its id or owner; None elsewhere."""
    return _current_job.get()


def report_progress(percent: int, message: str | Promise = "") -> None:
    """Record how far the running job has got (0 to 100) and a short note for its page.

    Written at once, so the job's page sees it while the task runs (a transaction the task holds
    open around the call delays it to that commit). Does nothing outside a job, so a service
    that reports progress can also be called directly.
    """
    job = _current_job.get()
    if job is None:
        return
    job.progress = max(0, min(100, int(percent)))
    job.progress_message = str(message)[:200]
    _this_run(job).update(progress=job.progress, progress_message=job.progress_message)


def _this_run(job: Job) -> QuerySet[Job]:
    """The job's row while it is still this run's: untouched by a recovery or a newer run."""
    return Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)


def _close(job: Job, **fields: Any) -> None:
    if not _this_run(job).update(**fields):
        logger.warning(
            "Job %s (%s) was given up, retried or deleted while it ran; outcome dropped.",
            job.pk,
            job.name,
        )


def _retry_or_fail(
    job: Job, *, max_attempts: int, error: str, now: datetime, retry_at: datetime
) -> None:
    """Give the job another run at `retry_at`, or mark it failed when its runs are used up."""
    if job.attempts < max_attempts:
        try:
            with transaction.atomic():
                if _this_run(job).update(status=JobStatus.PENDING, run_after=retry_at, error=error):
                    return
        except IntegrityError:
            # A job with the same key is already waiting: it will do this work.
            pass
    _close(job, status=JobStatus.FAILED, finished_at=now, error=error)


def _claim(now: datetime) -> Job | None:
    """Take the next due job for this worker, or None when nothing is due."""
    due = Job.objects.filter(status=JobStatus.PENDING, run_after__lte=now)
    # Reading first keeps an idle worker from taking SQLite's write lock at every poll.
    if not due.exists():
        return None
    with transaction.atomic():
        # SQLite ignores the locking clause; its IMMEDIATE transaction already excludes others.
        job = due.select_for_update(skip_locked=True).order_by("run_after", "pk").first()
        if job is None:
            return None
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = now
        job.finished_at = None
        job.progress, job.progress_message = 0, ""
        job.save(
            update_fields=[
                "status",
                "attempts",
                "started_at",
                "finished_at",
                "progress",
                "progress_message",
            ]
        )
    return job


def _run(job: Job) -> None:
    """Run one claimed job in its language and record what came of it."""
    definition = find(job.name)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        if definition is None:
            logger.error("Job %s names no registered task %r.", job.pk, job.name)
            _close(
                job, status=JobStatus.FAILED, finished_at=timezone.now(), error=str(UNKNOWN_TASK)
            )
            return
        token = _current_job.set(job)
        try:
            result = _json_copy(definition.function(**job.kwargs), what="A task's result")
        except TaskFailed as failure:
            _close(
                job,
                status=JobStatus.FAILED,
                finished_at=timezone.now(),
                error=str(failure.message)[:500],
            )
        except Exception:
            logger.exception("Job %s (%s) failed on run %s.", job.pk, job.name, job.attempts)
            now = timezone.now()
            _retry_or_fail(
                job,
                max_attempts=definition.max_attempts,
                error=str(UNEXPECTED_ERROR),
                now=now,
                retry_at=now + RETRY_DELAY * 2 ** (job.attempts - 1),
            )
        else:
            _close(
                job,
                status=JobStatus.DONE,
                finished_at=timezone.now(),
                progress=100,
                result=result,
                error="",
            )
        finally:
            _current_job.reset(token)


def run_due_jobs(
    *, now: datetime | None = None, should_stop: Callable[[], bool] = lambda: False
) -> int:
    """Run every job that is due, one after another in this process; return how many ran.

    Tests call it to run what they queued, in queuing order and without a worker; `now` runs
    what is due at another moment. A job retried after a failure waits for its delay, so it is
    not run again by the same call.
    """
    count = 0
    while not should_stop():
        job = _claim(now or timezone.now())
        if job is None:
            break
        _run(job)
        count += 1
    return count


def recover_stale_jobs(*, now: datetime | None = None) -> int:
    """Give back the jobs running for longer than their task's timeout: their worker died.

    Each is due again at once while it has runs left, else marked failed. Returns how many were
    found.
    """
    now = now or timezone.now()
    stale = 0
    for job in Job.objects.filter(status=JobStatus.RUNNING):
        definition = find(job.name)
        timeout = definition.timeout if definition else DEFAULT_TIMEOUT
        if job.started_at is None or job.started_at + timeout > now:
            continue
        logger.warning(
            "Job %s (%s) has run since %s, past its %s timeout; its worker is presumed dead.",
            job.pk,
            job.name,
            job.started_at.isoformat(),
            timeout,
        )
        with translation.override(job.language or settings.LANGUAGE_CODE):
            error = str(WORKER_LOST)
        max_attempts = definition.max_attempts if definition else job.attempts
        # The run did not fail, its worker vanished: the next worker may take it at once.
        _retry_or_fail(job, max_attempts=max_attempts, error=error, now=now, retry_at=now)
        stale += 1
    return stale
