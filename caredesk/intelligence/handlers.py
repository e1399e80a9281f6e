"""How intelligence follows inbound messages. Subscribed in ``caredesk/subscriptions.py``.

``before_ticket_opens`` runs before the opening transaction; the others after the commit, each
reading the ticket again under its lock. Models and the language detector are loaded once per
process, so a handler costs a few milliseconds."""

from caredesk.intelligence.services.analysis import analyse_committed_message, read_ahead
from caredesk.tickets.domain_events import MessageAdded, TicketOpened, TicketOpening


def before_ticket_opens(event: TicketOpening) -> None:
    """Outside the write transaction: language, tone and predictions are computed here, so the
    reaction after the commit finds them ready in this process."""
    if not event.actor.is_system:
        read_ahead(subject=event.subject, text=event.text)


def on_ticket_opened(event: TicketOpened) -> None:
    if event.actor.is_system:
        return  # imports, merges and splits: their fields were chosen already
    analyse_committed_message(event.ticket.pk, event.message.pk, opened=True)


def on_message_added(event: MessageAdded) -> None:
    if event.actor.is_customer and event.message.is_public:
        analyse_committed_message(event.ticket.pk, event.message.pk, opened=False)
