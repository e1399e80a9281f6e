"""``caredesk worker``: run background tasks for the configured backend, plus the periodic scheduler.

The task worker runs in the main thread, because both workers (django-tasks-db's and RQ's) handle
SIGTERM/SIGINT there: the first signal finishes the running task and exits, a second one stops it.
The scheduler runs in a thread beside it. Start as many workers as you like (several hosts on
PostgreSQL or Redis); the scheduler lease lets only one of them enqueue the periodic tasks.

This command lives in the project package, not in ``core``, because it reads the periodic list
(``caredesk/periodic.py``), which names tasks of the domain apps.
"""

import argparse
import logging
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.exceptions import InvalidTaskBackendError
from django_tasks_db import DatabaseBackend

from caredesk.core.scheduler import Scheduler
from caredesk.periodic import PERIODIC_TASKS

# Seconds an idle database worker waits before looking for new tasks again.
DATABASE_POLL_INTERVAL = 1.0


class Command(BaseCommand):
    help = (
        "Run background tasks with the configured backend (database or RQ) and the periodic "
        "scheduler. --batch enqueues the periodic tasks once, runs everything queued, then exits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backend",
            default=DEFAULT_TASK_BACKEND_ALIAS,
            help="Task backend alias from settings.TASKS (default: %(default)s).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Enqueue the periodic tasks once, run every queued task, then exit (cron, tests).",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Only run tasks; never enqueue the periodic ones.",
        )
        # Set by `caredesk serve`, which starts this command as its child: exit when it is gone.
        parser.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["backend"]
        try:
            backend = task_backends[alias]
        except InvalidTaskBackendError as error:
            raise CommandError(str(error)) from error
        run_worker = self._worker_for(backend)
        scheduler = (
            Scheduler(PERIODIC_TASKS, interval=settings.CAREDESK_SWEEP_INTERVAL_SECONDS)
            if options["scheduler"]
            else None
        )

        if options["batch"]:
            if scheduler is not None:
                scheduler.tick()
            try:
                run_worker(alias, None, batch=True)
            finally:
                if scheduler is not None:
                    scheduler.release()
            return

        stop = threading.Event()
        helpers = []
        if scheduler is not None:
            helpers.append(
                threading.Thread(target=scheduler.run, args=(stop,), name="scheduler", daemon=True)
            )
        if options["parent_pid"] is not None:
            helpers.append(
                threading.Thread(
                    target=_stop_when_orphaned,
                    args=(options["parent_pid"], stop),
                    name="parent-watch",
                    daemon=True,
                )
            )
        for helper in helpers:
            helper.start()
        self.stdout.write(
            f"caredesk worker: backend {alias} ({type(backend).__name__}), "
            + (
                f"scheduler every {settings.CAREDESK_SWEEP_INTERVAL_SECONDS}s."
                if scheduler is not None
                else "no scheduler."
            )
        )
        try:
            run_worker(alias, stop, batch=False)
        finally:
            stop.set()
            for helper in helpers:
                helper.join(timeout=10)

    def _worker_for(self, backend: BaseTaskBackend) -> Callable[..., None]:
        if isinstance(backend, DatabaseBackend):
            return _run_database_worker
        from django_tasks_rq import RQBackend

        if isinstance(backend, RQBackend):
            return _run_rq_worker
        raise CommandError(
            f"Backend {backend.alias!r} ({type(backend).__name__}) has no worker: "
            "it runs tasks itself or not at all."
        )


def _run_database_worker(alias: str, stop: threading.Event | None, *, batch: bool) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        excluded_queue_names=[],
        interval=DATABASE_POLL_INTERVAL,
        batch=batch,
        backend_name=alias,
        # Spreads out workers started together; pointless when draining once.
        startup_delay=not batch,
        max_tasks=None,
        worker_id=get_random_string(32),
    )

    def shut_down(signum: int, frame: FrameType | None) -> None:
        if stop is not None:
            stop.set()
        # First signal: finish the running task, then stop (or exit at once when idle);
        # second signal: abandon the task, which then counts as failed.
        worker.shutdown(signum, frame)

    signal.signal(signal.SIGINT, shut_down)
    signal.signal(signal.SIGTERM, shut_down)
    worker.run()


def _run_rq_worker(alias: str, stop: threading.Event | None, *, batch: bool) -> None:
    from django_rq.utils import reset_db_connections
    from django_rq.workers import get_worker
    from django_tasks_rq import RQBackend

    backend = task_backends[alias]
    assert isinstance(backend, RQBackend)
    # RQ's SimpleWorker runs each job in this process, as the database worker does. The default
    # worker forks a work horse per job, and each horse would load again what a process loads once
    # (the language detector, the classifiers): measured 1.2-2.7 s per inbound email instead of
    # milliseconds. RQ installs its own SIGTERM/SIGINT handlers (warm shutdown, then cold).
    worker = get_worker(
        *sorted(backend.queues),
        job_class="django_tasks_rq.Job",
        worker_class="rq.worker.SimpleWorker",
    )
    reset_db_connections()
    worker.work(
        burst=batch,
        with_scheduler=not batch,
        logging_level=logging.getLevelName(logging.getLogger().getEffectiveLevel()),
    )


def _stop_when_orphaned(parent_pid: int, stop: threading.Event) -> None:
    """Signal this process to stop once its parent (``caredesk serve``) has died."""
    while not stop.wait(1.0):
        if os.getppid() != parent_pid:
            os.kill(os.getpid(), signal.SIGTERM)
            return
