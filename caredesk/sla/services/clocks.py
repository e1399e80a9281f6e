"""The clock engine. Trusted: callers hold the ticket's row lock (ticket services) or the clock's
(the sweep), inside a transaction, and save nothing themselves."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db.models import F

from caredesk.core import bus
from caredesk.sla.business_time import CalendarSpec, add_business_time, business_seconds_between
from caredesk.sla.calendars import TWENTY_FOUR_SEVEN, spec_for
from caredesk.sla.choices import OPEN_STATES, ClockState
from caredesk.sla.domain_events import DeadlineReached, DeadlinesReached
from caredesk.sla.models import SlaPolicy, TicketClock
from caredesk.tickets.actors import Actor
from caredesk.tickets.events import new_event
from caredesk.tickets.models import Ticket, TicketEvent


def target_minutes(policy: SlaPolicy, target: str) -> tuple[int | None, bool]:
    return getattr(policy, f"{target}_minutes"), getattr(policy, f"{target}_business_hours")


def clock_spec(policy: SlaPolicy, business_hours: bool, at: datetime) -> CalendarSpec:
    return spec_for(policy.calendar, today=at.date()) if business_hours else TWENTY_FOUR_SEVEN


def _spec(clock: TicketClock, at: datetime) -> CalendarSpec:
    return clock_spec(clock.policy, clock.business_hours, at)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _schedule(clock: TicketClock) -> None:
    """Due and warning instants of a running clock, from what is left of its target."""
    assert clock.running_since is not None
    spec = _spec(clock, clock.running_since)
    remaining = max(clock.target_seconds - clock.consumed_seconds, 0.0)
    clock.due_at = add_business_time(spec, clock.running_since, remaining)
    if clock.warned_at is None:
        warn_point = clock.target_seconds * clock.policy.warn_at_percent / 100
        clock.warn_at = add_business_time(
            spec, clock.running_since, max(warn_point - clock.consumed_seconds, 0.0)
        )
    _set_next_check(clock)


def _set_next_check(clock: TicketClock) -> None:
    if clock.state != ClockState.RUNNING:
        clock.next_check_at = None
    elif clock.warned_at is None and clock.warn_at is not None:
        clock.next_check_at = clock.warn_at
    elif clock.breached_at is None:
        clock.next_check_at = clock.due_at
    else:
        clock.next_check_at = None


def _close_segment(clock: TicketClock, at: datetime) -> None:
    assert clock.running_since is not None
    seconds = business_seconds_between(_spec(clock, at), clock.running_since, at)
    clock.consumed_seconds += seconds
    clock.segments = [
        *clock.segments,
        {"from": _iso(clock.running_since), "to": _iso(at), "seconds": round(seconds, 3)},
    ]
    clock.running_since = None


def start_clock(
    ticket: Ticket,
    policy: SlaPolicy,
    target: str,
    *,
    at: datetime,
    consumed_seconds: float = 0.0,
    segments: Iterable[dict[str, Any]] = (),
) -> TicketClock | None:
    """Start measuring ``target`` from ``at``; None when the policy sets no such target."""
    minutes, business_hours = target_minutes(policy, target)
    if minutes is None:
        return None
    clock = TicketClock(
        ticket=ticket,
        policy=policy,
        target=target,
        target_seconds=minutes * 60,
        business_hours=business_hours,
        started_at=at,
        consumed_seconds=consumed_seconds,
        segments=list(segments),
    )
    if ticket.status in policy.pause_statuses:
        clock.state = ClockState.PAUSED
    else:
        clock.running_since = at
        _schedule(clock)
    clock.save()
    return clock


def pause_clock(clock: TicketClock, *, at: datetime) -> None:
    if clock.state != ClockState.RUNNING:
        return
    _close_segment(clock, at)
    clock.state = ClockState.PAUSED
    clock.due_at = None
    clock.warn_at = None if clock.warned_at is None else clock.warn_at
    _set_next_check(clock)
    clock.save()


def resume_clock(clock: TicketClock, *, at: datetime) -> None:
    if clock.state != ClockState.PAUSED:
        return
    clock.state = ClockState.RUNNING
    clock.running_since = at
    _schedule(clock)
    clock.save()


def stop_clock(clock: TicketClock, *, at: datetime, cancelled: bool = False) -> None:
    """Stop the measurement; it is met when stopped on or before its due time."""
    if clock.state not in OPEN_STATES:
        return
    if clock.state == ClockState.RUNNING:
        if clock.breached_at is None and clock.due_at is not None and at > clock.due_at:
            clock.breached_at = clock.due_at
        _close_segment(clock, at)
    if cancelled:
        clock.state = ClockState.CANCELLED
    else:
        clock.state = ClockState.MISSED if clock.breached_at is not None else ClockState.MET
    clock.stopped_at = at
    _set_next_check(clock)
    clock.save()


def retarget_clock(clock: TicketClock, policy: SlaPolicy, *, at: datetime) -> bool:
    """Measure an open clock against another policy, replaying its stretches on the new calendar.

    Returns False (and cancels the clock) when the new policy has no such target.
    """
    minutes, business_hours = target_minutes(policy, clock.target)
    if minutes is None:
        stop_clock(clock, at=at, cancelled=True)
        return False
    clock.policy = policy
    clock.target_seconds = minutes * 60
    clock.business_hours = business_hours
    spec = _spec(clock, at)
    replayed = []
    for segment in clock.segments:
        start, end = datetime.fromisoformat(segment["from"]), datetime.fromisoformat(segment["to"])
        replayed.append(
            {**segment, "seconds": round(business_seconds_between(spec, start, end), 3)}
        )
    clock.segments = replayed
    clock.consumed_seconds = sum(segment["seconds"] for segment in replayed)
    clock.warned_at = clock.breached_at = None
    if clock.state == ClockState.RUNNING:
        _schedule(clock)
    clock.save()
    return True


def evaluate_clock(clock: TicketClock, *, now: datetime) -> list[DeadlineReached]:
    """Mark what has fallen due (warning, breach) at its exact instant, in memory only."""
    reached: list[DeadlineReached] = []
    if clock.state == ClockState.RUNNING:
        if clock.warned_at is None and clock.warn_at is not None and clock.warn_at <= now:
            clock.warned_at = clock.warn_at
            reached.append(DeadlineReached(clock=clock, trigger="warning", at=clock.warn_at))
        if clock.breached_at is None and clock.due_at is not None and clock.due_at <= now:
            clock.breached_at = clock.due_at
            reached.append(DeadlineReached(clock=clock, trigger="breach", at=clock.due_at))
    _set_next_check(clock)
    return reached


def _store_checked(clocks: Sequence[TicketClock], reached: Sequence[DeadlineReached]) -> None:
    """Write what ``evaluate_clock`` set, as a few set-based updates: each new value is another
    column of the same row, so no per-row CASE expression (bulk_update) has to be built."""
    fired = {"warning": [], "breach": []}  # type: dict[str, list[int]]
    for item in reached:
        fired[item.trigger].append(item.clock.pk)
    rows = TicketClock.objects
    rows.filter(pk__in=fired["warning"]).update(warned_at=F("warn_at"))
    rows.filter(pk__in=fired["breach"]).update(breached_at=F("due_at"))
    next_check: dict[str, list[int]] = {"warn_at": [], "due_at": [], "none": []}
    for clock in clocks:
        if clock.next_check_at is None:
            next_check["none"].append(clock.pk)
        else:
            next_check[
                "warn_at"
                if clock.next_check_at == clock.warn_at and clock.warned_at is None
                else "due_at"
            ].append(clock.pk)
    rows.filter(pk__in=next_check["none"]).update(next_check_at=None)
    rows.filter(pk__in=next_check["warn_at"]).update(next_check_at=F("warn_at"))
    rows.filter(pk__in=next_check["due_at"]).update(next_check_at=F("due_at"))


def check_clocks(clocks: Sequence[TicketClock], *, now: datetime) -> list[DeadlineReached]:
    """Fire what has fallen due on locked ``clocks``: one update, one insert of timeline events
    and one announcement for the whole batch, whatever its size."""
    reached = [item for clock in clocks for item in evaluate_clock(clock, now=now)]
    _store_checked(clocks, reached)
    TicketEvent.objects.bulk_create(
        [
            new_event(
                item.clock.ticket,
                "sla.warning" if item.trigger == "warning" else "sla.breached",
                actor=Actor.system(),
                data={
                    "target": item.clock.target,
                    "policy": item.clock.policy.name,
                    "at": _iso(item.at),
                    "due_at": _iso(item.clock.due_at),
                },
            )
            for item in reached
        ]
    )
    if reached:
        bus.publish(DeadlinesReached(reached=tuple(reached)))
    return reached


def open_clocks(ticket: Ticket, targets: Iterable[str] | None = None) -> list[TicketClock]:
    clocks = TicketClock.objects.select_for_update(of=("self",)).select_related(
        "policy", "policy__calendar"
    )
    clocks = clocks.filter(ticket=ticket, state__in=OPEN_STATES)
    if targets is not None:
        clocks = clocks.filter(target__in=list(targets))
    return list(clocks.order_by("id"))
