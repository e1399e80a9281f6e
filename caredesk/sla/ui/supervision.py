"""The service levels on the supervisor's page: what is overdue, close to due, or was missed."""

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from django.db.models import QuerySet

from caredesk.accounts.models import User
from caredesk.accounts.ui.zones import local_text
from caredesk.sla import selectors
from caredesk.sla.choices import SlaTarget
from caredesk.sla.models import TicketClock
from caredesk.sla.ui.display import Badge, clock_badge
from caredesk.tickets.models import Ticket


@dataclass(frozen=True)
class ClockRow:
    ticket: Ticket
    target: str
    policy: str
    due: str
    stopped: str
    badge: Badge


def _rows(
    clocks: QuerySet[TicketClock], *, now: datetime, zone: tzinfo, limit: int
) -> list[ClockRow]:
    return [
        ClockRow(
            ticket=each.ticket,
            target=SlaTarget(each.target).label,
            policy=each.policy.name,
            due=local_text(each.due_at, zone),
            stopped=local_text(each.stopped_at, zone),
            badge=clock_badge(each, now=now, zone=zone),
        )
        for each in clocks[:limit]
    ]


def clock_lists(user: User, *, now: datetime, zone: tzinfo, limit: int) -> dict[str, Any]:
    """The three lists (the first ``limit`` rows of each) and how many each holds in all."""
    overdue = selectors.overdue_clocks(user, now=now)
    missed = selectors.recently_missed_clocks(user, now=now)
    warnings = selectors.warning_clocks(user, now=now)
    return {
        "clock_counts": {
            "overdue": overdue.count(),
            "missed": missed.count(),
            "warnings": warnings.count(),
        },
        "overdue": _rows(overdue, now=now, zone=zone, limit=limit),
        "missed": _rows(missed, now=now, zone=zone, limit=limit),
        "warnings": _rows(warnings, now=now, zone=zone, limit=limit),
        "recent_days": selectors.RECENT_MISSES.days,
    }
