"""Reads of service levels, and the explanation of each due time shown to agents."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from caredesk.core import clock as wall_clock
from caredesk.sla.business_time import business_seconds_between
from caredesk.sla.choices import OPEN_STATES, ClockState, SlaTarget
from caredesk.sla.models import TicketClock
from caredesk.sla.services.acknowledgement import expected_reply_text
from caredesk.sla.services.clocks import clock_spec
from caredesk.tickets.models import Ticket
from caredesk.tickets.selectors import tickets_visible_to


def clocks_of(ticket: Ticket) -> QuerySet[TicketClock]:
    return TicketClock.objects.filter(ticket=ticket).select_related("policy", "policy__calendar")


def with_next_due(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """Annotate ``sla_next_due_at``: the earliest due time among the ticket's running clocks, so
    queues can sort by what falls due first (paused and finished clocks owe nothing now)."""
    next_due = (
        TicketClock.objects.filter(
            ticket=OuterRef("pk"), state=ClockState.RUNNING, due_at__isnull=False
        )
        .order_by("due_at")
        .values("due_at")[:1]
    )
    return tickets.annotate(sla_next_due_at=Subquery(next_due))


def next_reply_due_at(ticket: Ticket) -> datetime | None:
    """When the team owes the customer its next reply: the earliest running response clock."""
    return (
        TicketClock.objects.filter(
            ticket=ticket,
            state=ClockState.RUNNING,
            target__in=(SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE),
            due_at__isnull=False,
        )
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )


def expected_reply(ticket: Ticket, language: str) -> str:
    """The next reply's due time as the customer reads it ("sábado 09:00 (America/Mexico_City)"),
    worded like the acknowledgement; a promise without a time when no response clock runs."""
    return expected_reply_text(
        next_reply_due_at(ticket),
        now=wall_clock.now(),
        language=language,
        timezone=ticket.requester.timezone,
    )


def duration_text(seconds: float) -> str:
    seconds = int(round(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [
        f"{days}d" if days else "",
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
    ]
    return " ".join(part for part in parts if part) or "0m"


@dataclass
class Explanation:
    """Everything needed to check a due time by hand."""

    target: str
    state: str
    policy: str
    calendar: str
    timezone: str
    business_hours: bool
    target_seconds: int
    used_seconds: float
    remaining_seconds: float
    started_at: datetime
    due_at: datetime | None
    warn_at: datetime | None
    breached_at: datetime | None
    stopped_at: datetime | None
    running_stretches: list[dict[str, Any]] = field(default_factory=list)
    paused_stretches: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""


def explain(clock: TicketClock, *, now: datetime) -> Explanation:
    calendar = clock.policy.calendar
    running_part = 0.0
    stretches = list(clock.segments)
    if clock.state == ClockState.RUNNING and clock.running_since is not None:
        spec = clock_spec(clock.policy, clock.business_hours, now)
        running_part = business_seconds_between(spec, clock.running_since, now)
        stretches.append(
            {"from": clock.running_since.isoformat(), "to": None, "seconds": round(running_part, 3)}
        )
    paused = []
    for before, after in zip(stretches, stretches[1:], strict=False):
        if before["to"] and after["from"] and before["to"] != after["from"]:
            gap = datetime.fromisoformat(after["from"]) - datetime.fromisoformat(before["to"])
            paused.append(
                {"from": before["to"], "to": after["from"], "seconds": gap.total_seconds()}
            )
    used = clock.consumed_seconds + running_part
    remaining = max(clock.target_seconds - used, 0.0)
    calendar_name = calendar.name if calendar and clock.business_hours else "24/7 (calendar time)"
    zone = calendar.timezone if calendar and clock.business_hours else "UTC"
    kind = "business-hours" if clock.business_hours and calendar else "calendar-time"
    summary = (
        f"{duration_text(clock.target_seconds)} {kind} target from policy {clock.policy.name!r} on "
        f"{calendar_name}; {duration_text(used)} used in {len(stretches)} stretch"
        f"{'es' if len(stretches) != 1 else ''}"
    )
    if paused:
        summary += f", paused {duration_text(sum(p['seconds'] for p in paused))} in total"
    summary += f"; {duration_text(remaining)} left." if clock.state in OPEN_STATES else "."
    return Explanation(
        target=clock.target,
        state=clock.state,
        policy=clock.policy.name,
        calendar=calendar_name,
        timezone=zone,
        business_hours=clock.business_hours,
        target_seconds=clock.target_seconds,
        used_seconds=round(used, 3),
        remaining_seconds=round(remaining, 3),
        started_at=clock.started_at,
        due_at=clock.due_at,
        warn_at=clock.warn_at,
        breached_at=clock.breached_at,
        stopped_at=clock.stopped_at,
        running_stretches=stretches,
        paused_stretches=paused,
        summary=summary,
    )


def time_left(clock: TicketClock, *, now: datetime) -> timedelta | None:
    """Wall-clock time until the due instant (negative once overdue); None while paused."""
    return (
        clock.due_at - now
        if clock.due_at is not None and clock.state == ClockState.RUNNING
        else None
    )


# What a supervisor watches. Each read starts from tickets_visible_to(user): a supervisor sees
# their teams' tickets, an admin all of them.
RECENT_MISSES = timedelta(days=7)


def _clocks_visible_to(user: Any) -> QuerySet[TicketClock]:
    return TicketClock.objects.filter(
        ticket__in=tickets_visible_to(user).values("pk")
    ).select_related("policy", "ticket", "ticket__assignee", "ticket__team")


def overdue_clocks(user: Any, *, now: datetime) -> QuerySet[TicketClock]:
    """Running clocks past their due time, longest overdue first (breached, whether or not the
    sweep has written the breach yet)."""
    return (
        _clocks_visible_to(user)
        .filter(state=ClockState.RUNNING, due_at__lte=now)
        .order_by("due_at", "id")
    )


def recently_missed_clocks(user: Any, *, now: datetime) -> QuerySet[TicketClock]:
    return (
        _clocks_visible_to(user)
        .filter(state=ClockState.MISSED, stopped_at__gte=now - RECENT_MISSES)
        .order_by("-stopped_at", "-id")
    )


def warning_clocks(user: Any, *, now: datetime) -> QuerySet[TicketClock]:
    """Running clocks in their warning time and not yet due, soonest due first."""
    return (
        _clocks_visible_to(user)
        .filter(state=ClockState.RUNNING, warn_at__lte=now, due_at__gt=now)
        .order_by("due_at", "id")
    )
