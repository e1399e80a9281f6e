"""The email channel's reactions to ticket events (listed in ``caredesk/subscriptions.py``)."""

from caredesk.channels.email.services.outbound import queue_reply, should_email
from caredesk.tickets.domain_events import MessageAdded


def on_message_added(event: MessageAdded) -> None:
    """A public reply by the team on an email ticket goes to the requester by email."""
    if should_email(event.message):
        queue_reply(event.message)
