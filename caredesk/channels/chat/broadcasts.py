"""Telling connected clients about chat changes, through the channel layer, only after commit.

A client must never hear of a message or an acceptance that then rolled back, so services call
``send_after_commit``; the delivery itself runs once the transaction is durable.

Groups: every agent's Chats page listens to ``chat.queue`` (and keeps only the chats of its
teams), to ``chat.agent.<user id>`` (chats handed to that agent), and to ``chat.session.<id>`` for
each chat it has open; the visitor listens to its own ``chat.session.<id>``.
"""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from caredesk.channels.chat.models import ChatSession
from caredesk.channels.chat.payloads import chat_payload, state_payload
from caredesk.core import clock

logger = logging.getLogger(__name__)

QUEUE_GROUP = "chat.queue"


def session_group(session_id: int) -> str:
    return f"chat.session.{session_id}"


def agent_group(user_id: int) -> str:
    return f"chat.agent.{user_id}"


def send_now(group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(group, event)


def send_after_commit(group: str, event: dict[str, Any]) -> None:
    """Deliver ``event`` to ``group`` when the current transaction commits (at once outside one).

    A failed delivery is logged, never raised: the change is already committed, and clients catch
    up on reconnect from the stored messages.
    """
    transaction.on_commit(lambda: send_now(group, event), robust=True)


def forward(payload: dict[str, Any], **routing: Any) -> dict[str, Any]:
    """A channel-layer event that the consumers pass on to their client as ``payload``."""
    return {"type": "chat.forward", "payload": payload, **routing}


def chat_changed(session: ChatSession) -> None:
    """The chat's state, agent or team changed: update the queues, and tell the visitor."""
    payload = chat_payload(session, now=clock.now())
    send_after_commit(QUEUE_GROUP, forward(payload, team_id=session.team_id))
    send_after_commit(session_group(session.pk), forward(state_payload(session)))


def chat_handed_to(session: ChatSession, agent_id: int) -> None:
    payload = {**chat_payload(session, now=clock.now()), "type": "assigned"}
    send_after_commit(agent_group(agent_id), {"type": "chat.assigned", "payload": payload})
