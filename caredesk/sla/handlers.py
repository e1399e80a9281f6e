"""How service levels follow a ticket's life. Subscribed in ``caredesk/subscriptions.py``; the
clocks follow inside the ticket service's transaction, with the ticket row locked (a clock row
commits with the change that moved it); the acknowledgement is sent after the commit."""

from datetime import datetime

from caredesk.sla.choices import ClockState, SlaTarget
from caredesk.sla.domain_events import DeadlinesReached
from caredesk.sla.models import TicketClock
from caredesk.sla.policies import policy_for
from caredesk.sla.services.acknowledgement import acknowledge
from caredesk.sla.services.clocks import (
    open_clocks,
    pause_clock,
    resume_clock,
    retarget_clock,
    start_clock,
    stop_clock,
)
from caredesk.sla.services.escalations import escalate
from caredesk.sla.services.timers import cancel_timers, schedule_after_solving
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, TicketStatus
from caredesk.tickets.domain_events import (
    MessageAdded,
    StatusChanged,
    TicketChanged,
    TicketOpened,
    TicketsMerged,
)
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Ticket

FINISHED = (TicketStatus.SOLVED, TicketStatus.CLOSED)
# A change of these fields may select another policy.
POLICY_FIELDS = frozenset({"priority", "category", "channel"})


def on_ticket_opened(event: TicketOpened) -> None:
    ticket, at = event.ticket, event.at
    policy = policy_for(ticket)
    if policy is None:
        return
    started = [
        clock
        for target in (SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION)
        if (clock := start_clock(ticket, policy, target, at=at)) is not None
    ]
    record_event(
        ticket,
        "sla.applied",
        actor=Actor.system(),
        data={
            "policy": policy.name,
            "due": {
                clock.target: clock.due_at.isoformat() if clock.due_at else None
                for clock in started
            },
        },
    )


def acknowledge_new_ticket(event: TicketOpened) -> None:
    """Customers hear at once that their request arrived and when a person will answer: after the
    commit, and after triage, whose priority may have changed the due time it quotes."""
    ticket = event.ticket
    if not event.actor.is_customer or ticket.status in FINISHED:
        return
    # Someone spoke to the customer already (an agent, a rule, a chat gone to email).
    told = ticket.messages.filter(is_public=True).exclude(author_kind=AuthorKind.CUSTOMER)
    if not told.exists():
        acknowledge(ticket, now=event.at)


def on_message_added(event: MessageAdded) -> None:
    message, ticket, at = event.message, event.ticket, event.at
    if not message.is_public or ticket.status in FINISHED:
        return
    if event.actor.is_agent:
        for clock in open_clocks(ticket, [SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE]):
            stop_clock(clock, at=at)
            _record_outcome(clock)
        _restart(ticket, SlaTarget.PERIODIC_UPDATE, at)
    elif event.actor.is_customer and ticket.first_response_at is not None:
        _start_next_response(ticket, at)


def _start_next_response(ticket: Ticket, at: datetime) -> None:
    """A customer wrote after the team had answered: the next answer is now owed."""
    if open_clocks(ticket, [SlaTarget.NEXT_RESPONSE]):
        return
    policy = policy_for(ticket)
    clock = start_clock(ticket, policy, SlaTarget.NEXT_RESPONSE, at=at) if policy else None
    if clock is not None:
        record_event(
            ticket,
            "sla.started",
            actor=Actor.system(),
            data={
                "target": clock.target,
                "policy": clock.policy.name,
                "due_at": _iso(clock.due_at),
            },
        )


def on_status_changed(event: StatusChanged) -> None:
    ticket, at = event.ticket, event.at
    if ticket.status in FINISHED:
        for clock in open_clocks(ticket):
            stop_clock(clock, at=at)
            _record_outcome(clock)
        return
    if event.previous in FINISHED:
        _reopen_resolution(ticket, at)
    for clock in open_clocks(ticket):
        if ticket.status in clock.policy.pause_statuses and clock.state == ClockState.RUNNING:
            pause_clock(clock, at=at)
            _record_pause(clock, "sla.paused", ticket.status)
        elif ticket.status not in clock.policy.pause_statuses and clock.state == ClockState.PAUSED:
            resume_clock(clock, at=at)
            _record_pause(clock, "sla.resumed", ticket.status)


def on_status_changed_timers(event: StatusChanged) -> None:
    """Solving schedules the follow-up and the closing; any other move cancels them."""
    if event.ticket.status == TicketStatus.SOLVED:
        schedule_after_solving(event.ticket, at=event.at)
    elif event.previous == TicketStatus.SOLVED:
        cancel_timers(event.ticket, at=event.at)


def on_deadlines_reached(event: DeadlinesReached) -> None:
    escalate(event.reached)


def on_ticket_changed(event: TicketChanged) -> None:
    if not POLICY_FIELDS.intersection(event.fields):
        return
    ticket, at = event.ticket, event.at
    clocks = open_clocks(ticket)
    policy = policy_for(ticket)
    if not clocks or policy is None or all(clock.policy_id == policy.pk for clock in clocks):
        return
    previous = clocks[0].policy.name
    for clock in clocks:
        retarget_clock(clock, policy, at=at)
    record_event(
        ticket,
        "sla.policy_changed",
        actor=Actor.system(),
        data={
            "from": previous,
            "to": policy.name,
            "due": {
                clock.target: _iso(clock.due_at)
                for clock in clocks
                if clock.state in (ClockState.RUNNING,)
            },
        },
    )


def on_tickets_merged(event: TicketsMerged) -> None:
    for clock in open_clocks(event.source):
        stop_clock(clock, at=event.at, cancelled=True)


def _restart(ticket: Ticket, target: str, at: datetime) -> None:
    for clock in open_clocks(ticket, [target]):
        stop_clock(clock, at=at)
    policy = policy_for(ticket)
    if policy is not None:
        start_clock(ticket, policy, target, at=at)


def _reopen_resolution(ticket: Ticket, at: datetime) -> None:
    """Resolution time continues where it stopped: the time already used still counts."""
    last = (
        TicketClock.objects.filter(ticket=ticket, target=SlaTarget.RESOLUTION)
        .exclude(state=ClockState.CANCELLED)
        .order_by("-id")
        .first()
    )
    policy = policy_for(ticket)
    if last is None or policy is None:
        return
    start_clock(
        ticket,
        policy,
        SlaTarget.RESOLUTION,
        at=at,
        consumed_seconds=last.consumed_seconds,
        segments=last.segments,
    )


def _record_outcome(clock: TicketClock) -> None:
    if clock.target == SlaTarget.PERIODIC_UPDATE:
        return
    record_event(
        clock.ticket,
        "sla.met" if clock.state == ClockState.MET else "sla.missed",
        actor=Actor.system(),
        data={
            "target": clock.target,
            "policy": clock.policy.name,
            "used_seconds": round(clock.consumed_seconds),
            "target_seconds": clock.target_seconds,
            "due_at": _iso(clock.due_at),
            "stopped_at": _iso(clock.stopped_at),
        },
    )


def _record_pause(clock: TicketClock, kind: str, status: str) -> None:
    record_event(
        clock.ticket,
        kind,
        actor=Actor.system(),
        data={"target": clock.target, "status": status, "due_at": _iso(clock.due_at)},
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
