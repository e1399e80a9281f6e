"""`caredesk worker` and `caredesk serve` as separate processes, on each task backend.

Each test opens a ticket weeks in the past (so its first response and resolution targets are
overdue), runs a real worker and reads the breach events back from the database.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.worker.processes import REPO_ROOT, caredesk, scenario, subprocess_environment

pytestmark = pytest.mark.worker

OVERDUE_TARGETS = ["first_response", "resolution"]
SWEEP_RESULT = ["run_due_work_task", "SUCCESSFUL"]


def test_database_backend_on_sqlite(sqlite_database):
    seeded = scenario("seed", database=sqlite_database)

    caredesk("worker", "--batch", database=sqlite_database)
    after_one = scenario("report", str(seeded["ticket"]), database=sqlite_database)
    caredesk("worker", "--batch", database=sqlite_database)
    after_two = scenario("report", str(seeded["ticket"]), database=sqlite_database)

    assert seeded["breached"] == []
    assert after_one["breached"] == OVERDUE_TARGETS
    assert SWEEP_RESULT in after_one["database_tasks"]
    assert after_two["breached"] == OVERDUE_TARGETS
    assert after_two["database_tasks"].count(SWEEP_RESULT) == 2


def test_database_backend_on_postgresql(postgres_database):
    seeded = scenario("seed", database=postgres_database)

    caredesk("worker", "--batch", database=postgres_database)

    report = scenario("report", str(seeded["ticket"]), database=postgres_database)
    assert seeded["breached"] == []
    assert report["breached"] == OVERDUE_TARGETS
    assert SWEEP_RESULT in report["database_tasks"]


def test_rq_backend_on_redis(sqlite_database, redis_database_url):
    database = {**sqlite_database, "TASK_BACKEND": "rq", "REDIS_URL": redis_database_url}
    caredesk("migrate", "--no-input", "-v0", database=database)
    seeded = scenario("seed", database=database)

    caredesk("worker", "--batch", database=database)

    report = scenario("report", str(seeded["ticket"]), database=database)
    assert seeded["breached"] == []
    assert report["breached"] == OVERDUE_TARGETS
    # The task went through Redis: the database queue never saw it.
    assert report["database_tasks"] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds child processes in /proc")
def test_serve_runs_a_worker_and_stops_it(sqlite_database, tmp_path):
    database = {**sqlite_database, "CAREDESK_SWEEP_INTERVAL_SECONDS": "1"}
    ticket = str(scenario("seed", database=database)["ticket"])
    log_path = tmp_path / "serve.log"

    with log_path.open("w") as log:
        serve = subprocess.Popen(
            [sys.executable, "-m", "caredesk.cli", "serve", "--port", str(free_port())],
            cwd=REPO_ROOT,
            env=subprocess_environment(database),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            report = wait_for_breaches(ticket, database, log_path)
            workers = child_pids(serve.pid)
        finally:
            serve.send_signal(signal.SIGTERM)
            serve.wait(timeout=60)

    assert report["breached"] == OVERDUE_TARGETS
    assert serve.returncode == 0, log_path.read_text()
    assert len(workers) == 1
    assert not any(is_running(pid) for pid in workers)


# A bound on a hung worker, not a speed claim: a loaded 2-core machine needs a while to start
# the server, the worker child and its imports before the first sweep.
BREACH_WAIT_SECONDS = 120


def wait_for_breaches(ticket: str, database: dict[str, str], log_path: Path) -> dict:
    deadline = time.monotonic() + BREACH_WAIT_SECONDS
    while True:
        report = scenario("report", ticket, database=database)
        if report["breached"]:
            return report
        assert time.monotonic() < deadline, (
            f"no breach after {BREACH_WAIT_SECONDS} s\n{log_path.read_text()}"
        )
        time.sleep(0.5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child_pids(parent: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces and parentheses; the fields after its last ")" do not.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
