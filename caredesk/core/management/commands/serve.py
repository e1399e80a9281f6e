"""``caredesk serve``: the web app, API and WebSockets under uvicorn, with a task worker beside it.

``--profile production`` instead supervises gunicorn with uvicorn workers, several task workers
and optionally the SMTP receiver, configured from the environment (``caredesk/core/supervisor.py``).

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
from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from caredesk import env
from caredesk.core.supervisor import Supervisor, production_children

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# A running task may need this long to finish after SIGTERM before the worker is killed.
WORKER_STOP_TIMEOUT = 30


class Command(BaseCommand):
    help = "Serve caredesk with uvicorn (port from --port, else $PORT, else 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST, help="Address to listen on.")
        parser.add_argument("--port", type=int, default=None, help="Port to listen on.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Web processes (default 1; production: $WEB_CONCURRENCY, else 2).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_false",
            dest="task_worker",
            help="Do not start the background task worker (run `caredesk worker` separately).",
        )
        parser.add_argument(
            "--profile",
            choices=["embedded", "production"],
            default="embedded",
            help="production: gunicorn with uvicorn workers, $WORKER_CONCURRENCY task workers, "
            "PostgreSQL and Redis required.",
        )
        parser.add_argument(
            "--migrate", action="store_true", help="Apply database migrations before serving."
        )
        parser.add_argument(
            "--smtpd-port",
            type=int,
            default=None,
            help="Production: also receive email by SMTP on this port (default $SMTPD_PORT).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            port = options["port"] or env.read_int("PORT", DEFAULT_PORT)
        except env.ConfigurationError as error:
            raise CommandError(str(error)) from error
        host = options["host"]
        if options["profile"] == "production":
            _require_production_parts()
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=1)
        if options["profile"] == "production":
            sys.exit(self._serve_production(host, port, options))
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
                workers=options["workers"] or 1,
                # Django's ASGI handler has no lifespan support; asking for it only logs a warning.
                lifespan="off",
            )
        finally:
            if task_worker is not None:
                _stop_task_worker(task_worker)

    def _serve_production(self, host: str, port: int, options: dict[str, Any]) -> int:
        try:
            web = options["workers"] or env.read_int("WEB_CONCURRENCY", 2)
            tasks = env.read_int("WORKER_CONCURRENCY", 2) if options["task_worker"] else 0
            smtpd_port = options["smtpd_port"] or env.read_int("SMTPD_PORT", 0) or None
        except env.ConfigurationError as error:
            raise CommandError(str(error)) from error
        if web < 1 or tasks < 0:
            raise CommandError("WEB_CONCURRENCY must be at least 1, WORKER_CONCURRENCY at least 0")
        log_level = (env.read("LOG_LEVEL") or "INFO").lower()
        self.stdout.write(
            f"caredesk (production) on {host}:{port}: {web} web processes, {tasks} task workers "
            f"({settings.TASK_BACKEND} backend)"
            + (f", SMTP receiver on port {smtpd_port}" if smtpd_port else "")
        )
        children = production_children(
            host=host,
            port=port,
            web_concurrency=web,
            worker_concurrency=tasks,
            smtpd_port=smtpd_port,
            log_level=log_level,
        )
        return Supervisor(children, self.stdout).run()


def _require_production_parts() -> None:
    """Several processes need a shared database, cache and channel layer: refuse without them."""
    if settings.EMBEDDED or settings.DATABASES["default"]["ENGINE"] != (
        "django.db.backends.postgresql"
    ):
        raise CommandError("The production profile needs DATABASE_URL=postgres://...")
    if not settings.REDIS_URL:
        raise CommandError(
            "The production profile needs REDIS_URL: the cache and the WebSocket channel layer "
            "must be shared by every web process"
        )
    if settings.DEBUG:
        raise CommandError("The production profile refuses DEBUG=true")
    # Apps register what would leave a door open (such as an email provider's webhooks without
    # their secret) as security checks for deployment; only errors refuse, warnings are advice.
    refusals = [
        message
        for message in checks.run_checks(
            tags=[checks.Tags.security], include_deployment_checks=True
        )
        if message.is_serious()
    ]
    if refusals:
        raise CommandError(
            "The production profile refuses to start:\n"
            + "\n".join(f"{message.id}: {message.msg}" for message in refusals)
        )


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
