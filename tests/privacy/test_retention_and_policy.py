"""Retention rules applied every day, and the public privacy page written from the registry."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from pnyx.core import personal_data, tasks
from pnyx.core.personal_data import PersonalDataSource, Retention
from pnyx.participation.models import Notification
from pnyx.privacy.models import DataExport, PersonalDataAccess
from pnyx.privacy.services.access import access_record

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def test_the_retention_task_runs_every_day():
    task = tasks.get("privacy.apply_retention")

    assert task.every == DAY


def test_old_access_records_are_deleted_and_recent_ones_kept(world):
    now = timezone.now()
    for age in (timedelta(days=366), timedelta(days=364)):
        access_record(
            staff=world.other,
            people=[world.person],
            source_keys=["accounts.profile"],
            reason="privacy.admin_site",
            detail=f"{age.days} days ago",
            now=now - age,
        )

    purged = tasks.get("privacy.apply_retention").function()

    assert purged["privacy.access_log"] == 1
    assert list(PersonalDataAccess.objects.values_list("detail", flat=True)) == ["364 days ago"]


def test_expired_downloads_are_deleted_with_their_files(client, world, exports_dir):
    client.force_login(world.person)
    client.post("/privacy/export/")
    tasks.run_due_jobs()
    export = DataExport.objects.get()
    assert (exports_dir / export.file_name).exists()
    DataExport.objects.update(created_at=timezone.now() - timedelta(days=8))

    purged = tasks.get("privacy.apply_retention").function()

    assert purged["privacy.exports"] == 1
    assert not DataExport.objects.exists()
    assert list(exports_dir.iterdir()) == []


def test_notifications_older_than_a_year_are_deleted(world):
    Notification.objects.create(
        user=world.person, event="old", created_at=timezone.now() - timedelta(days=400)
    )

    purged = tasks.get("privacy.apply_retention").function()

    assert purged["participation.notifications"] == 1
    assert list(Notification.objects.values_list("event", flat=True)) == [
        "participation.phase_started"
    ]


def test_a_second_run_finds_nothing_more_to_delete(world):
    task = tasks.get("privacy.apply_retention").function

    task()

    assert set(task().values()) == {0}


def test_every_time_based_rule_but_the_jobs_one_has_a_purge():
    """The jobs' rule is applied by `core.jobs_prune`; every other period needs a purge."""
    without = [
        source.key
        for source in personal_data.sources()
        if source.retention.period is not None and source.purge is None
    ]

    assert without == ["core.jobs"]


def test_a_purge_needs_a_retention_period():
    with pytest.raises(ValueError, match="needs a retention period"):
        PersonalDataSource(
            key="tests.x",
            label="x",
            description="x",
            export=lambda person: None,
            anonymise=lambda person: None,
            purge=lambda before: 0,
        )


@pytest.mark.parametrize(
    ("retention", "words"),
    [
        (Retention(), "Until you delete your account"),
        (
            Retention(kept_anonymised=True),
            "Until you delete your account, then kept without your name",
        ),
        (Retention(period=timedelta(days=365)), "1 year"),
        (Retention(period=timedelta(days=60)), "2 months"),
        (Retention(period=timedelta(days=7)), "7 days"),
        (Retention(period=timedelta(hours=2)), "1 day"),
    ],
)
def test_retention_rules_read_as_words(retention, words):
    assert retention.describe() == words


def test_the_policy_page_is_public_and_lists_every_source(client):
    response = client.get("/privacy/policy/")

    page = response.content.decode()
    assert response.status_code == 200
    for source in personal_data.sources():
        assert f">{escape(str(source.label))}</h4>" in page
        assert escape(str(source.purpose)) in page
        assert escape(str(source.seen_by)) in page
        assert escape(str(source.retention.describe())) in page
    for purpose in personal_data.purposes():
        assert escape(str(purpose.description)) in page
    for reason in personal_data.access_reasons():
        assert f"<dt>{escape(str(reason.role))}</dt>" in page
    assert "12 months" in page
    assert "done 14 days later unless you cancel" in page


def test_every_source_says_why_and_who_sees_it():
    incomplete = [
        source.key for source in personal_data.sources() if not source.purpose or not source.seen_by
    ]

    assert incomplete == []


def test_the_footer_links_to_the_policy_page(client):
    page = client.get("/").content.decode()

    assert 'href="/privacy/policy/"' in page


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_policy_page_is_translated(client, language):
    with translation.override(language):
        labels = [str(source.label) for source in personal_data.sources()]

    page = client.get("/privacy/policy/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'<html lang="{language}">' in page
    for label in labels:
        assert label in page
    assert "Who saw your data" not in page
