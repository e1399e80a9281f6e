"""Who reacts to which domain event: the one list of cross-app reactions.

Handlers run inside the publishing service's transaction (see ``caredesk.core.bus``). Read this
file to learn what happens when a ticket opens, a message arrives or a status changes.
"""

from caredesk.core.bus import subscribe
from caredesk.sla import handlers as sla
from caredesk.sla.domain_events import SlaBreached, SlaWarned
from caredesk.tickets.domain_events import (
    MessageAdded,
    StatusChanged,
    TicketChanged,
    TicketOpened,
    TicketsMerged,
)


def connect() -> None:
    # Service levels: clocks start, pause, resume, stop and change policy with the ticket.
    subscribe(TicketOpened, sla.on_ticket_opened)
    subscribe(
        TicketOpened, sla.acknowledge_new_ticket
    )  # after the clocks: it quotes their due time
    subscribe(MessageAdded, sla.on_message_added)
    subscribe(StatusChanged, sla.on_status_changed)
    subscribe(StatusChanged, sla.on_status_changed_timers)
    subscribe(TicketChanged, sla.on_ticket_changed)
    subscribe(TicketsMerged, sla.on_tickets_merged)
    subscribe(SlaWarned, sla.on_sla_warned)
    subscribe(SlaBreached, sla.on_sla_breached)
