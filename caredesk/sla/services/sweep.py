"""The breach sweep: fire the warnings and breaches that have fallen due.

It reads only clocks whose ``next_check_at`` has passed, through the partial index on that column,
so its cost grows with what is due, not with the number of open tickets. One query locks the batch
with SKIP LOCKED, so several workers sweeping at once share the work instead of queueing on it and
never fire the same warning twice. The batch is then written in bulk (one update, one insert of
timeline events); if that fails, each clock is retried alone in a savepoint, so one bad clock is
logged and left for the next sweep without holding back the others.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import DatabaseError, transaction

from caredesk.core import clock
from caredesk.core.errors import DomainError
from caredesk.sla.domain_events import DeadlineReached
from caredesk.sla.models import TicketClock
from caredesk.sla.services.clocks import check_clocks

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
        batch = due_clocks(now, limit)
        try:
            with transaction.atomic():
                _count(result, check_clocks(batch, now=now), checked=len(batch))
        except (DomainError, DatabaseError):
            logger.exception("sla_sweep_batch_failed", extra={"clocks": len(batch)})
            for due in batch:
                due.refresh_from_db()
                try:
                    with transaction.atomic():
                        _count(result, check_clocks([due], now=now), checked=1)
                except (DomainError, DatabaseError):
                    logger.exception("sla_clock_check_failed", extra={"clock_id": due.pk})
                    result.failed += 1
    return result


def _count(result: SweepResult, reached: list[DeadlineReached], *, checked: int) -> None:
    result.checked += checked
    result.warnings += sum(item.trigger == "warning" for item in reached)
    result.breaches += sum(item.trigger == "breach" for item in reached)
