"""Background tasks: queuing, running, retries, recovery, periodic runs, the worker and its data."""

import io
import logging
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data, tasks
from pnyx.core.management.commands.worker import Worker
from pnyx.core.models import Job
from pnyx.core.selectors import job_for
from pnyx.core.tasks import registry
from tests.core.conftest import PNYX, embedded_environment, job_counts, wait_for_a_done_job

pytestmark = pytest.mark.django_db

UNEXPECTED = "The task stopped on an unexpected error. The site's team can find it in the log."
MONDAY = datetime(2026, 3, 2, 0, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def only_the_tasks_of_each_test():
    """Each test registers its own tasks; the project's periodic tasks stay out of the way."""
    project_tasks = dict(registry._registry)
    registry._registry.clear()
    yield
    registry._registry.clear()
    registry._registry.update(project_tasks)


def register(name, **options):
    """Register a task that records each call's arguments and returns them; give the record."""
    calls = []

    def record(**kwargs):
        calls.append(kwargs)
        return kwargs

    tasks.task(name, **options)(record)
    return calls


def status_of(job):
    job.refresh_from_db()
    return job.status


def test_a_queued_job_runs_once_with_its_arguments_and_keeps_its_result():
    calls = register("tests.note")

    job = tasks.enqueue("tests.note", process_id=12, title="Open budgets")
    assert status_of(job) == "pending"
    ran = tasks.run_due_jobs()

    assert ran == 1
    assert calls == [{"process_id": 12, "title": "Open budgets"}]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress, job.error) == ("done", 1, 100, "")
    assert job.result == {"process_id": 12, "title": "Open budgets"}
    assert job.started_at <= job.finished_at
    assert tasks.run_due_jobs() == 0


def test_a_job_waits_until_its_run_after_time():
    calls = register("tests.note")
    later = timezone.now() + timedelta(hours=1)
    tasks.enqueue("tests.note", run_after=later)

    assert tasks.run_due_jobs() == 0
    assert tasks.run_due_jobs(now=later) == 1
    assert calls == [{}]


def test_a_job_runs_in_the_language_of_whoever_queued_it():
    tasks.task("tests.language")(lambda: translation.get_language())
    with translation.override("fr"):
        job = tasks.enqueue("tests.language")

    tasks.run_due_jobs()

    job.refresh_from_db()
    assert job.result == "fr"


def test_enqueue_refuses_unknown_tasks_and_arguments_json_cannot_carry():
    register("tests.note")

    with pytest.raises(tasks.UnknownTask, match="No task is registered as 'tests.nothing'"):
        tasks.enqueue("tests.nothing")
    with pytest.raises(TypeError, match="The arguments of task 'tests.note' must be JSON"):
        tasks.enqueue("tests.note", when=timezone.now())
    with pytest.raises(ValueError, match="at most 200 characters"):
        tasks.enqueue("tests.note", key="k" * 201)
    assert Job.objects.count() == 0


def test_a_task_cannot_take_enqueues_own_arguments_nor_reuse_a_name():
    register("tests.note")

    with pytest.raises(TypeError, match=r"cannot take arguments named \['key', 'owner'\]"):
        tasks.task("tests.clash")(lambda *, key, owner: None)
    with pytest.raises(tasks.TaskAlreadyRegistered):
        tasks.task("tests.note")(lambda: None)
    with pytest.raises(ValueError, match="positive duration"):
        tasks.task("tests.never", every=timedelta(0))


def test_a_job_queued_in_a_transaction_that_rolls_back_never_runs():
    calls = register("tests.note")

    def service_failing_after_queuing():
        with transaction.atomic():
            tasks.enqueue("tests.note")
            raise RuntimeError("the service failed after queuing")

    with pytest.raises(RuntimeError, match="failed after queuing"):
        service_failing_after_queuing()

    assert Job.objects.count() == 0
    assert tasks.run_due_jobs() == 0
    assert calls == []


@pytest.mark.django_db(transaction=True)
def test_workers_see_a_job_only_once_the_transaction_that_queued_it_commits():
    calls = register("tests.note")
    seen = []

    def another_worker():
        try:
            seen.append(tasks.run_due_jobs())
        finally:
            connection.close()

    with transaction.atomic():
        tasks.enqueue("tests.note")
        during = threading.Thread(target=another_worker)
        during.start()
        during.join(timeout=30)
    after = threading.Thread(target=another_worker)
    after.start()
    after.join(timeout=30)

    assert seen == [0, 1]
    assert calls == [{}]


