"""Background tasks of the consultations: the notification digests, sent by the workers, and
the opinion groups, recomputed after votes.

The same service as `pnyx notifications digest`, so a site served by `pnyx serve` sends its
digests without cron; running the command as well sends nothing twice.
"""

from datetime import timedelta

from pnyx.core.tasks import task
from pnyx.participation.models import DigestFrequency, Process, VoteMode
from pnyx.participation.services import opinion_groups
from pnyx.participation.services.notifications import notification_digest_send


@task("participation.notification_digest_daily", every=timedelta(days=1))
def notification_digest_daily() -> dict[str, int]:
    return {"sent": notification_digest_send(frequency=DigestFrequency.DAILY)}


@task("participation.notification_digest_weekly", every=timedelta(weeks=1))
def notification_digest_weekly() -> dict[str, int]:
    return {"sent": notification_digest_send(frequency=DigestFrequency.WEEKLY)}


@task(opinion_groups.RECOMPUTE_TASK, timeout=timedelta(minutes=10))
def opinion_groups_recompute(*, process_id: int) -> dict[str, int]:
    """Queued by `services.opinion_groups.opinion_groups_schedule` after votes."""
    process = Process.objects.filter(pk=process_id, vote_mode=VoteMode.AGREE_DISAGREE).first()
    if process is None:  # deleted, or switched to supports, since the job was queued
        return {"run": 0, "groups": 0}
    run = opinion_groups.opinion_groups_recompute(process=process)
    return {"run": run.pk, "groups": run.group_count}
