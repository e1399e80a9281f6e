"""The production profile's supervisor with stand-in children: plain Python processes."""

import io
import os
import signal
import sys
import threading
import time
from pathlib import Path

from caredesk.core.supervisor import Child, Supervisor, production_children

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
# Exits 0 on SIGTERM, as a graceful child does; touches its file once the handler is in place.
GRACEFUL = (
    "import pathlib, signal, sys, time\n"
    "signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))\n"
    "pathlib.Path(sys.argv[1]).touch()\n"
    "time.sleep(60)"
)
STUBBORN = (
    "import pathlib, signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "pathlib.Path(sys.argv[1]).touch()\n"
    "time.sleep(60)"
)


def _child(name: str, code: str, ready: Path, stop_seconds: float = 10) -> Child:
    return Child(name, [sys.executable, "-c", code, str(ready)], stop_seconds=stop_seconds)


def _when_ready(files: list[Path], action) -> threading.Thread:
    """Act once every child has said it is ready (the supervisor's handlers are in place by then)."""

    def wait_then_act() -> None:
        while not all(file.exists() for file in files):
            time.sleep(0.01)
        action()

    thread = threading.Thread(target=wait_then_act, daemon=True)
    thread.start()
    return thread


def test_a_child_that_exits_stops_the_others_and_fails():
    out = io.StringIO()
    supervisor = Supervisor(
        [
            Child("web", SLEEPER, stop_seconds=10),
            Child("worker-1", [sys.executable, "-c", "raise SystemExit(3)"], stop_seconds=10),
        ],
        out,
    )

    status = supervisor.run()

    web = supervisor.children[0].process
    assert status == 1
    assert web is not None
    assert web.returncode == -signal.SIGTERM
    assert "worker-1 exited with status 3: stopping everything" in out.getvalue()


def test_sigterm_stops_every_child_once_and_succeeds(tmp_path):
    ready = [tmp_path / "web", tmp_path / "worker"]
    out = io.StringIO()
    supervisor = Supervisor(
        [_child("web", GRACEFUL, ready[0]), _child("worker-1", GRACEFUL, ready[1])], out
    )
    _when_ready(ready, lambda: os.kill(os.getpid(), signal.SIGTERM))

    status = supervisor.run()

    assert status == 0
    assert [child.process.returncode for child in supervisor.children if child.process] == [0, 0]
    assert out.getvalue().splitlines()[-2:] == [
        "caredesk supervisor: SIGTERM: stopping",
        "caredesk supervisor: stopped",
    ]
    # The handlers the supervisor installed are gone again.
    assert signal.getsignal(signal.SIGTERM) is not supervisor._request_stop


def test_a_child_ignoring_sigterm_is_killed_and_the_stop_fails(tmp_path):
    ready = tmp_path / "worker"
    out = io.StringIO()
    supervisor = Supervisor([_child("worker-1", STUBBORN, ready, stop_seconds=1)], out)
    _when_ready([ready], lambda: os.kill(os.getpid(), signal.SIGINT))

    status = supervisor.run()

    assert status == 1
    assert supervisor.children[0].process is not None
    assert supervisor.children[0].process.returncode == -signal.SIGKILL
    assert "worker-1 did not stop within 1s: killed" in out.getvalue()


def test_production_children_from_the_configuration():
    children = production_children(
        host="::1",
        port=8000,
        web_concurrency=3,
        worker_concurrency=2,
        smtpd_port=2525,
        log_level="warning",
    )

    assert [child.name for child in children] == ["web", "worker-1", "worker-2", "smtpd"]
    web = children[0].command
    assert web[web.index("--workers") + 1] == "3"
    assert web[web.index("--bind") + 1] == "[::1]:8000"
    assert web[web.index("--worker-class") + 1] == "caredesk.core.asgi_worker.UvicornWorker"
    assert children[1].command[-2:] == ["--parent-pid", str(os.getpid())]
    assert children[3].command[-4:] == ["--host", "::1", "--port", "2525"]
