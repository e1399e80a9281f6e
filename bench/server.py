"""A real caredesk server under gunicorn: 2 worker processes, sync WSGI or uvicorn ASGI workers."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

SERVER_KINDS = {
    "wsgi": ["caredesk.wsgi:application"],
    "asgi": ["caredesk.asgi:application", "-k", "uvicorn.workers.UvicornWorker"],
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Generous: other jobs share this 2-core machine and slow the workers' start.
READY_SECONDS = 240


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningServer:
    kind: str
    base_url: str
    process: subprocess.Popen[bytes]

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return [int(pid) for pid in children.split()]

    def worker_cpu_seconds(self) -> float:
        """User + system CPU of the worker processes (the database server's CPU is not in it)."""
        total = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS


def _wait_ready(base_url: str, token: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_SECONDS
    headers = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{tail}")
        try:
            if (
                httpx.get(
                    f"{base_url}/api/v1/tickets", params={"limit": 1}, headers=headers
                ).status_code
                == 200
            ):
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {READY_SECONDS} s")


@contextmanager
def serve(
    kind: str, *, workdir: Path, env: dict[str, str], workers: int, token: str
) -> Iterator[RunningServer]:
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", *SERVER_KINDS[kind],
        "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    log_path = workdir / f"gunicorn-{kind}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base_url = f"http://127.0.0.1:{port}"
        _wait_ready(base_url, token, process, log_path)
        server = RunningServer(kind=kind, base_url=base_url, process=process)
        with httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}
        ) as client:
            for _ in range(workers * 4):  # warm every worker before anything is timed
                client.get("/api/v1/tickets", params={"limit": 1})
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
