"""Periodic tasks, queued once per period by whichever worker gets there first, and pruning."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from pnyx.core.models import Job, JobStatus
from pnyx.core.tasks.registry import registered, task

#: Finished jobs are kept this long (or one period of the longest periodic task, if longer).
FINISHED_JOB_RETENTION = timedelta(days=30)
#: Periods are counted from this Monday at midnight UTC: a weekly task runs early on Mondays.
PERIOD_ORIGIN = datetime(1970, 1, 5, tzinfo=UTC)
# Any constant shared by every worker; PostgreSQL serialises periodic scheduling on this lock.
_SCHEDULE_LOCK_KEY = 7_316_402_982


def period_start(moment: datetime, every: timedelta) -> datetime:
    """The start of the period of length `every` that `moment` falls in."""
    return PERIOD_ORIGIN + ((moment - PERIOD_ORIGIN) // every) * every


def schedule_periodic(*, now: datetime | None = None) -> list[Job]:
    """Queue each periodic task that has no job yet for the current period; return the new jobs.

    Every worker calls this at each poll; the job key names the period, and the check and the
    insert run under one lock, so a period gets one job however many workers there are.
    """
    now = now or timezone.now()
    queued = []
    for definition in registered():
        if definition.every is None:
            continue
        key = f"{definition.name}@{period_start(now, definition.every).isoformat()}"
        if Job.objects.filter(key=key).exists():
            continue
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SCHEDULE_LOCK_KEY])
            if Job.objects.filter(key=key).exists():
                continue
            queued.append(
                Job.objects.create(
                    name=definition.name,
                    key=key,
                    language=settings.LANGUAGE_CODE,
                    run_after=now,
                )
            )
    return queued


@task("core.jobs_prune", every=timedelta(days=1))
def jobs_prune() -> dict[str, int]:
    """Delete finished jobs past their retention: they may hold what people asked for.

    A periodic task's jobs are kept at least one period, so that its period is not run again.
    """
    longest_period = max((t.every for t in registered() if t.every), default=timedelta(0))
    cutoff = timezone.now() - max(FINISHED_JOB_RETENTION, longest_period)
    deleted, _by_model = Job.objects.filter(
        status__in=[JobStatus.DONE, JobStatus.FAILED], finished_at__lt=cutoff
    ).delete()
    return {"deleted": deleted}
