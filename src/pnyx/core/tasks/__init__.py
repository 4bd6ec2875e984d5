"""Background tasks: a small job queue kept in the project's own database.

The public interface is imported from here: `task`, `enqueue`, `report_progress`, `current_job`,
`TaskFailed`, `run_due_jobs` (tests), and what `pnyx worker` calls. Inside: `registry` (declaring
tasks), `jobs` (queuing and running them), `periodic` (scheduling and pruning) and
`personal_data` (a person's jobs are theirs).

An app declares a task in its `tasks.py` (found when the apps are ready) and queues it from a
service; `pnyx worker` runs the jobs, and `pnyx serve` starts one worker beside the web server::

    @task("participation.groups_recompute", timeout=timedelta(minutes=5))
    def groups_recompute(*, process_id: int) -> dict[str, int]:
        ...

    job = enqueue("participation.groups_recompute", key=f"groups:{pk}", process_id=pk)

How it behaves:

- `enqueue` writes the job row in the caller's transaction, so the job becomes visible to workers
  when that transaction commits and vanishes if it rolls back, and a committed change always has
  its job (a callback run after commit would lose it if the process died in between). It returns
  the job at once, so a page can follow its progress.
- `key` names the work: while a job with that key waits, queuing the key again returns it instead
  of adding another. A job that has started no longer counts, so a change made while it runs gets
  a fresh run.
- Delivery is at least once: a run whose worker died is given back after the task's `timeout`, and
  a run that raised is retried after a delay, up to `max_attempts` runs in all. Tasks must be
  idempotent. `TaskFailed` stops a job for good with a message for the person who asked.
- Periodic tasks (`every=`) are queued by the workers at most once per period, periods counted
  from midnight UTC on a Monday: a daily task runs soon after midnight UTC, a weekly one on
  Mondays. A period missed while no worker ran is not made up.
- Several workers may run at once: PostgreSQL hands each pending job to one of them with
  `SELECT ... FOR UPDATE SKIP LOCKED`; SQLite's IMMEDIATE transactions let one writer in at a time.

Why written here rather than taken from a library (evaluated against the needs above):
django-tasks, the backport of Django 6's task framework, has the right shape but its database
backend has no retries, no recovery of runs whose worker died, no de-duplication, no periodic
tasks and no progress, all of which would have to be built around a model it owns. django-q2
brings a multiprocessing cluster, its own scheduler and pickled payloads for a fraction of use,
still without progress or de-duplication. procrastinate needs PostgreSQL (LISTEN/NOTIFY and
PL/pgSQL), so it cannot run in the embedded SQLite mode. What is needed fits in this small
package, and its interface (named tasks, JSON arguments, results) stays close to Django's, so
moving to `django.tasks` later is a contained change.
"""

from pnyx.core.tasks.jobs import (
    current_job,
    enqueue,
    recover_stale_jobs,
    report_progress,
    run_due_jobs,
)
from pnyx.core.tasks.periodic import jobs_prune, period_start, schedule_periodic
from pnyx.core.tasks.personal_data import JOBS
from pnyx.core.tasks.registry import (
    Task,
    TaskAlreadyRegistered,
    TaskFailed,
    UnknownTask,
    get,
    task,
)

__all__ = [
    "JOBS",
    "Task",
    "TaskAlreadyRegistered",
    "TaskFailed",
    "UnknownTask",
    "current_job",
    "enqueue",
    "get",
    "jobs_prune",
    "period_start",
    "recover_stale_jobs",
    "report_progress",
    "run_due_jobs",
    "schedule_periodic",
    "task",
]
