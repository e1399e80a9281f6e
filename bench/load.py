"""Load on a running server: concurrent creates for a fixed time, sequential reads for latency."""

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from bench.payloads import Read
from bench.server import RunningServer
from bench.timing import Latency, summarise

READ_BUDGET_SECONDS = 60
MIN_SAMPLES = 20


@dataclass(frozen=True)
class CreateRun:
    server: str
    clients: int
    created: int
    errors: int
    seconds: float
    worker_cpu_ms_per_create: float
    latency: Latency

    @property
    def per_second(self) -> float:
        return self.created / self.seconds


WARM_UP_CREATES_PER_CLIENT = 3


class Payloads(Protocol):
    """Request bodies by index, endless (bench/payloads.py CreatePayloads, the peer's)."""

    def __getitem__(self, index: int) -> dict[str, Any]: ...


def _warm_up(
    server: RunningServer,
    payloads: Payloads,
    counter: Iterator[int],
    lock: threading.Lock,
    *,
    clients: int,
    path: str,
    headers: dict[str, str],
) -> None:
    """A few untimed creates first, so every server process has loaded what it loads once
    (language detector, classifiers) before the clock starts: a steady rate, not a cold start."""

    def warm() -> None:
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=120) as client:
            for _ in range(WARM_UP_CREATES_PER_CLIENT):
                with lock:
                    index = next(counter)
                client.post(path, json=payloads[index])

    threads = [threading.Thread(target=warm) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def create_load(
    server: RunningServer,
    token: str,
    payloads: Payloads,
    *,
    clients: int,
    seconds: float,
    path: str = "/api/v1/tickets",
    headers: dict[str, str] | None = None,
) -> CreateRun:
    """``clients`` threads, each with its own keep-alive connection, POST back to back.

    caredesk's API by default (bearer ``token``); the peer passes its own ``path`` and ``headers``.
    """
    headers = headers or {"Authorization": f"Bearer {token}"}
    counter = iter(range(10**9))
    lock = threading.Lock()
    durations: list[float] = []
    errors: list[str] = []

    def client_loop() -> None:
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as client:
            while time.monotonic() < stop_at:
                with lock:
                    index = next(counter)
                started = time.perf_counter()
                response = client.post(path, json=payloads[index])
                elapsed = time.perf_counter() - started
                with lock:
                    if response.status_code == 201:
                        durations.append(elapsed)
                    else:
                        errors.append(f"{response.status_code} {response.text[:200]}")

    _warm_up(server, payloads, counter, lock, clients=clients, path=path, headers=headers)
    # The clock starts after the warm-up: on a loaded machine it can outlast a short run.
    stop_at = time.monotonic() + seconds
    cpu_before = server.worker_cpu_seconds()
    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cpu = server.worker_cpu_seconds() - cpu_before
    if errors:
        print(f"  {len(errors)} creates failed, first: {errors[0]}", flush=True)
    return CreateRun(
        server=server.kind,
        clients=clients,
        created=len(durations),
        errors=len(errors),
        seconds=round(wall, 2),
        worker_cpu_ms_per_create=round(cpu * 1000 / max(1, len(durations)), 2),
        latency=summarise(durations),
    )


def read_latency(
    server: RunningServer,
    read: Read,
    headers: dict[str, str],
    *,
    samples: int,
    budget_seconds: float = READ_BUDGET_SECONDS,
) -> Latency:
    """One client, one request at a time: the latency an agent sees on an idle server.

    A slow query stops sampling after ``budget_seconds`` (with at least ``MIN_SAMPLES``), so
    one bad plan cannot hold the whole run; the sample count is reported with the figure.
    """
    durations: list[float] = []
    stop_at = time.monotonic() + budget_seconds
    with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as client:
        for i in range(samples + 3):
            if len(durations) >= MIN_SAMPLES and time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            response = client.get(read.path, params=read.params)
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            if i >= 3:  # the first requests warm the workers' caches
                durations.append(elapsed)
    return summarise(durations)
