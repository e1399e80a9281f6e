"""How rules follow a ticket's life. Subscribed in ``caredesk/subscriptions.py``; each runs inside
the ticket service's transaction, after the ticket was saved."""

from datetime import datetime

from caredesk.automation.choices import RuleEvent
from caredesk.automation.services.rules import run_rules
from caredesk.tickets.domain_events import MessageAdded, StatusChanged, TicketChanged, TicketOpened
from caredesk.tickets.locks import locked_ticket


def on_ticket_opened(event: TicketOpened) -> None:
    message = event.ticket.messages.order_by("created_at", "id").first()
    run_rules(event.ticket, event=RuleEvent.TICKET_CREATED, at=event.at, message=message)


def on_ticket_changed(event: TicketChanged) -> None:
    run_rules(event.ticket, event=RuleEvent.TICKET_UPDATED, at=event.at, changed=event.fields)


def on_status_changed(event: StatusChanged) -> None:
    run_rules(event.ticket, event=RuleEvent.TICKET_UPDATED, at=event.at, changed=("status",))


def on_message_added(event: MessageAdded) -> None:
    run_rules(event.ticket, event=RuleEvent.MESSAGE_RECEIVED, at=event.at, message=event.message)


def on_sla_deadline(*, ticket_id: int, trigger: str, target: str, at: datetime) -> None:
    """A service-level warning or breach, told in plain values: automation must not import sla."""
    event = RuleEvent.SLA_WARNING if trigger == "warning" else RuleEvent.SLA_BREACH
    run_rules(locked_ticket(ticket_id), event=event, at=at, sla_target=target)
