"""WebSocket consumers for live chat: authenticate, parse a frame, call a service, answer.

Protocol (JSON text frames, each with a ``type``):

- Visitor, ``/ws/chat/visitor/``: first ``join`` {token, after}; the server answers ``joined``
  and replays every message newer than ``after`` (the last id the widget saw), then streams.
  ``message`` {client_id, text} is answered with ``ack`` {client_id, id}; a resend after a
  reconnect is acknowledged with the stored id, never stored twice. ``typing`` {is_typing}; ``end``.
- Agent, ``/ws/chat/agent/`` (signed-in staff): ``snapshot`` on connect (queue and own chats);
  ``accept``, ``open`` {session, after}, ``message`` {session, client_id, text}, ``typing``,
  ``transfer`` {session, agent | team}, ``end``, ``availability`` {value}, ``heartbeat``.

Refusals come back as ``error`` {detail, field, request}. Typing is relayed, never stored.
"""

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from caredesk.accounts import policy
from caredesk.accounts.models import Team, User
from caredesk.channels.chat import broadcasts, selectors
from caredesk.channels.chat.models import ChatSession
from caredesk.channels.chat.payloads import (
    author_name_of,
    chat_payload,
    message_payload,
    state_payload,
)
from caredesk.channels.chat.services import assignment, availability, sessions
from caredesk.core import clock
from caredesk.core.errors import DomainError, NotFound, ValidationFailed
from caredesk.tickets.actors import Actor

# The widget must join within its first frame; anything else closes the socket with this code.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


def _transcript(session: ChatSession, after: int) -> list[dict[str, Any]]:
    return [
        message_payload(message, session_id=session.pk, author_name=author_name_of(message))
        for message in selectors.transcript_after(session, after_id=after)
    ]


def _after(content: dict[str, Any]) -> int:
    after = content.get("after", 0)
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise ValidationFailed(
            "after must be the id of the last message seen, or 0.", field="after"
        )
    return after


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """What both sides share: tolerant decoding, refusals as frames, relaying group events."""

    @classmethod
    async def decode_json(cls, text_data: str) -> Any:
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.refuse("Send a JSON object with a type.", field="type", request="")
            return
        try:
            await self.handle(content["type"], content)
        except DomainError as error:
            await self.refuse(error.message, field=error.field, request=content["type"])

    async def handle(self, kind: str, content: dict[str, Any]) -> None:
        raise NotImplementedError

    async def refuse(self, detail: str, *, field: str | None, request: str) -> None:
        await self.send_json(
            {"type": "error", "detail": detail, "field": field, "request": request}
        )

    async def chat_forward(self, event: dict[str, Any]) -> None:
        await self.send_json(event["payload"])

    async def chat_typing(self, event: dict[str, Any]) -> None:
        if event["sender"] != self.channel_name:
            await self.send_json(event["payload"])

    async def relay_typing(
        self, session_id: int, content: dict[str, Any], who: str, name: str
    ) -> None:
        await self.channel_layer.group_send(
            broadcasts.session_group(session_id),
            {
                "type": "chat.typing",
                "sender": self.channel_name,
                "payload": {
                    "type": "typing",
                    "session": session_id,
                    "who": who,
                    "name": name,
                    "is_typing": content.get("is_typing") is True,
                },
            },
        )


class VisitorConsumer(ChatConsumer):
    session_id: int | None = None

    async def handle(self, kind: str, content: dict[str, Any]) -> None:
        if self.session_id is None:
            await self.join(kind, content)
            return
        if kind == "message":
            message = await database_sync_to_async(self._post)(content)
            await self.send_json({"type": "ack", "client_id": content["client_id"], "id": message})
        elif kind == "typing":
            await self.relay_typing(self.session_id, content, "visitor", "")
        elif kind == "end":
            await database_sync_to_async(self._end)()
        else:
            raise ValidationFailed(f"Unknown request {kind!r}.", field="type")

    async def join(self, kind: str, content: dict[str, Any]) -> None:
        session = (
            await database_sync_to_async(selectors.session_for_visitor_token)(content.get("token"))
            if kind == "join"
            else None
        )
        if session is None:
            await self.refuse(
                "Join with the token your chat started with.", field="token", request=kind
            )
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        after = _after(content)
        # Subscribe before reading the transcript: a message committed in between then arrives
        # twice (the widget keeps one per id) rather than not at all.
        self.session_id = session.pk
        await self.channel_layer.group_add(broadcasts.session_group(session.pk), self.channel_name)
        messages = await database_sync_to_async(_transcript)(session, after)
        await self.send_json({**state_payload(session), "type": "joined"})
        for payload in messages:
            await self.send_json(payload)

    async def disconnect(self, code: int) -> None:
        if self.session_id is not None:
            await self.channel_layer.group_discard(
                broadcasts.session_group(self.session_id), self.channel_name
            )

    def _session(self) -> ChatSession:
        if self.session_id is None:
            raise NotFound("Chat not found.", field="session")
        return ChatSession.objects.select_related("customer").get(pk=self.session_id)

    def _post(self, content: dict[str, Any]) -> int:
        text = content.get("text")
        if not isinstance(text, str):
            raise ValidationFailed("text must be a string.", field="text")
        client_id = sessions.check_client_id(content.get("client_id"))
        message = sessions.post_visitor_message(self._session(), text=text, client_id=client_id)
        return message.pk

    def _end(self) -> None:
        session = self._session()
        sessions.end_chat(session, actor=Actor.of_customer(session.customer))


