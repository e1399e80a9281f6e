"""The breach sweep: fire the warnings and breaches that have fallen due.

It reads only clocks whose ``next_check_at`` has passed, through the partial index on that column,
so its cost grows with what is due, not with the number of open tickets. Each clock is handled in
its own transaction under its row lock and re-checked there, so two sweeps running at once (two
workers) never fire the same warning twice.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from caredesk.core import clock
from caredesk.sla.models import TicketClock
from caredesk.sla.services.clocks import check_clock

BATCH_SIZE = 500


@dataclass
class SweepResult:
    checked: int = 0
    warnings: int = 0
    breaches: int = 0


def due_clock_ids(now: datetime, limit: int) -> list[int]:
    return list(
        TicketClock.objects.filter(next_check_at__lte=now)
        .order_by("next_check_at")
        .values_list("id", flat=True)[:limit]
    )


def sweep_due_clocks(*, now: datetime | None = None, limit: int = BATCH_SIZE) -> SweepResult:
    now = now or clock.now()
    result = SweepResult()
    for clock_id in due_clock_ids(now, limit):
        with transaction.atomic():
            due = (
                TicketClock.objects.select_for_update(of=("self",))
                .select_related("policy", "policy__calendar", "ticket")
                .filter(pk=clock_id, next_check_at__lte=now)
                .first()
            )
            if due is None:
                continue
            fired = check_clock(due, now=now)
        result.checked += 1
        result.warnings += fired.count("warning")
        result.breaches += fired.count("breach")
    return result
