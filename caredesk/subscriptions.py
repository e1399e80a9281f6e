"""Who reacts to which domain event: the one list of cross-app reactions.

Handlers run inside the publishing service's transaction (see ``caredesk.core.bus``). Read this
file to learn what happens when a ticket opens, a message arrives or a status changes.
"""

from caredesk.accounts.domain_events import AvailabilityChanged
from caredesk.automation import handlers as routing
from caredesk.channels.chat import handlers as chat
from caredesk.channels.email import handlers as email
from caredesk.channels.social import handlers as social
from caredesk.core.bus import subscribe
from caredesk.intelligence import handlers as intelligence
from caredesk.sla import handlers as sla
from caredesk.sla.domain_events import DeadlinesReached
from caredesk.tickets.domain_events import (
    CustomersMerged,
    MessageAdded,
    StatusChanged,
    TicketChanged,
    TicketOpened,
    TicketsMerged,
)


def connect() -> None:
    # Intelligence first: language, sentiment and the predicted category, team and priority are
    # on the ticket before its SLA clocks pick a policy.
    subscribe(TicketOpened, intelligence.on_ticket_opened)
    subscribe(MessageAdded, intelligence.on_message_added)
    # Routing: a new ticket goes to an agent of the team intelligence chose, with the reason on its
    # timeline; freed capacity and availability changes hand out waiting tickets or take them back.
    subscribe(TicketOpened, routing.on_ticket_opened)
    subscribe(StatusChanged, routing.on_status_changed)
    subscribe(TicketChanged, routing.on_ticket_changed)
    subscribe(AvailabilityChanged, routing.on_availability_changed)
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
    subscribe(DeadlinesReached, sla.on_deadlines_reached)
    # Email: the team's public replies on email tickets go out by email.
    subscribe(MessageAdded, email.on_message_added)
    # Live chat: every public message on a chat's ticket reaches the open chat.
    subscribe(MessageAdded, chat.broadcast_chat_message)
    # Social/API: the team's public replies on bridged tickets go back out through the bridge.
    subscribe(MessageAdded, social.on_message_added)
    subscribe(CustomersMerged, social.on_customers_merged)
