"""All of service levels' time-based work in one call, for the periodic task and the bench."""

from dataclasses import dataclass
from datetime import datetime

from caredesk.core import clock
from caredesk.sla.services.escalations import run_due_escalations
from caredesk.sla.services.sweep import sweep_due_clocks
from caredesk.sla.services.timers import run_due_timers


@dataclass(frozen=True)
class DueWorkDone:
    clocks_checked: int
    warnings: int
    breaches: int
    escalations: int
    timers: int


def run_due_work(*, now: datetime | None = None) -> DueWorkDone:
    now = now or clock.now()
    swept = sweep_due_clocks(now=now)
    return DueWorkDone(
        clocks_checked=swept.checked,
        warnings=swept.warnings,
        breaches=swept.breaches,
        escalations=run_due_escalations(now=now),
        timers=run_due_timers(now=now),
    )
