from datetime import datetime

from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import TicketStatus
from caredesk.tickets.domain_events import StatusChanged
from caredesk.tickets.events import EventKind, record_event
from caredesk.tickets.models import Ticket


def apply_status(
    ticket: Ticket, status: str, *, actor: Actor, channel: str, now: datetime
) -> StatusChanged:
    """Set the status and the timestamps that follow from it, and record the change.

    Trusted: the caller has checked the transition, holds the row lock and saves the ticket
    (``status``, ``solved_at``, ``closed_at``), then publishes the returned event: subscribers
    (rules) may change the ticket again through the services, which read the saved row.
    """
    previous = ticket.status
    ticket.status = status
    if status == TicketStatus.SOLVED:
        ticket.solved_at = now
    elif status == TicketStatus.CLOSED:
        ticket.closed_at = now
    else:
        ticket.solved_at = None
    kind = (
        EventKind.REOPENED
        if previous == TicketStatus.SOLVED and status == TicketStatus.OPEN
        else EventKind.STATUS_CHANGED
    )
    record_event(
        ticket,
        kind,
        actor=actor,
        channel=channel,
        data={"field": "status", "from": previous, "to": status},
    )
    return StatusChanged(ticket=ticket, previous=previous, actor=actor, at=now)
