"""A person's background jobs are part of their personal data, and go with their account."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.core.models import Job
from pnyx.core.tasks.periodic import FINISHED_JOB_RETENTION


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export_jobs(person: Any) -> list[dict[str, Any]]:
    """The background jobs run for the person: what, with which arguments, and what came of it."""
    return [
        {
            "task": job.name,
            "arguments": job.kwargs,
            "status": job.status,
            "progress": job.progress,
            "progress_message": job.progress_message,
            "error": job.error,
            "result": job.result,
            "created_at": _moment(job.created_at),
            "finished_at": _moment(job.finished_at),
        }
        for job in Job.objects.filter(owner=person).order_by("created_at", "pk")
    ]


def delete_jobs(person: Any) -> None:
    """Delete every job run for the person (one still running finishes, its outcome dropped)."""
    Job.objects.filter(owner=person).delete()


JOBS = personal_data.register(
    personal_data.PersonalDataSource(
        key="core.jobs",
        label=_("Background jobs"),
        description=_(
            "The work the site did for you in the background (such as preparing a download): "
            "what was asked, when, its progress and its outcome. Finished jobs are deleted "
            "after 30 days."
        ),
        export=export_jobs,
        anonymise=delete_jobs,
        purpose=_("To do long work for you without keeping you waiting, and show its progress."),
        seen_by=_("Only you."),
        # Applied by the periodic task `core.jobs_prune`.
        retention=personal_data.Retention(period=FINISHED_JOB_RETENTION),
    )
)
