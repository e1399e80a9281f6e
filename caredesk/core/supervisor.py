"""The production profile: web, task workers and the SMTP receiver as children of one process.

``caredesk serve --profile production`` starts gunicorn (``WEB_CONCURRENCY`` uvicorn workers on
``caredesk.asgi``, so WebSockets work), ``WORKER_CONCURRENCY`` ``caredesk worker`` processes and,
when asked, ``caredesk smtpd``, then watches them. A small supervisor of our own rather than
honcho or supervisord, because the rules that matter are ours to keep:

- any child that exits on its own ends the whole set with a non-zero status, so the service
  manager (systemd, Docker, Kubernetes) restarts it rather than running half a service;
- SIGTERM or SIGINT reaches each child exactly once (each runs in its own session, out of reach of
  the terminal's Ctrl+C): a second signal would make gunicorn drop requests and a task worker
  abandon its task;
- no child outlives the supervisor: on Linux each is started with ``PR_SET_PDEATHSIG``, so even a
  SIGKILL of the supervisor takes them down.
"""

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import FrameType
from typing import Protocol

# Seconds gunicorn gives running requests after SIGTERM; the supervisor waits a little longer.
WEB_GRACEFUL_SECONDS = 20
# A running task may need this long to finish after SIGTERM before its worker is killed.
WORKER_STOP_SECONDS = 30
POLL_SECONDS = 0.2
_PR_SET_PDEATHSIG = 1


class Output(Protocol):
    def write(self, text: str) -> object: ...

    def flush(self) -> object: ...


@dataclass
class Child:
    name: str
    command: list[str]
    stop_seconds: float
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)


def production_children(
    *,
    host: str,
    port: int,
    web_concurrency: int,
    worker_concurrency: int,
    smtpd_port: int | None,
    log_level: str,
) -> list[Child]:
    shown_host = f"[{host}]" if ":" in host else host
    python = sys.executable
    children = [
        Child(
            "web",
            [
                python,
                "-m",
                "gunicorn",
                "caredesk.asgi:application",
                "--worker-class",
                "caredesk.core.asgi_worker.UvicornWorker",
                "--workers",
                str(web_concurrency),
                "--bind",
                f"{shown_host}:{port}",
                "--graceful-timeout",
                str(WEB_GRACEFUL_SECONDS),
                "--log-level",
                log_level,
            ],  # fmt: skip
            stop_seconds=WEB_GRACEFUL_SECONDS + 10,
        )
    ]
    parent = str(os.getpid())
    children += [
        Child(
            f"worker-{number}",
            [python, "-m", "caredesk.cli", "worker", "--parent-pid", parent],
            stop_seconds=WORKER_STOP_SECONDS,
        )
        for number in range(1, worker_concurrency + 1)
    ]
    if smtpd_port is not None:
        children.append(
            Child(
                "smtpd",
                [python, "-m", "caredesk.cli", "smtpd", "--host", host, "--port", str(smtpd_port)],
                stop_seconds=10,
            )
        )
    return children


def _die_with_parent() -> None:
    """Runs in the child between fork and exec: ask the kernel for SIGTERM when we die."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    def __init__(self, children: Sequence[Child], out: Output) -> None:
        self.children = list(children)
        self.out = out
        self._stop = threading.Event()
        self._signal_name = ""

    def run(self) -> int:
        """Start every child, wait for a stop signal or a child's exit, stop the rest.

        Returns 0 after a requested stop in which every child exited by itself in time, else 1.
        """
        previous = {
            each: signal.signal(each, self._request_stop)
            for each in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            for child in self.children:
                self._start(child)
            failed = self._watch()
            forced = self._stop_all()
        finally:
            for each, handler in previous.items():
                signal.signal(each, handler)
        return 1 if failed or forced else 0

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self._signal_name = signal.Signals(signum).name
        self._stop.set()

    def _start(self, child: Child) -> None:
        preexec: Callable[[], None] | None = _die_with_parent if sys.platform == "linux" else None
        child.process = subprocess.Popen(  # noqa: S603 - our own interpreter and modules
            child.command, start_new_session=True, preexec_fn=preexec
        )
        self._say(f"started {child.name} (pid {child.process.pid})")

    def _watch(self) -> bool:
        """Block until a stop is requested (False) or a child exits on its own (True)."""
        while not self._stop.wait(POLL_SECONDS):
            for child in self.children:
                assert child.process is not None
                code = child.process.poll()
                if code is not None:
                    self._say(f"{child.name} exited with status {code}: stopping everything")
                    return True
        self._say(f"{self._signal_name}: stopping")
        return False

    def _stop_all(self) -> bool:
        """SIGTERM to every running child at once, then wait; True if one had to be killed."""
        running = [c for c in self.children if c.process is not None and c.process.poll() is None]
        for child in running:
            assert child.process is not None
            child.process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        forced = False
        for child in running:
            assert child.process is not None
            left = max(0.0, child.stop_seconds - (time.monotonic() - started))
            try:
                child.process.wait(timeout=left)
            except subprocess.TimeoutExpired:
                self._say(f"{child.name} did not stop within {child.stop_seconds:.0f}s: killed")
                child.process.kill()
                child.process.wait()
                forced = True
        self._say("stopped")
        return forced

    def _say(self, line: str) -> None:
        self.out.write(f"caredesk supervisor: {line}\n")
        self.out.flush()
