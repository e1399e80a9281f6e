"""Agents taking chats: accept from the queue, transfer to a colleague or a team.

Both respect the agent's concurrent limit and availability, checked on rows fetched again under
lock (see ``locks.py`` for the order), so two agents can never take the same chat and an agent
can never pass their limit, however the requests interleave.
"""

from django.db import transaction

from caredesk.accounts import policy
from caredesk.accounts.choices import Availability
from caredesk.accounts.models import Team, User
from caredesk.accounts.services.agent_profiles import profile_of
from caredesk.channels.chat import broadcasts
from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.events import ChatEventKind
from caredesk.channels.chat.locks import locked_capacity, locked_session
from caredesk.channels.chat.models import AgentChatCapacity, ChatSession
from caredesk.channels.chat.services.sessions import check_may_steer
from caredesk.channels.chat.services.timeouts import accept_deadline, idle_deadline
from caredesk.core import clock
from caredesk.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.services.update import TicketChanges, update_ticket


def _check_may_take(
    capacity: AgentChatCapacity, agent: User, *, excluding: int, field: str
) -> None:
    """Precondition: ``capacity`` is locked, so the count below cannot change under us."""
    if profile_of(agent).availability != Availability.ONLINE:
        raise Conflict(f"{agent.name} is not online for chats.", field=field)
    current = (
        ChatSession.objects.filter(agent=agent, state=ChatState.ACTIVE)
        .exclude(pk=excluding)
        .count()
    )
    if current >= capacity.max_concurrent:
        raise Conflict(
            f"{agent.name} already has {current} chats, the limit of {capacity.max_concurrent}.",
            field=field,
        )


def _check_team_member(session: ChatSession, agent: User) -> None:
    if session.team_id is None or policy.is_admin(agent) or session.team_id in agent.team_ids:
        return
    raise NotFound("Chat not found.", field="session")


def accept_chat(session: ChatSession, *, agent: User) -> ChatSession:
    """``agent`` takes a waiting chat of their team and becomes the ticket's assignee."""
    if not policy.is_staff(agent):
        raise PermissionDenied("Only the team can accept chats.", field="session")
    with transaction.atomic():
        capacity = locked_capacity(agent)
        session = locked_session(session.pk)
        _check_team_member(session, agent)
        if session.state == ChatState.ACTIVE:
            taken_by = session.agent.name if session.agent else "another agent"
            raise Conflict(f"{taken_by} has already accepted this chat.", field="session")
        if session.state != ChatState.WAITING:
            raise Conflict("This chat is no longer waiting.", field="session")
        _check_may_take(capacity, agent, excluding=session.pk, field="session")
        now = clock.now()
        waited = int((now - session.queued_at).total_seconds())
        session.state = ChatState.ACTIVE
        session.agent = agent
        session.accepted_at = now
        session.timeout_at = idle_deadline(session, now)
        session.save(update_fields=["state", "agent", "accepted_at", "timeout_at"])
        actor = Actor.of_user(agent)
        update_ticket(
            session.ticket, actor=actor, changes=TicketChanges(assignee=agent), channel=Channel.CHAT
        )
        record_event(
            session.ticket,
            ChatEventKind.ACCEPTED,
            actor=actor,
            channel=Channel.CHAT,
            data={"session_id": session.pk, "waited_seconds": max(0, waited)},
        )
        broadcasts.chat_changed(session)
    return session


def transfer_chat(
    session: ChatSession,
    *,
    actor: User,
    to_agent: User | None = None,
    to_team: Team | None = None,
) -> ChatSession:
    """Hand the chat to a colleague (who must be online and under their limit), or back to a
    team's queue, where it waits for whoever accepts it next."""
    if (to_agent is None) == (to_team is None):
        raise ValidationFailed("Transfer to an agent or to a team, not both.", field="to")
    if to_agent is not None and not policy.is_staff(to_agent):
        raise ValidationFailed("Chats go only to active team members.", field="agent")
    with transaction.atomic():
        capacity = locked_capacity(to_agent) if to_agent is not None else None
        session = locked_session(session.pk)
        check_may_steer(session, actor)
        if session.state not in (ChatState.WAITING, ChatState.ACTIVE):
            raise Conflict("This chat has ended.", field="session")
        previous_agent = session.agent
        now = clock.now()
        if to_agent is not None and capacity is not None:
            if to_agent.pk == session.agent_id:
                raise ValidationFailed(f"{to_agent.name} has this chat already.", field="agent")
            _check_may_take(capacity, to_agent, excluding=session.pk, field="agent")
            session.state = ChatState.ACTIVE
            session.agent = to_agent
            session.accepted_at = now
            session.timeout_at = idle_deadline(session, now)
            changes = TicketChanges(assignee=to_agent)
        elif to_team is not None:
            session.state = ChatState.WAITING
            session.agent = None
            session.team = to_team
            session.queued_at = now
            session.accepted_at = None
            session.timeout_at = accept_deadline(session, now)
            changes = TicketChanges(assignee=None, team=to_team)
        session.save(
            update_fields=["state", "agent", "team", "queued_at", "accepted_at", "timeout_at"]
        )
        update_ticket(
            session.ticket, actor=Actor.of_user(actor), changes=changes, channel=Channel.CHAT
        )
        record_event(
            session.ticket,
            ChatEventKind.TRANSFERRED,
            actor=Actor.of_user(actor),
            channel=Channel.CHAT,
            data={
                "session_id": session.pk,
                "from_agent_id": previous_agent.pk if previous_agent else None,
                "to_agent_id": to_agent.pk if to_agent else None,
                "to_team_id": to_team.pk if to_team else None,
            },
        )
        broadcasts.chat_changed(session)
        if to_agent is not None:
            broadcasts.chat_handed_to(session, to_agent.pk)
    return session
