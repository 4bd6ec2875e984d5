"""The notification digests as periodic background tasks, sent by the worker as by the command."""

from datetime import timedelta

import pytest

from pnyx.core import tasks
from pnyx.core.models import Job
from pnyx.participation.models import Notification, NotificationSettings
from tests.participation.factories import PropositionFactory, UserFactory

pytestmark = pytest.mark.django_db


def unread_answer(person):
    proposition = PropositionFactory(title="Free school data")
    return Notification.objects.create(
        user=person,
        event="participation.proposition_answered",
        process=proposition.process,
        proposition=proposition,
        data={"state": "accepted"},
    )


@pytest.mark.parametrize(
    ("name", "every", "frequency"),
    [
        ("participation.notification_digest_daily", timedelta(days=1), "daily"),
        ("participation.notification_digest_weekly", timedelta(weeks=1), "weekly"),
    ],
)
def test_the_digest_tasks_send_what_the_command_sends_and_nothing_twice(
    mailoutbox, name, every, frequency
):
    reader, other = UserFactory(), UserFactory()
    NotificationSettings.objects.create(user=reader, digest=frequency)
    NotificationSettings.objects.create(
        user=other, digest="weekly" if frequency == "daily" else "daily"
    )
    unread_answer(reader)
    unread_answer(other)

    job = tasks.enqueue(name)
    tasks.run_due_jobs()
    tasks.enqueue(name)
    tasks.run_due_jobs()

    assert tasks.get(name).every == every
    assert [message.to for message in mailoutbox] == [[reader.email]]
    assert mailoutbox[0].subject == "1 new notification on Pnyx"
    job.refresh_from_db()
    assert (job.status, job.result) == ("done", {"sent": 1})
    assert list(Job.objects.filter(name=name).values_list("result", flat=True)) == [
        {"sent": 0},
        {"sent": 1},
    ]
