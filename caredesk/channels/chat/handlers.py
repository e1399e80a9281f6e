"""How live chat follows a ticket's messages. Subscribed in ``caredesk/subscriptions.py``."""

from caredesk.channels.chat import broadcasts
from caredesk.channels.chat.models import ChatSession
from caredesk.channels.chat.payloads import message_payload
from caredesk.tickets.choices import Channel
from caredesk.tickets.domain_events import MessageAdded


def broadcast_chat_message(event: MessageAdded) -> None:
    """Every public message on a chat's ticket reaches the chat, whoever wrote it and from where
    (the chat, the ticket page, a rule), once it is committed."""
    message = event.message
    if not message.is_public or event.ticket.channel != Channel.CHAT:
        return
    session_id = (
        ChatSession.objects.filter(ticket_id=message.ticket_id).values_list("pk", flat=True).first()
    )
    if session_id is None:
        return
    payload = message_payload(message, session_id=session_id, author_name=event.actor.name)
    broadcasts.send_after_commit(broadcasts.session_group(session_id), broadcasts.forward(payload))
