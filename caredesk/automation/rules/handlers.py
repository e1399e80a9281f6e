"""How rules follow a ticket's life. Subscribed in ``caredesk/subscriptions.py`` to run after the
commit; each reads the ticket again under its lock, in a transaction of its own."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from caredesk.automation.choices import RuleEvent
from caredesk.automation.rules.services.engine import listening_events, run_rules
from caredesk.tickets.domain_events import MessageAdded, StatusChanged, TicketChanged, TicketOpened
from caredesk.tickets.locks import locked_ticket


def _run_locked(ticket_id: int, **options: Any) -> None:
    with transaction.atomic():
        run_rules(locked_ticket(ticket_id), **options)


def on_ticket_opened(event: TicketOpened) -> None:
    _run_locked(event.ticket.pk, event=RuleEvent.TICKET_CREATED, at=event.at, message=event.message)


def on_ticket_changed(event: TicketChanged) -> None:
    _run_locked(event.ticket.pk, event=RuleEvent.TICKET_UPDATED, at=event.at, changed=event.fields)


def on_status_changed(event: StatusChanged) -> None:
    _run_locked(event.ticket.pk, event=RuleEvent.TICKET_UPDATED, at=event.at, changed=("status",))


def on_message_added(event: MessageAdded) -> None:
    _run_locked(
        event.ticket.pk, event=RuleEvent.MESSAGE_RECEIVED, at=event.at, message=event.message
    )


@dataclass(frozen=True)
class SlaDeadline:
    """A service-level warning or breach, in plain values: automation must not import sla."""

    ticket_id: int
    trigger: str  # "warning" or "breach"
    target: str  # first_response, next_response, periodic_update, resolution
    at: datetime


def on_sla_deadlines(reached: Sequence[SlaDeadline]) -> None:
    """One sweep batch: the rules are read once, and tickets no rule listens for are not locked."""
    listened = {name for events in listening_events() for name in events}
    for item in reached:
        event = RuleEvent.SLA_WARNING if item.trigger == "warning" else RuleEvent.SLA_BREACH
        if event in listened:
            _run_locked(item.ticket_id, event=event, at=item.at, sla_target=item.target)
