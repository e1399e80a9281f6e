"""How intelligence follows inbound messages. Subscribed in ``caredesk/subscriptions.py``; each
runs inside the ticket service's transaction. Models and the language detector are loaded once per
process, so a handler costs a few milliseconds."""

from caredesk.intelligence.services.analysis import analyse_message, read_ahead
from caredesk.tickets.domain_events import MessageAdded, TicketOpened, TicketOpening


def before_ticket_opens(event: TicketOpening) -> None:
    """Outside the write transaction: language, tone and predictions are computed here, so
    ``on_ticket_opened`` finds them ready while the ticket's write lock is held."""
    if not event.actor.is_system:
        read_ahead(subject=event.subject, text=event.text)


def on_ticket_opened(event: TicketOpened) -> None:
    """Subscribed before the SLA clocks start, so they start on the predicted priority and
    category."""
    if event.actor.is_system:
        return  # imports, merges and splits: their fields were chosen already
    ticket, _ = analyse_message(event.ticket, event.message, opened=True)
    if ticket is not event.ticket:
        # Later handlers of this event hold the instance the event carries: bring it up to date.
        event.ticket.refresh_from_db()


def on_message_added(event: MessageAdded) -> None:
    if event.actor.is_customer and event.message.is_public:
        analyse_message(event.ticket, event.message, opened=False)
