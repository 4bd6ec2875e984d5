"""Background tasks of the privacy app: downloads, due account deletions, retention rules."""

from datetime import timedelta

from django.utils import timezone

from pnyx.core import personal_data
from pnyx.core.tasks import task
from pnyx.privacy.services import deletion, exports


@task(exports.BUILD_TASK, timeout=timedelta(minutes=30), max_attempts=2)
def export_build(*, export_id: int) -> dict[str, int]:
    """Queued by `services.exports.export_request`."""
    return exports.export_build(export_id=export_id)


@task("privacy.account_deletions_complete", every=timedelta(hours=1))
def account_deletions_complete() -> dict[str, int]:
    return deletion.account_deletions_complete()


@task("privacy.apply_retention", every=timedelta(days=1))
def apply_retention() -> dict[str, int]:
    """Delete, in every source with a retention period, what is older than that period; how many
    records each source removed. A second run the same day finds nothing more to delete."""
    return personal_data.purge_expired(timezone.now())