def test_queuing_a_key_that_waits_returns_the_waiting_job():
    calls = register("tests.recompute")

    first = tasks.enqueue("tests.recompute", key="groups:1", process_id=1)
    again = tasks.enqueue("tests.recompute", key="groups:1", process_id=1)
    other = tasks.enqueue("tests.recompute", key="groups:2", process_id=2)
    tasks.run_due_jobs()

    assert again.pk == first.pk
    assert other.pk != first.pk
    assert calls == [{"process_id": 1}, {"process_id": 2}]


def test_a_key_queued_while_its_job_runs_gets_a_run_of_its_own():
    # A vote arriving while the groups are recomputed must be counted by a later run.
    queued_while_running = []

    @tasks.task("tests.recompute")
    def recompute():
        if not queued_while_running:
            queued_while_running.append(tasks.enqueue("tests.recompute", key="groups:1"))

    first = tasks.enqueue("tests.recompute", key="groups:1")
    ran = tasks.run_due_jobs()

    assert ran == 2
    assert queued_while_running[0].pk != first.pk
    assert list(Job.objects.values_list("status", flat=True)) == ["done", "done"]


def test_a_task_reports_progress_that_its_owner_can_read_while_it_runs(django_user_model):
    person = django_user_model.objects.create_user(email="ana@pnyx.example", password="x" * 12)
    seen = []

    @tasks.task("tests.export")
    def export():
        tasks.report_progress(40, _("Background jobs"))
        job = job_for(owner=person, job_id=tasks.current_job().pk)
        seen.append((job.status, job.progress, job.progress_message))
        tasks.report_progress(250)

    with translation.override("fr"):
        job = tasks.enqueue("tests.export", owner=person)
    tasks.run_due_jobs()

    assert seen == [("running", 40, "Tâches en arrière-plan")]
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)


def test_reporting_progress_outside_a_job_does_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        tasks.report_progress(50, "Halfway")

    assert tasks.current_job() is None


def test_a_job_is_readable_by_its_owner_only(django_user_model):
    register("tests.export")
    owner = django_user_model.objects.create_user(email="ana@pnyx.example", password="x" * 12)
    other = django_user_model.objects.create_user(email="bo@pnyx.example", password="x" * 12)
    job = tasks.enqueue("tests.export", owner=owner)
    unowned = tasks.enqueue("tests.export")

    assert job_for(owner=owner, job_id=job.pk) == job
    assert job_for(owner=other, job_id=job.pk) is None
    assert job_for(owner=None, job_id=unowned.pk) is None
    assert job_for(owner=owner, job_id=job.pk + 100) is None


def test_a_failing_job_is_retried_later_then_failed_with_a_safe_message_and_logged(caplog):
    @tasks.task("tests.broken", max_attempts=2)
    def broken():
        raise RuntimeError("password=hunter2 in /srv/secret.txt")

    job = tasks.enqueue("tests.broken")
    with caplog.at_level(logging.ERROR, logger="pnyx.tasks"):
        before = timezone.now()
        assert tasks.run_due_jobs() == 1
        job.refresh_from_db()
        assert (job.status, job.attempts, job.error) == ("pending", 1, UNEXPECTED)
        assert timedelta(seconds=29) < job.run_after - before < timedelta(seconds=40)
        assert tasks.run_due_jobs() == 0
        assert tasks.run_due_jobs(now=job.run_after) == 1

    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("failed", 2, UNEXPECTED)
    assert job.finished_at is not None
    records = [record for record in caplog.records if record.name == "pnyx.tasks"]
    assert [record.getMessage() for record in records] == [
        f"Job {job.pk} (tests.broken) failed on run 1.",
        f"Job {job.pk} (tests.broken) failed on run 2.",
    ]
    assert all("hunter2" in str(record.exc_info[1]) for record in records)


def test_an_unexpected_failure_is_explained_in_the_owners_language():
    tasks.task("tests.broken", max_attempts=1)(lambda: 1 / 0)
    with translation.override("es"):
        job = tasks.enqueue("tests.broken")

    tasks.run_due_jobs()

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error.startswith("La tarea se detuvo por un error inesperado.")


def test_a_task_that_gives_up_fails_at_once_with_its_own_message():
    @tasks.task("tests.export")
    def export():
        raise tasks.TaskFailed(_("Background jobs"))

    with translation.override("fr"):
        job = tasks.enqueue("tests.export")
    tasks.run_due_jobs(now=timezone.now() + timedelta(hours=1))

    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("failed", 1, "Tâches en arrière-plan")


def test_a_job_retried_while_another_of_its_key_waits_leaves_the_work_to_that_one():
    @tasks.task("tests.recompute")
    def recompute(*, vote):
        if vote == 1:
            tasks.enqueue("tests.recompute", key="groups:1", vote=2)
            raise RuntimeError("the database went away")

    first = tasks.enqueue("tests.recompute", key="groups:1", vote=1)
    tasks.run_due_jobs()

    assert status_of(first) == "failed"
    assert list(Job.objects.filter(key="groups:1").values_list("kwargs", "status")) == [
        ({"vote": 2}, "done"),
        ({"vote": 1}, "failed"),
    ]


