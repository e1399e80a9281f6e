"""The periodic scheduler: every sweep interval, enqueue the registered periodic tasks.

Every ``caredesk worker`` runs this loop in a thread, so losing one process loses no sweeps. Only
the holder of the ``periodic-tasks`` lease enqueues; it renews the lease on each tick, and the lease
lasts two intervals, so a holder that dies is replaced within about two intervals. The tasks are
idempotent, so a tick repeated across a takeover costs a query, never a duplicate effect.

The list of tasks lives in ``caredesk/periodic.py``; this module knows no domain app.
"""

import logging
import os
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks.base import Task

from caredesk.core import clock
from caredesk.core.leases import acquire_lease, release_lease

logger = logging.getLogger(__name__)

LEASE_NAME = "periodic-tasks"


@dataclass(frozen=True)
class PeriodicTask:
    """A task the scheduler enqueues without arguments: every tick, or at most once per ``every``."""

    task: Task[[], Any]
    every: timedelta | None = None

    @property
    def name(self) -> str:
        return self.task.module_path


def new_holder_id() -> str:
    """Names this process in the lease row, so an operator can tell who is scheduling."""
    return f"{socket.gethostname()}:{os.getpid()}:{get_random_string(8)}"


class Scheduler:
    def __init__(
        self,
        periodic: Sequence[PeriodicTask],
        *,
        interval: float,
        holder: str | None = None,
        lease_name: str = LEASE_NAME,
    ) -> None:
        self.periodic = list(periodic)
        self.interval = interval
        self.holder = holder or new_holder_id()
        self.lease_name = lease_name
        self._next_due: dict[str, datetime] = {}

    @property
    def lease_duration(self) -> timedelta:
        return timedelta(seconds=2 * self.interval)

    def tick(self, *, now: datetime | None = None) -> list[str]:
        """Enqueue what is due if this process holds the lease; return the enqueued task paths."""
        now = now or clock.now()
        if not acquire_lease(
            self.lease_name, holder=self.holder, duration=self.lease_duration, now=now
        ):
            return []
        enqueued = []
        for periodic in self.periodic:
            due = self._next_due.get(periodic.name)
            if due is not None and due > now:
                continue
            periodic.task.enqueue()
            enqueued.append(periodic.name)
            if periodic.every is not None:
                self._next_due[periodic.name] = now + periodic.every
        return enqueued

    def release(self) -> None:
        release_lease(self.lease_name, holder=self.holder)

    def run(self, stop: threading.Event) -> None:
        """Tick every interval until ``stop`` is set, then release the lease. For a thread."""
        logger.info("Scheduler %s enqueues every %ss", self.holder, self.interval)
        try:
            while not stop.is_set():
                # A long-lived thread must drop connections the server closed or that outlived
                # CONN_MAX_AGE, as Django does around each request.
                close_old_connections()
                try:
                    enqueued = self.tick()
                except Exception:
                    # A database or broker hiccup must not end the loop; the next tick retries.
                    logger.exception("Scheduler tick failed")
                else:
                    if enqueued:
                        logger.debug("Scheduler enqueued %s", ", ".join(enqueued))
                stop.wait(self.interval)
        finally:
            try:
                self.release()
            except Exception:
                logger.exception("Could not release the scheduler lease; it expires by itself")
            connection.close()
