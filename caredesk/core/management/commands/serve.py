"""``caredesk serve``: the web app, API and WebSockets under uvicorn, with a task worker beside it.

The worker is ``caredesk worker`` in a child process rather than a thread of the server: both task
workers (database and RQ) need the main thread for their signal handling; a task's CPU time and
memory stay out of the process answering requests; and ``--workers N`` still gets exactly one
worker instead of one per uvicorn process. On SQLite the two processes share the file through WAL
and the busy timeout, as separate workers would.
"""

import os
import signal
import subprocess
import sys
from types import FrameType
from typing import Any

import uvicorn
from django.core.management.base import BaseCommand, CommandError, CommandParser

from caredesk import env

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# A running task may need this long to finish after SIGTERM before the worker is killed.
WORKER_STOP_TIMEOUT = 30


class Command(BaseCommand):
    help = "Serve caredesk with uvicorn (port from --port, else $PORT, else 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST, help="Address to listen on.")
        parser.add_argument("--port", type=int, default=None, help="Port to listen on.")
        parser.add_argument("--workers", type=int, default=1, help="Worker processes.")
        parser.add_argument(
            "--no-worker",
            action="store_false",
            dest="task_worker",
            help="Do not start the background task worker (run `caredesk worker` separately).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            port = options["port"] or env.read_int("PORT", DEFAULT_PORT)
        except env.ConfigurationError as error:
            raise CommandError(str(error)) from error
        host = options["host"]
        shown_host = f"[{host}]" if ":" in host else host
        self.stdout.write(
            f"caredesk is serving at http://{shown_host}:{port}/ (Ctrl+C to stop).\n"
            "After `caredesk seed_demo`, sign in as admin@example.com, agent@example.com or "
            "customer@example.com (portal) with the password caredesk."
        )
        # uvicorn re-raises the signal that stopped it once it has shut down; with this handler in
        # place that ends in SystemExit here, so the `finally` below still stops the task worker.
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop_signal, _exit_quietly)
        task_worker = _start_task_worker() if options["task_worker"] else None
        try:
            uvicorn.run(
                "caredesk.asgi:application",
                host=host,
                port=port,
                workers=options["workers"],
                # Django's ASGI handler has no lifespan support; asking for it only logs a warning.
                lifespan="off",
            )
        finally:
            if task_worker is not None:
                _stop_task_worker(task_worker)


def _exit_quietly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def _start_task_worker() -> subprocess.Popen[bytes]:
    # Its own session keeps the terminal's Ctrl+C from reaching it: it gets exactly one SIGTERM
    # from here, since a second signal would abandon the task it is running.
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module, no user input
        [sys.executable, "-m", "caredesk.cli", "worker", "--parent-pid", str(os.getpid())],
        start_new_session=True,
    )


def _stop_task_worker(task_worker: subprocess.Popen[bytes]) -> None:
    if task_worker.poll() is not None:
        return
    task_worker.send_signal(signal.SIGTERM)
    try:
        task_worker.wait(timeout=WORKER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        task_worker.kill()
        task_worker.wait()