def running_since(job, minutes, attempts=1):
    Job.objects.filter(pk=job.pk).update(
        status="running", attempts=attempts, started_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_job_whose_worker_died_is_given_back_and_then_run():
    calls = register("tests.export", timeout=timedelta(minutes=10))
    dead = tasks.enqueue("tests.export")
    alive = tasks.enqueue("tests.export")
    running_since(dead, minutes=11)
    running_since(alive, minutes=9)

    assert tasks.recover_stale_jobs() == 1
    dead.refresh_from_db()
    assert (dead.status, dead.error) == (
        "pending",
        "The task was interrupted before it finished (its worker stopped).",
    )
    assert status_of(alive) == "running"
    assert tasks.run_due_jobs() == 1
    dead.refresh_from_db()
    assert (dead.status, dead.attempts, dead.error) == ("done", 2, "")
    assert calls == [{}]


def test_a_job_whose_worker_died_on_its_last_run_is_failed():
    register("tests.export", max_attempts=2, timeout=timedelta(minutes=10))
    job = tasks.enqueue("tests.export")
    running_since(job, minutes=30, attempts=2)

    assert tasks.recover_stale_jobs() == 1

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 2)
    assert job.error == "The task was interrupted before it finished (its worker stopped)."


def test_a_slow_run_given_up_for_dead_cannot_overwrite_the_run_that_replaced_it(caplog):
    timeout = timedelta(minutes=10)

    @tasks.task("tests.slow", timeout=timeout)
    def slow():
        if tasks.current_job().attempts == 1:
            # Meanwhile another worker gives this run up and runs the job again.
            later = timezone.now() + timeout + timedelta(seconds=1)
            tasks.recover_stale_jobs(now=later)
            tasks.run_due_jobs(now=later)
            return "late"
        return "replacement"

    job = tasks.enqueue("tests.slow")
    tasks.run_due_jobs()

    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == ("done", 2, "replacement")
    assert f"Job {job.pk} (tests.slow) was given up, retried or deleted" in caplog.text


def test_a_periodic_task_is_queued_once_per_period():
    calls = register("tests.daily", every=timedelta(days=1))

    first = tasks.schedule_periodic(now=MONDAY)
    tasks.run_due_jobs()
    same_day = tasks.schedule_periodic(now=MONDAY + timedelta(hours=20))
    next_day = tasks.schedule_periodic(now=MONDAY + timedelta(days=1))

    assert [job.key for job in first] == ["tests.daily@2026-03-02T00:00:00+00:00"]
    assert same_day == []
    assert [job.key for job in next_day] == ["tests.daily@2026-03-03T00:00:00+00:00"]
    assert calls == [{}]


def test_periods_are_counted_from_a_monday_at_midnight_utc():
    thursday_noon = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)

    assert tasks.period_start(thursday_noon, timedelta(weeks=1)) == datetime(2026, 3, 2, tzinfo=UTC)
    assert tasks.period_start(thursday_noon, timedelta(days=1)) == datetime(2026, 3, 5, tzinfo=UTC)
    assert tasks.period_start(thursday_noon, timedelta(hours=5)) == datetime(
        2026, 3, 5, 8, 0, tzinfo=UTC
    )


def in_threads(count, act):
    """Run act() in `count` threads released together, each on its own connection."""
    barrier = threading.Barrier(count)
    failures = []

    def run():
        try:
            barrier.wait(timeout=30)
            act()
        except Exception as error:  # noqa: BLE001 - the test asserts there are none
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures


@pytest.mark.django_db(transaction=True)
def test_workers_scheduling_at_the_same_time_queue_one_job_per_period():
    register("tests.daily", every=timedelta(days=1))

    failures = in_threads(8, lambda: tasks.schedule_periodic(now=MONDAY))

    assert failures == []
    assert Job.objects.filter(name="tests.daily").count() == 1


@pytest.mark.django_db(transaction=True)
def test_workers_running_side_by_side_run_each_job_exactly_once():
    runs = []
    lock = threading.Lock()

    @tasks.task("tests.note")
    def note():
        time.sleep(0.01)
        with lock:
            runs.append(tasks.current_job().pk)

    queued = [tasks.enqueue("tests.note").pk for _ in range(12)]

    failures = in_threads(4, tasks.run_due_jobs)

    assert failures == []
    assert sorted(runs) == sorted(queued)
    assert set(Job.objects.values_list("status", flat=True)) == {"done"}


