"""Service levels as agents read them: a badge with words ("due in 1h 20m") and the arithmetic.

Everything here works on clocks already loaded (the queue prefetches them, the ticket page reads
``clocks_of``), so a page costs the same number of queries however many tickets or clocks it shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from django.db.models import DateTimeField, QuerySet, Value
from django.db.models.functions import Coalesce

from caredesk.accounts.ui.zones import local_text
from caredesk.sla.choices import OPEN_STATES, ClockState, SlaTarget
from caredesk.sla.models import TicketClock
from caredesk.sla.selectors import duration_text, explain, time_left, with_next_due
from caredesk.tickets.models import Ticket

# Tickets with nothing running sort after every real due time; a cursor needs a value, not NULL.
NOTHING_DUE = datetime(9999, 12, 31, tzinfo=UTC)
DUE_SORT_FIELD = "sla_due_sort"


@dataclass(frozen=True)
class Badge:
    """``tone`` is only a colour hint (ok, warning, breached, paused, met, missed, cancelled); the
    ``text`` and ``alert`` words carry the meaning on their own."""

    text: str
    tone: str
    alert: str = ""
    due: str = ""


def clock_badge(clock: TicketClock, *, now: datetime, zone: tzinfo = UTC) -> Badge:
    left = time_left(clock, now=now)
    if left is not None:
        due = f"Due {local_text(clock.due_at, zone)}"
        if left.total_seconds() <= 0:
            overdue = duration_text(-left.total_seconds())
            return Badge(f"overdue by {overdue}", "breached", "Breached", due)
        text = f"due in {duration_text(left.total_seconds())}"
        if clock.warn_at is not None and clock.warn_at <= now:
            return Badge(text, "warning", "Warning", due)
        return Badge(text, "ok", "", due)
    if clock.state == ClockState.RUNNING:
        return Badge("running", "ok")
    return Badge(ClockState(clock.state).label.lower(), clock.state)


def ticket_badge(
    clocks: Iterable[TicketClock], *, now: datetime, zone: tzinfo = UTC
) -> Badge | None:
    """The queue's badge: the running clock that falls due first; "paused" when all open ones wait."""
    open_clocks = [clock for clock in clocks if clock.state in OPEN_STATES]
    running = [c for c in open_clocks if c.state == ClockState.RUNNING and c.due_at is not None]
    if running:
        first = min(running, key=lambda clock: (clock.due_at or NOTHING_DUE, clock.pk))
        return clock_badge(first, now=now, zone=zone)
    if open_clocks:
        return Badge("paused", "paused")
    return None


def with_due_sort(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """``with_next_due`` plus a never-null copy of it to sort and page on, nulls last."""
    return with_next_due(tickets).annotate(
        **{
            DUE_SORT_FIELD: Coalesce(
                "sla_next_due_at", Value(NOTHING_DUE, output_field=DateTimeField())
            )
        }
    )


@dataclass(frozen=True)
class Stretch:
    start: str
    end: str
    duration: str


@dataclass(frozen=True)
class ClockPanel:
    """One row of the ticket page's SLA panel, with the explanation behind its due time."""

    target: str
    state: str
    due: str
    badge: Badge
    summary: str
    policy: str
    calendar: str
    timezone: str
    target_text: str
    counts_business_hours: bool
    used: str
    remaining: str
    started: str
    warn: str
    breached: str
    stopped: str
    running_stretches: list[Stretch]
    paused_stretches: list[Stretch]


def _stretches(raw: list[dict[str, Any]], zone: tzinfo, *, open_end: str) -> list[Stretch]:
    return [
        Stretch(
            start=local_text(item.get("from"), zone),
            end=local_text(item["to"], zone) if item.get("to") else open_end,
            duration=duration_text(float(item.get("seconds") or 0)),
        )
        for item in raw
    ]


def clock_panel(clock: TicketClock, *, now: datetime, zone: tzinfo) -> ClockPanel:
    explanation = explain(clock, now=now)
    counts_business_hours = clock.business_hours and clock.policy.calendar_id is not None
    kind = "business hours" if counts_business_hours else "calendar time"
    return ClockPanel(
        target=SlaTarget(clock.target).label,
        state=ClockState(clock.state).label,
        due=local_text(clock.due_at, zone),
        badge=clock_badge(clock, now=now, zone=zone),
        summary=explanation.summary,
        policy=explanation.policy,
        calendar=explanation.calendar,
        timezone=explanation.timezone,
        target_text=f"{duration_text(explanation.target_seconds)} of {kind}",
        counts_business_hours=counts_business_hours,
        used=duration_text(explanation.used_seconds),
        remaining=duration_text(explanation.remaining_seconds),
        started=local_text(explanation.started_at, zone),
        warn=local_text(explanation.warn_at, zone),
        breached=local_text(explanation.breached_at, zone) if explanation.breached_at else "",
        stopped=local_text(explanation.stopped_at, zone) if explanation.stopped_at else "",
        running_stretches=_stretches(explanation.running_stretches, zone, open_end="now"),
        paused_stretches=_stretches(explanation.paused_stretches, zone, open_end="now"),
    )


def clocks_to_show(clocks: Iterable[TicketClock]) -> list[TicketClock]:
    """One clock per target: the open one, else the last that stopped (cancelled ones are noise)."""
    latest: dict[str, TicketClock] = {}
    for clock in clocks:
        if clock.state == ClockState.CANCELLED:
            continue
        shown = latest.get(clock.target)
        if shown is None or shown.state not in OPEN_STATES or clock.state in OPEN_STATES:
            latest[clock.target] = clock
    order = list(SlaTarget.values)
    return sorted(latest.values(), key=lambda clock: order.index(clock.target))
