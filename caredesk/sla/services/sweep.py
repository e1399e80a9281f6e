"""The breach sweep: fire the warnings and breaches that have fallen due.

It reads only clocks whose ``next_check_at`` has passed, through the partial index on that column,
so its cost grows with what is due, not with the number of open tickets. One query locks the batch
with SKIP LOCKED, so several workers sweeping at once share the work instead of queueing on it and
never fire the same warning twice; each clock then runs in a savepoint, so one that fails is
logged and retried by the next sweep without holding back the others.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import DatabaseError, transaction

from caredesk.core import clock
from caredesk.core.errors import DomainError
from caredesk.sla.models import TicketClock
from caredesk.sla.services.clocks import check_clock

BATCH_SIZE = 500

logger = logging.getLogger(__name__)


@dataclass
class SweepResult:
    checked: int = 0
    warnings: int = 0
    breaches: int = 0
    failed: int = 0


def due_clocks(now: datetime, limit: int) -> list[TicketClock]:
    """The due batch, locked. Call inside a transaction."""
    return list(
        TicketClock.objects.select_for_update(of=("self",), skip_locked=True)
        .select_related("policy", "policy__calendar", "ticket")
        .filter(next_check_at__lte=now)
        .order_by("next_check_at")[:limit]
    )


def sweep_due_clocks(*, now: datetime | None = None, limit: int = BATCH_SIZE) -> SweepResult:
    now = now or clock.now()
    result = SweepResult()
    with transaction.atomic():
        for due in due_clocks(now, limit):
            try:
                with transaction.atomic():
                    fired = check_clock(due, now=now)
            except (DomainError, DatabaseError):
                logger.exception("sla_clock_check_failed", extra={"clock_id": due.pk})
                result.failed += 1
                continue
            result.checked += 1
            result.warnings += fired.count("warning")
            result.breaches += fired.count("breach")
    return result