@pytest.mark.django_db(transaction=True)
def test_postgresql_hands_a_locked_job_to_no_one_and_the_next_one_at_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… to test SKIP LOCKED")
    taken = []

    @tasks.task("tests.note")
    def note():
        taken.append(tasks.current_job().pk)

    held, other = tasks.enqueue("tests.note"), tasks.enqueue("tests.note")
    locked, claimed = threading.Event(), threading.Event()
    ran = []

    def worker_holding_the_first_job():
        try:
            with transaction.atomic():
                Job.objects.select_for_update().get(pk=held.pk)
                locked.set()
                claimed.wait(timeout=10)
        finally:
            connection.close()

    def second_worker():
        try:
            locked.wait(timeout=10)
            ran.append(tasks.run_due_jobs())
            claimed.set()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker_holding_the_first_job),
        threading.Thread(target=second_worker),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Without SKIP LOCKED the second worker would have waited for the first job's lock.
    assert claimed.is_set()
    assert (ran, taken) == ([1], [other.pk])
    assert status_of(held) == "pending"


@pytest.mark.django_db(transaction=True)
def test_pnyx_worker_once_runs_the_due_jobs_and_the_periodic_ones():
    calls = register("tests.note")
    register("tests.daily", every=timedelta(days=1))
    tasks.enqueue("tests.note", process_id=3)

    out = io.StringIO()
    call_command("worker", "--once", stdout=out)

    assert out.getvalue() == "2 job(s) run.\n"
    assert calls == [{"process_id": 3}]
    assert sorted(Job.objects.values_list("name", "status")) == [
        ("tests.daily", "done"),
        ("tests.note", "done"),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_worker_outlives_a_failed_poll_and_logs_it(monkeypatch, caplog):
    worker = Worker(sleep=0.01)
    outcomes = iter([OperationalError("the database is unreachable"), 2])

    def poll():
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        worker.stopping = True
        return outcome

    monkeypatch.setattr(worker, "poll", poll)

    assert worker.run() == 2
    assert [record.getMessage() for record in caplog.records] == [
        "The worker's poll failed; trying again."
    ]


@pytest.mark.parametrize("sleep", ["0", "-1", "nan"])
def test_pnyx_worker_refuses_a_sleep_that_is_not_positive(sleep):
    with pytest.raises(
        CommandError, match=f"--sleep must be a positive number of seconds; got {sleep}"
    ):
        call_command("worker", f"--sleep={sleep}")


def test_finished_jobs_are_pruned_after_their_retention():
    register("tests.note")
    old_done, old_failed, recent, waiting = (tasks.enqueue("tests.note") for _ in range(4))
    long_ago = timezone.now() - timedelta(days=31)
    Job.objects.filter(pk__in=[old_done.pk, recent.pk]).update(status="done")
    Job.objects.filter(pk=old_failed.pk).update(status="failed")
    Job.objects.filter(pk__in=[old_done.pk, old_failed.pk]).update(finished_at=long_ago)
    Job.objects.filter(pk=recent.pk).update(finished_at=timezone.now() - timedelta(days=29))

    assert tasks.jobs_prune() == {"deleted": 2}
    assert sorted(Job.objects.values_list("pk", flat=True)) == sorted([recent.pk, waiting.pk])


def test_a_persons_jobs_are_in_their_data_and_deleted_with_it(django_user_model):
    register("tests.export")
    person = django_user_model.objects.create_user(email="ana@pnyx.example", password="x" * 12)
    other = django_user_model.objects.create_user(email="bo@pnyx.example", password="x" * 12)
    tasks.enqueue("tests.export", owner=person, scope="everything")
    kept = tasks.enqueue("tests.export", owner=other)
    tasks.run_due_jobs()

    exported = personal_data.export_all(person)["core.jobs"]
    personal_data.anonymise_all(person)

    assert [(job["task"], job["arguments"], job["status"]) for job in exported] == [
        ("tests.export", {"scope": "everything"}, "done")
    ]
    assert exported[0]["result"] == {"scope": "everything"}
    assert list(Job.objects.values_list("pk", flat=True)) == [kept.pk]


def test_sigterm_lets_a_running_worker_finish_its_job_and_exit(migrated_var_dir):
    worker = subprocess.Popen(  # noqa: S603
        [PNYX, "worker", "--sleep=0.2"],
        env=embedded_environment(migrated_var_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        working = wait_for_a_done_job(migrated_var_dir, worker)
        signalled_at = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=20)
    finally:
        worker.kill()

    assert working
    assert worker.returncode == 0
    assert time.monotonic() - signalled_at < 5
    counts = job_counts(migrated_var_dir)
    assert "running" not in counts
    assert out == (
        f"Pnyx worker {worker.pid} started; polling every 0.2 s.\n"
        f"Pnyx worker {worker.pid} stopped after {counts['done']} job(s).\n"
    )
    assert err == ""
