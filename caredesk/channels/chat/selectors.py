"""Reads of chats, scoped to the viewer through ``accounts.policy`` like every ticket read."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from caredesk.accounts import policy
from caredesk.accounts.choices import STAFF_ROLES, Availability
from caredesk.accounts.models import Team, User
from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.models import AgentChatCapacity, ChatSession
from caredesk.core import clock
from caredesk.core.errors import NotFound
from caredesk.tickets.models import Message
from caredesk.tickets.selectors import tickets_visible_to

# An agent whose Chats page has not been heard from for this long is not online, whatever they
# chose: the page sends a heartbeat well within it.
AGENT_PRESENCE_TIMEOUT = timedelta(seconds=60)
# A reconnecting client gets at most this many missed messages at once; it asks again for more.
REPLAY_LIMIT = 200
MAX_TOKEN_LENGTH = 200


def hash_visitor_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_for_visitor_token(token: Any) -> ChatSession | None:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        ChatSession.objects.select_related("ticket", "customer", "agent", "team")
        .filter(visitor_token_hash=hash_visitor_token(token))
        .first()
    )


def chats_visible_to(user: Any) -> QuerySet[ChatSession]:
    """The chats of the tickets ``user`` may see, plus team-less chats for any staff member."""
    if not policy.is_staff(user):
        return ChatSession.objects.none()
    visible = Q(ticket__in=tickets_visible_to(user).values("pk"))
    visible |= Q(team__isnull=True)
    return ChatSession.objects.filter(visible).select_related("ticket", "customer", "agent", "team")


def get_chat_for(user: Any, session_id: Any) -> ChatSession:
    """The chat if ``user`` may see it; NotFound alike for missing and hidden chats."""
    if not isinstance(session_id, int) or isinstance(session_id, bool):
        raise NotFound("Chat not found.", field="session")
    chat = chats_visible_to(user).filter(pk=session_id).first()
    if chat is None:
        raise NotFound("Chat not found.", field="session")
    return chat


@dataclass(frozen=True)
class WaitingChat:
    session: ChatSession
    waiting_seconds: int


def waiting_chats_for(user: Any, *, now: datetime | None = None) -> list[WaitingChat]:
    """The chat queue of ``user``'s teams, longest wait first."""
    now = now or clock.now()
    sessions = chats_visible_to(user).filter(state=ChatState.WAITING).order_by("queued_at", "id")
    return [
        WaitingChat(
            session=each, waiting_seconds=max(0, int((now - each.queued_at).total_seconds()))
        )
        for each in sessions
    ]


def active_chats_of(user: Any) -> list[ChatSession]:
    return list(
        chats_visible_to(user)
        .filter(agent_id=user.pk, state=ChatState.ACTIVE)
        .order_by("accepted_at")
    )


def transcript_after(session: ChatSession, *, after_id: int = 0) -> list[Message]:
    """The chat's public messages newer than ``after_id``: what a reconnecting client missed.

    Ids grow in commit order within one ticket, since every message is written under the ticket's
    row lock, so "newer than the last id I saw" loses nothing.
    """
    return list(
        session.ticket.messages.filter(is_public=True, pk__gt=after_id)
        .select_related("author_user", "author_customer")
        .order_by("pk")[:REPLAY_LIMIT]
    )


def online_agents(team: Team | None, *, now: datetime | None = None) -> QuerySet[User]:
    """Staff who take chats now: online by choice, with their Chats page recently heard from."""
    since = (now or clock.now()) - AGENT_PRESENCE_TIMEOUT
    agents = User.objects.filter(
        is_active=True,
        role__in=STAFF_ROLES,
        agent_profile__availability=Availability.ONLINE,
        chat_capacity__last_seen_at__gte=since,
    )
    if team is not None:
        agents = agents.filter(teams=team)
    return agents


def capacity_of(agent: User) -> AgentChatCapacity:
    """The agent's limit and availability; defaults (not stored) for an agent never seen."""
    return AgentChatCapacity.objects.filter(pk=agent.pk).first() or AgentChatCapacity(user=agent)


def is_answered_by_email(ticket_id: int) -> bool:
    """The ticket's chat was converted: the team's answers go to the customer by email."""
    return ChatSession.objects.filter(ticket_id=ticket_id, state=ChatState.CONVERTED).exists()
