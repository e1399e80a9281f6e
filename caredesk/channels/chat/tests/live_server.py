"""A real ``caredesk serve`` (uvicorn) in a subprocess, on a database of its own (``tests/worker``)."""

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from tests.worker.processes import REPO_ROOT, run, subprocess_environment

STARTUP_SECONDS = 30


def scenario(*arguments: str, database: dict[str, str]) -> dict:
    output = run("caredesk.channels.chat.tests.live_scenario", *arguments, database=database)
    return json.loads(output.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(database: dict[str, str]) -> Iterator[str]:
    """Serve caredesk against ``database`` until the block ends; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our interpreter and module
        [sys.executable, "-m", "caredesk.cli", "serve", "--no-worker", "--port", str(port)],
        cwd=REPO_ROOT,
        env=subprocess_environment(database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                httpx.get(f"{base}/chat/demo/", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    assert process.stderr is not None
                    raise AssertionError(
                        f"caredesk serve did not start:\n{process.stderr.read().decode()}"
                    ) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)
        if process.stderr is not None:
            process.stderr.close()
