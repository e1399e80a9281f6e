"""A chat nobody can take becomes an email conversation: the ticket stays and answers go by email.

It happens when a chat starts outside business hours or with nobody online, and when a waiting
chat is not accepted in time. From then on the team's public replies on the ticket are emailed
(``channels.email`` asks ``is_answered_by_email``), and the customer's replies thread back to it.
"""

from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.events import ChatEventKind
from caredesk.channels.chat.models import ChatSession
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import add_tag

OFFLINE_TAG = "chat-offline"
OFFLINE_TEXT = (
    "Nobody from our team is free to chat right now, so we will answer by email at {email}. "
    "Your message has reached us."
)


def convert_to_email(session: ChatSession, *, reason: str) -> None:
    """Trusted: ``session`` is locked by the caller, inside its transaction."""
    now = clock.now()
    session.state = ChatState.CONVERTED
    session.ended_at = now
    session.timeout_at = None
    session.save(update_fields=["state", "ended_at", "timeout_at"])
    ticket = session.ticket
    add_tag(ticket, OFFLINE_TAG, actor=Actor.system(), channel=Channel.CHAT)
    record_event(
        ticket,
        ChatEventKind.CONVERTED,
        actor=Actor.system(),
        channel=Channel.CHAT,
        data={"session_id": session.pk, "reason": reason, "answer_by": "email"},
    )
    add_message(
        ticket,
        actor=Actor.system(),
        body=OFFLINE_TEXT.format(email=session.customer.email),
        channel=Channel.CHAT,
    )
