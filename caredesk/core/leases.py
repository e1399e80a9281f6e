"""Leases: a named right to act alone for a while, shared by processes through the database.

Taking a lease is one conditional UPDATE (``WHERE expires_at <= now OR holder = me``), so two
processes racing for an expired lease cannot both win: the database applies the updates one after
the other, and the second no longer matches (PostgreSQL re-checks the WHERE clause after waiting
for the row lock; SQLite runs one writer at a time). Times come from each process's clock, so hosts
are expected to keep time with NTP; a skewed clock at worst lets two holders overlap briefly, which
callers must tolerate (the periodic tasks are idempotent).
"""

from datetime import datetime, timedelta

from django.db.models import Q

from caredesk.core import clock
from caredesk.core.models import SchedulerLease


def acquire_lease(
    name: str, *, holder: str, duration: timedelta, now: datetime | None = None
) -> bool:
    """Take the lease ``name`` for ``holder``, or renew it, until ``now + duration``.

    Returns False while another holder's lease has not expired. Runs in autocommit or in the
    caller's transaction; the UPDATE holds the row lock until that transaction ends.
    """
    now = now or clock.now()
    # The row may not exist yet; creating it already expired lets the UPDATE below decide alone.
    SchedulerLease.objects.bulk_create(
        [SchedulerLease(name=name, holder="", expires_at=now)], ignore_conflicts=True
    )
    taken = SchedulerLease.objects.filter(
        Q(expires_at__lte=now) | Q(holder=holder), name=name
    ).update(holder=holder, expires_at=now + duration)
    return taken == 1


def release_lease(name: str, *, holder: str, now: datetime | None = None) -> bool:
    """Give the lease up early so another process can take it at once; False if not held."""
    now = now or clock.now()
    released = SchedulerLease.objects.filter(name=name, holder=holder).update(expires_at=now)
    return released == 1
