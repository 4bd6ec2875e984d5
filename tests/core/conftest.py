"""Fixtures of the core tests that start `pnyx` commands as real processes."""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PNYX = str(Path(sys.executable).with_name("pnyx"))


def embedded_environment(var_dir: Path) -> dict[str, str]:
    """Embedded mode with its own SQLite file, whatever the test run itself was configured with."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PNYX_ENV"}}
    return env | {"PNYX_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "pnyx.settings"}


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    var_dir = tmp_path_factory.mktemp("migrated")
    subprocess.run(  # noqa: S603
        [PNYX, "migrate", "--noinput", "--verbosity=0"],
        env=embedded_environment(var_dir),
        check=True,
    )
    return var_dir


@pytest.fixture
def migrated_var_dir(_migrated_template: Path, tmp_path: Path) -> Path:
    """A var/ directory of its own holding a freshly migrated embedded database."""
    var_dir = tmp_path / "var"
    shutil.copytree(_migrated_template, var_dir)
    return var_dir


def job_counts(var_dir: Path) -> dict[str, int]:
    """How many jobs an embedded database holds in each status, read beside its writers."""
    with sqlite3.connect(f"file:{var_dir / 'pnyx.sqlite3'}?mode=ro", uri=True) as db:
        return dict(db.execute("SELECT status, COUNT(*) FROM core_job GROUP BY status").fetchall())


def wait_for_a_done_job(var_dir: Path, process: subprocess.Popen, timeout: float = 60.0) -> bool:
    """Wait until a job is done: a worker queues the periodic tasks as soon as it starts. The
    limit is generous because a worker starting on a busy machine can take half a minute."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if job_counts(var_dir).get("done"):
            return True
        time.sleep(0.05)
    return False
