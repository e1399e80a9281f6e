"""A chat's life from the visitor's side: start, write, end; and the email fallback.

Every chat is a ticket on channel ``chat`` from its first message, so the transcript, the SLA
clocks and the greeting (``sla.acknowledge_new_ticket``) come from the ticket services.
"""

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from caredesk.accounts import policy
from caredesk.accounts.models import Team, User
from caredesk.channels.chat import broadcasts
from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.events import ChatEventKind
from caredesk.channels.chat.locks import locked_session
from caredesk.channels.chat.models import ChatSession
from caredesk.channels.chat.selectors import hash_visitor_token, online_agents
from caredesk.channels.chat.services.conversion import OFFLINE_TAG, convert_to_email
from caredesk.channels.chat.services.timeouts import accept_deadline, idle_deadline
from caredesk.core import clock
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.customers.services.customers import resolve_customer_by_email
from caredesk.tickets import business_hours
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.message_rows import find_by_external_id
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.open_ticket import default_team, open_ticket

VISITOR_TOKEN_PREFIX = "cv_"  # noqa: S105 - a public marker, not a secret
MAX_NAME_LENGTH = 200
MAX_CHAT_MESSAGE_LENGTH = 5000
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class StartedChat:
    session: ChatSession
    token: str  # shown once, to the visitor; only its hash is stored


def check_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationFailed("The message is empty.", field="message")
    if len(text) > MAX_CHAT_MESSAGE_LENGTH:
        raise ValidationFailed(
            f"The message is longer than {MAX_CHAT_MESSAGE_LENGTH} characters.", field="message"
        )
    return text


def check_client_id(client_id: object) -> str:
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        raise ValidationFailed(
            "client_id must be 1-64 letters, digits, '-' or '_' (a UUID will do).",
            field="client_id",
        )
    return client_id


def _check_start(name: str, email: str) -> tuple[str, str]:
    name = " ".join(name.split())
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed(
            f"The name is longer than {MAX_NAME_LENGTH} characters.", field="name"
        )
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationFailed("Enter a valid email address.", field="email") from error
    return name, email


def start_chat(*, name: str, email: str, text: str, team: Team | None = None) -> StartedChat:
    """Open the chat's ticket with the visitor's first message, and queue it for the team.

    Outside business hours, or when nobody of the team is online, the chat is converted at once:
    the ticket stays, tagged ``chat-offline``, and the visitor is told the answer comes by email.
    """
    name, email = _check_start(name, email)
    text = check_text(text)
    token = VISITOR_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        team = team or default_team()
        now = clock.now()
        if not business_hours.is_open_at(now):
            unstaffed_because = "outside business hours"
        elif not online_agents(team).exists():
            unstaffed_because = "nobody online"
        else:
            unstaffed_because = ""
        is_staffed = not unstaffed_because
        customer = resolve_customer_by_email(email, name=name)
        visitor = Actor.of_customer(customer)
        ticket = open_ticket(
            requester=customer,
            actor=visitor,
            subject="",
            body=text,
            channel=Channel.CHAT,
            team=team,
            tags=() if is_staffed else (OFFLINE_TAG,),
        )
        session = ChatSession(
            ticket=ticket,
            customer=customer,
            visitor_token_hash=hash_visitor_token(token),
            state=ChatState.WAITING,
            team=ticket.team,
            started_at=now,
            queued_at=now,
            last_seen_at=now,
        )
        session.timeout_at = accept_deadline(session, now) if is_staffed else None
        session.save(force_insert=True)
        record_event(
            ticket,
            ChatEventKind.STARTED,
            actor=visitor,
            channel=Channel.CHAT,
            data={"session_id": session.pk},
        )
        if is_staffed:
            broadcasts.chat_changed(session)
        else:
            convert_to_email(session, reason=unstaffed_because)
    return StartedChat(session=session, token=token)


def _add_once(ticket: Ticket, *, actor: Actor, text: str, external_id: str) -> Message:
    """``add_message`` keyed by the client's message id: a resend returns the stored message.

    Two resends racing past the lookup meet the unique constraint; the loser reads the winner's
    row. The savepoint keeps the caller's transaction usable after that.
    """
    try:
        with transaction.atomic():
            return add_message(
                ticket, actor=actor, body=text, channel=Channel.CHAT, external_id=external_id
            )
    except IntegrityError:
        seen = find_by_external_id(Channel.CHAT, external_id)
        if seen is None:
            raise
        return seen


def post_visitor_message(session: ChatSession, *, text: str, client_id: str) -> Message:
    """The visitor writes. Idempotent on ``client_id`` within the chat: a reconnecting widget
    resends what it has not seen acknowledged, and nothing is stored twice."""
    text = check_text(text)
    external_id = f"chat:{session.pk}:v:{check_client_id(client_id)}"
    with transaction.atomic():
        seen = find_by_external_id(Channel.CHAT, external_id)
        if seen is not None:
            return seen
        session = locked_session(session.pk)
        if session.state == ChatState.ENDED:
            raise Conflict("This chat has ended; start a new one.", field="session")
        message = _add_once(
            session.ticket,
            actor=Actor.of_customer(session.customer),
            text=text,
            external_id=external_id,
        )
        now = clock.now()
        if session.state == ChatState.ACTIVE:
            ChatSession.objects.filter(pk=session.pk).update(
                last_seen_at=now, timeout_at=idle_deadline(session, now)
            )
        else:
            ChatSession.objects.filter(pk=session.pk).update(last_seen_at=now)
    return message


def post_agent_message(session: ChatSession, *, agent: User, text: str, client_id: str) -> Message:
    """The chat's agent writes to the visitor. Idempotent on ``client_id`` like the visitor's."""
    text = check_text(text)
    external_id = f"chat:{session.pk}:a:{check_client_id(client_id)}"
    with transaction.atomic():
        seen = find_by_external_id(Channel.CHAT, external_id)
        if seen is not None:
            return seen
        session = locked_session(session.pk)
        if session.agent_id != agent.pk:
            raise PermissionDenied(
                "Only the agent who has this chat may write in it.", field="session"
            )
        if session.state != ChatState.ACTIVE:
            raise Conflict("This chat is not active.", field="session")
        message = _add_once(
            session.ticket, actor=Actor.of_user(agent), text=text, external_id=external_id
        )
        ChatSession.objects.filter(pk=session.pk).update(
            timeout_at=idle_deadline(session, clock.now())
        )
        return message


def end_chat(session: ChatSession, *, actor: Actor) -> ChatSession:
    """End the chat; the visitor or the chat's agent (or a supervisor) may. Ending twice is a no-op."""
    with transaction.atomic():
        session = locked_session(session.pk)
        if actor.is_agent:
            check_may_steer(session, actor.user)
        elif not (actor.is_customer and actor.customer == session.customer):
            raise PermissionDenied("You may not end this chat.", field="session")
        if session.state in (ChatState.ENDED, ChatState.CONVERTED):
            return session
        session.state = ChatState.ENDED
        session.ended_at = clock.now()
        session.timeout_at = None
        session.save(update_fields=["state", "ended_at", "timeout_at"])
        record_event(
            session.ticket,
            ChatEventKind.ENDED,
            actor=actor,
            channel=Channel.CHAT,
            data={"session_id": session.pk},
        )
        broadcasts.chat_changed(session)
    return session


def check_may_steer(session: ChatSession, user: User) -> None:
    """Transfer and end belong to the chat's agent, and to supervisors of the team."""
    if session.agent_id == user.pk or policy.is_supervisor_or_admin(user):
        return
    raise PermissionDenied("Only the chat's agent or a supervisor may do this.", field="session")
