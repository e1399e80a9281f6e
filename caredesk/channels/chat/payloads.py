"""What clients receive: plain JSON-ready dicts, one shape per thing, shared by replays and broadcasts."""

from datetime import datetime
from typing import Any

from caredesk.channels.chat.models import ChatSession
from caredesk.tickets.choices import AuthorKind
from caredesk.tickets.models import Message

# Our message ids look like ``chat:<session>:<v|a>:<client id>``; clients see only the last part.
EXTERNAL_ID_PARTS = 4


def client_id_of(message: Message) -> str:
    parts = message.external_id.split(":", EXTERNAL_ID_PARTS - 1)
    return parts[-1] if len(parts) == EXTERNAL_ID_PARTS and parts[0] == "chat" else ""


def author_name_of(message: Message) -> str:
    if message.author_kind == AuthorKind.SYSTEM:
        return "caredesk"
    if message.author_kind == AuthorKind.AGENT and message.author_user is not None:
        return str(message.author_user.name)
    if message.author_customer is not None:
        return str(message.author_customer.name)
    return ""


def message_payload(message: Message, *, session_id: int, author_name: str) -> dict[str, Any]:
    return {
        "type": "message",
        "session": session_id,
        "id": message.pk,
        "author": message.author_kind,
        "name": author_name,
        "text": message.body_text,
        "at": message.created_at.isoformat(),
        "client_id": client_id_of(message),
    }


def chat_payload(session: ChatSession, *, now: datetime) -> dict[str, Any]:
    """A chat as the agents' lists show it: who, about what, where, and how long it has waited."""
    waiting_seconds = max(0, int((now - session.queued_at).total_seconds()))
    return {
        "type": "chat",
        "session": session.pk,
        "ticket": session.ticket_id,
        "subject": session.ticket.subject,
        "customer": session.customer.name or session.customer.email,
        "state": session.state,
        "team_id": session.team_id,
        "team": session.team.name if session.team else "",
        "agent_id": session.agent_id,
        "agent": session.agent.name if session.agent else "",
        "queued_at": session.queued_at.isoformat(),
        "waiting_seconds": waiting_seconds,
    }


def state_payload(session: ChatSession) -> dict[str, Any]:
    """What the visitor hears about their chat: its state and the agent's name, nothing more."""
    return {
        "type": "state",
        "session": session.pk,
        "state": session.state,
        "agent": session.agent.name if session.agent else "",
    }
