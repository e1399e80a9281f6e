"""Chat timeouts: a waiting chat nobody accepts goes on by email; an idle chat closes.

Every open chat carries ``timeout_at``. The services move it as the chat moves (queued, accepted,
a message written), and the periodic ``expire_chats_task`` handles the chats whose time has come,
found through a partial index on ``timeout_at``: the sweep costs what is due, not the backlog.
"""

from datetime import datetime, timedelta

from django.db import transaction

from caredesk.channels.chat import broadcasts
from caredesk.channels.chat.choices import OPEN_STATES, ChatState
from caredesk.channels.chat.events import ChatEventKind
from caredesk.channels.chat.locks import locked_session
from caredesk.channels.chat.models import ChatSession, TeamChatSettings
from caredesk.channels.chat.services.conversion import convert_to_email
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.events import record_event


def settings_for(team_id: int | None) -> TeamChatSettings:
    found = TeamChatSettings.objects.filter(team_id=team_id).first() if team_id else None
    return found or TeamChatSettings()


def accept_deadline(session: ChatSession, now: datetime) -> datetime:
    return now + timedelta(minutes=settings_for(session.team_id).accept_within_minutes)


def idle_deadline(session: ChatSession, now: datetime) -> datetime:
    return now + timedelta(minutes=settings_for(session.team_id).close_idle_after_minutes)


def expire_due_chats(*, limit: int = 200) -> int:
    """Time out the open chats whose ``timeout_at`` has passed; return how many were due."""
    ids = list(
        ChatSession.objects.filter(state__in=OPEN_STATES, timeout_at__lte=clock.now())
        .order_by("timeout_at")
        .values_list("pk", flat=True)[:limit]
    )
    for session_id in ids:
        expire_chat(session_id)
    return len(ids)


def expire_chat(session_id: int) -> ChatSession:
    """Convert or close one chat if its timeout is still due. Idempotent: a chat accepted, written
    in or ended since it was found is left alone."""
    with transaction.atomic():
        session = locked_session(session_id)
        now = clock.now()
        if session.state not in OPEN_STATES or session.timeout_at is None:
            return session
        if session.timeout_at > now:
            return session
        if session.state == ChatState.WAITING:
            minutes = settings_for(session.team_id).accept_within_minutes
            convert_to_email(session, reason=f"nobody accepted within {minutes} minutes")
        else:
            minutes = settings_for(session.team_id).close_idle_after_minutes
            session.state = ChatState.ENDED
            session.ended_at = now
            session.timeout_at = None
            session.save(update_fields=["state", "ended_at", "timeout_at"])
            record_event(
                session.ticket,
                ChatEventKind.ENDED,
                actor=Actor.system(),
                channel=Channel.CHAT,
                data={"session_id": session.pk, "reason": f"idle for {minutes} minutes"},
            )
        broadcasts.chat_changed(session)
    return session