class AgentConsumer(ChatConsumer):
    user: User
    is_admin = False
    team_ids: frozenset[int] = frozenset()
    open_sessions: set[int]

    async def connect(self) -> None:
        user = self.scope.get("user")
        if not policy.is_staff(user):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.user = user
        self.open_sessions = set()
        snapshot = await database_sync_to_async(self._connect)()
        await self.accept()
        await self.channel_layer.group_add(broadcasts.QUEUE_GROUP, self.channel_name)
        await self.channel_layer.group_add(broadcasts.agent_group(self.user.pk), self.channel_name)
        for session_id in snapshot["mine_ids"]:
            await self.subscribe(session_id)
        await self.send_json(snapshot["payload"])

    def _connect(self) -> dict[str, Any]:
        self.team_ids = frozenset(self.user.teams.values_list("id", flat=True))
        self.is_admin = policy.is_admin(self.user)
        capacity = availability.agent_connected(self.user)
        now = clock.now()
        mine = selectors.active_chats_of(self.user)
        return {
            "mine_ids": [each.pk for each in mine],
            "payload": {
                "type": "snapshot",
                "availability": capacity.availability,
                "max_concurrent": capacity.max_concurrent,
                "queue": [
                    chat_payload(waiting.session, now=now)
                    for waiting in selectors.waiting_chats_for(self.user, now=now)
                ],
                "mine": [chat_payload(each, now=now) for each in mine],
            },
        }

    async def disconnect(self, code: int) -> None:
        if not hasattr(self, "open_sessions"):
            return
        await self.channel_layer.group_discard(broadcasts.QUEUE_GROUP, self.channel_name)
        await self.channel_layer.group_discard(
            broadcasts.agent_group(self.user.pk), self.channel_name
        )
        for session_id in self.open_sessions:
            await self.channel_layer.group_discard(
                broadcasts.session_group(session_id), self.channel_name
            )

    async def subscribe(self, session_id: int) -> None:
        if session_id not in self.open_sessions:
            self.open_sessions.add(session_id)
            await self.channel_layer.group_add(
                broadcasts.session_group(session_id), self.channel_name
            )

    async def handle(self, kind: str, content: dict[str, Any]) -> None:
        if kind == "heartbeat":
            await database_sync_to_async(availability.note_agent_seen)(self.user)
        elif kind == "availability":
            capacity = await database_sync_to_async(availability.set_availability)(
                self.user, availability=str(content.get("value"))
            )
            await self.send_json({"type": "availability", "value": capacity.availability})
        elif kind in ("accept", "open"):
            session_id = content.get("session")
            after = _after(content)
            if kind == "accept":
                await database_sync_to_async(self._accept)(session_id)
            chat, messages = await database_sync_to_async(self._open)(session_id, after)
            await self.subscribe(chat["session"])
            await self.send_json({**chat, "type": "opened"})
            for payload in messages:
                await self.send_json(payload)
        elif kind == "message":
            message_id = await database_sync_to_async(self._post)(content)
            await self.send_json(
                {"type": "ack", "client_id": content["client_id"], "id": message_id}
            )
        elif kind == "typing":
            session_id = content.get("session")
            if session_id not in self.open_sessions:
                raise NotFound("Chat not found.", field="session")
            await self.relay_typing(session_id, content, "agent", self.user.name)
        elif kind == "transfer":
            await database_sync_to_async(self._transfer)(content)
        elif kind == "end":
            session = await database_sync_to_async(self._chat)(content.get("session"))
            await database_sync_to_async(sessions.end_chat)(session, actor=Actor.of_user(self.user))
        else:
            raise ValidationFailed(f"Unknown request {kind!r}.", field="type")

    async def chat_forward(self, event: dict[str, Any]) -> None:
        # The queue group carries every team's chats; each agent hears only their teams'.
        if "team_id" in event and not self._sees_team(event["team_id"]):
            return
        await self.send_json(event["payload"])

    async def chat_assigned(self, event: dict[str, Any]) -> None:
        await self.subscribe(event["payload"]["session"])
        await self.send_json(event["payload"])

    def _sees_team(self, team_id: int | None) -> bool:
        return self.is_admin or team_id is None or team_id in self.team_ids

    def _chat(self, session_id: Any) -> ChatSession:
        return selectors.get_chat_for(self.user, session_id)

    def _accept(self, session_id: Any) -> None:
        assignment.accept_chat(self._chat(session_id), agent=self.user)

    def _open(self, session_id: Any, after: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        session = self._chat(session_id)
        return chat_payload(session, now=clock.now()), _transcript(session, after)

    def _post(self, content: dict[str, Any]) -> int:
        text = content.get("text")
        if not isinstance(text, str):
            raise ValidationFailed("text must be a string.", field="text")
        message = sessions.post_agent_message(
            self._chat(content.get("session")),
            agent=self.user,
            text=text,
            client_id=sessions.check_client_id(content.get("client_id")),
        )
        return message.pk

    def _transfer(self, content: dict[str, Any]) -> None:
        session = self._chat(content.get("session"))
        to_agent = to_team = None
        if content.get("agent") is not None:
            to_agent = User.objects.filter(pk=_id(content["agent"], "agent")).first()
            if to_agent is None:
                raise NotFound("No such agent.", field="agent")
        if content.get("team") is not None:
            to_team = Team.objects.filter(pk=_id(content["team"], "team")).first()
            if to_team is None:
                raise NotFound("No such team.", field="team")
        assignment.transfer_chat(session, actor=self.user, to_agent=to_agent, to_team=to_team)


def _id(value: Any, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationFailed(f"{field} must be an id.", field=field)
    return value
