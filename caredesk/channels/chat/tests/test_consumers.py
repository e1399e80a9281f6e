"""The chat sockets through Channels' in-process WebSocket client, on the test's own database.

The consumers' database calls run on the test's thread (``database_sync_to_async`` inside
``async_to_sync``), so they see the test's uncommitted rows; ``broadcasts_at_once`` stands in for
the commit that never comes. ``test_live_server.py`` runs the same conversation for real.
"""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.test import Client

from caredesk.asgi import application
from caredesk.channels.chat.models import ChatSession
from caredesk.channels.chat.tests.socket_client import SocketClient as WebsocketCommunicator
from caredesk.tickets.models import Message

ORIGIN = (b"origin", b"http://127.0.0.1")
TIMEOUT = 3

pytestmark = pytest.mark.usefixtures("broadcasts_at_once", "_connections_stay_open")


@pytest.fixture
def _connections_stay_open(monkeypatch):
    # Channels closes "old" connections around each database call; here that one connection
    # holds the test's transaction.
    monkeypatch.setattr("channels.db.close_old_connections", lambda: None)


def session_cookie(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    return (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())


@pytest.fixture
def online_agent_cookie(online_agent):
    return session_cookie(online_agent)


@pytest.fixture
def online_colleague_cookie(online_colleague):
    return session_cookie(online_colleague)


@pytest.fixture
def other_agent_cookie(other_agent):
    return session_cookie(other_agent)


async def agent_socket(cookie: tuple[bytes, bytes]) -> WebsocketCommunicator:
    socket = WebsocketCommunicator(application, "/ws/chat/agent/", headers=[ORIGIN, cookie])
    connected, _ = await socket.connect(timeout=TIMEOUT)
    assert connected
    return socket


async def visitor_socket(token: str, *, after: int = 0) -> tuple[WebsocketCommunicator, dict]:
    socket = WebsocketCommunicator(application, "/ws/chat/visitor/", headers=[ORIGIN])
    connected, _ = await socket.connect(timeout=TIMEOUT)
    assert connected
    await socket.send_json_to({"type": "join", "token": token, "after": after})
    return socket, await socket.receive_json_from(timeout=TIMEOUT)


async def next_of(socket: WebsocketCommunicator, kind: str) -> dict:
    """The next frame of ``kind``, skipping others (queue updates, state changes)."""
    while True:
        frame = await socket.receive_json_from(timeout=TIMEOUT)
        if frame["type"] == kind:
            return frame


def test_a_visitor_message_reaches_the_agent_and_the_reply_comes_back(
    online_agent_cookie, chat_greeting, start
):
    started = start(text="Where is my parcel?")
    session_id = started.session.pk

    async def conversation() -> dict:
        agent = await agent_socket(online_agent_cookie)
        snapshot = await next_of(agent, "snapshot")
        await agent.send_json_to({"type": "accept", "session": session_id, "after": 0})
        opened = await next_of(agent, "opened")
        transcript = [await next_of(agent, "message"), await next_of(agent, "message")]
        visitor, joined = await visitor_socket(started.token)
        replayed = [await next_of(visitor, "message"), await next_of(visitor, "message")]

        await visitor.send_json_to({"type": "message", "client_id": "v-1", "text": "Order 1042"})
        visitor_ack = await next_of(visitor, "ack")
        heard_by_agent = await next_of(agent, "message")
        await agent.send_json_to(
            {"type": "message", "session": session_id, "client_id": "a-1", "text": "On its way!"}
        )
        agent_ack = await next_of(agent, "ack")
        heard_by_visitor = await next_of(visitor, "message")
        while heard_by_visitor["author"] != "agent":
            heard_by_visitor = await next_of(visitor, "message")

        await visitor.disconnect()
        await agent.disconnect()
        return {
            "snapshot": snapshot,
            "opened": opened,
            "transcript": transcript,
            "joined": joined,
            "replayed": replayed,
            "visitor_ack": visitor_ack,
            "heard_by_agent": heard_by_agent,
            "agent_ack": agent_ack,
            "heard_by_visitor": heard_by_visitor,
        }

    seen = async_to_sync(conversation)()

    assert [chat["session"] for chat in seen["snapshot"]["queue"]] == [session_id]
    assert seen["opened"]["state"] == "active"
    assert [frame["text"] for frame in seen["transcript"]] == [
        "Where is my parcel?",
        "Hello Vera, thanks for reaching out! An agent will be with you in a moment.",
    ]
    assert seen["joined"] == {
        "type": "joined",
        "session": session_id,
        "state": "active",
        "agent": "Ana Agent",
    }
    assert seen["replayed"] == seen["transcript"]
    assert seen["heard_by_agent"]["text"] == "Order 1042"
    assert seen["heard_by_agent"]["client_id"] == "v-1"
    assert seen["visitor_ack"] == {
        "type": "ack",
        "client_id": "v-1",
        "id": seen["heard_by_agent"]["id"],
    }
    assert seen["heard_by_visitor"]["text"] == "On its way!"
    assert seen["heard_by_visitor"]["name"] == "Ana Agent"
    assert seen["agent_ack"]["id"] == seen["heard_by_visitor"]["id"]


def test_a_reconnecting_visitor_gets_what_it_missed_and_its_resend_is_not_duplicated(
    online_agent, start
):
    from caredesk.channels.chat.services.assignment import accept_chat
    from caredesk.channels.chat.services.sessions import post_agent_message, post_visitor_message

    started = start()
    session = accept_chat(started.session, agent=online_agent)
    sent = post_visitor_message(session, text="Order 1042", client_id="v-1")
    missed = post_agent_message(session, agent=online_agent, text="Found it.", client_id="a-1")

    async def reconnect() -> tuple[list[dict], dict]:
        visitor, _ = await visitor_socket(started.token, after=sent.pk)
        replayed = [await next_of(visitor, "message")]
        assert await visitor.receive_nothing(timeout=0.2)
        await visitor.send_json_to({"type": "message", "client_id": "v-1", "text": "Order 1042"})
        ack = await next_of(visitor, "ack")
        await visitor.disconnect()
        return replayed, ack

    replayed, ack = async_to_sync(reconnect)()

    assert [frame["id"] for frame in replayed] == [missed.pk]
    assert ack == {"type": "ack", "client_id": "v-1", "id": sent.pk}
    assert Message.objects.filter(body_text="Order 1042").count() == 1


def test_typing_is_relayed_and_not_stored(online_agent, online_agent_cookie, start):
    from caredesk.channels.chat.services.assignment import accept_chat

    started = start()
    accept_chat(started.session, agent=online_agent)
    messages_before = Message.objects.count()
    last_seen = Message.objects.latest("pk").pk

    async def type_something() -> tuple[dict, bool]:
        agent = await agent_socket(online_agent_cookie)
        await next_of(agent, "snapshot")
        visitor, _ = await visitor_socket(started.token, after=last_seen)
        await visitor.send_json_to({"type": "typing", "is_typing": True})
        typing = await next_of(agent, "typing")
        visitor_hears_itself = not await visitor.receive_nothing(timeout=0.2)
        await visitor.disconnect()
        await agent.disconnect()
        return typing, visitor_hears_itself

    typing, echoed = async_to_sync(type_something)()

    assert typing == {
        "type": "typing",
        "session": started.session.pk,
        "who": "visitor",
        "name": "",
        "is_typing": True,
    }
    assert echoed is False
    assert Message.objects.count() == messages_before


def test_agents_hear_of_new_chats_in_their_teams_only(
    online_agent_cookie, other_agent, other_agent_cookie, start
):
    from caredesk.channels.chat.services.availability import set_availability

    set_availability(other_agent, availability="online")

    async def watch() -> tuple[dict, bool]:
        ours = await agent_socket(online_agent_cookie)
        theirs = await agent_socket(other_agent_cookie)
        await next_of(ours, "snapshot")
        await next_of(theirs, "snapshot")
        started = await database_sync_to_async(start)()
        queued = await next_of(ours, "chat")
        other_team_heard = not await theirs.receive_nothing(timeout=0.2)
        await ours.disconnect()
        await theirs.disconnect()
        assert queued["session"] == started.session.pk
        return queued, other_team_heard

    queued, other_team_heard = async_to_sync(watch)()

    assert queued["state"] == "waiting"
    assert queued["team"] == "Support"
    assert queued["waiting_seconds"] == 0
    assert other_team_heard is False


def test_the_second_agent_to_accept_is_told_who_was_first(
    online_agent, online_agent_cookie, online_colleague_cookie, start
):
    session_id = start().session.pk

    async def race() -> dict:
        first = await agent_socket(online_agent_cookie)
        second = await agent_socket(online_colleague_cookie)
        await next_of(first, "snapshot")
        await next_of(second, "snapshot")
        await first.send_json_to({"type": "accept", "session": session_id})
        await next_of(first, "opened")
        await second.send_json_to({"type": "accept", "session": session_id})
        refusal = await next_of(second, "error")
        await first.disconnect()
        await second.disconnect()
        return refusal

    refusal = async_to_sync(race)()

    assert refusal == {
        "type": "error",
        "detail": "Ana Agent has already accepted this chat.",
        "field": "session",
        "request": "accept",
    }
    assert ChatSession.objects.get(pk=session_id).agent == online_agent


def test_a_wrong_token_closes_the_visitor_socket(db):
    async def join() -> tuple[dict, dict]:
        socket = WebsocketCommunicator(application, "/ws/chat/visitor/", headers=[ORIGIN])
        await socket.connect(timeout=TIMEOUT)
        await socket.send_json_to({"type": "join", "token": "cv_guess", "after": 0})
        refusal = await socket.receive_json_from(timeout=TIMEOUT)
        closed = await socket.receive_output(timeout=TIMEOUT)
        return refusal, closed

    refusal, closed = async_to_sync(join)()

    assert refusal["field"] == "token"
    assert closed == {"type": "websocket.close", "code": 4401}


def test_a_visitor_cannot_do_anything_before_joining(online_agent, start):
    async def talk() -> dict:
        socket = WebsocketCommunicator(application, "/ws/chat/visitor/", headers=[ORIGIN])
        await socket.connect(timeout=TIMEOUT)
        await socket.send_json_to({"type": "message", "client_id": "v-1", "text": "Hi"})
        refusal = await socket.receive_json_from(timeout=TIMEOUT)
        await socket.receive_output(timeout=TIMEOUT)
        return refusal

    refusal = async_to_sync(talk)()

    assert refusal["field"] == "token"
    assert not Message.objects.filter(body_text="Hi").exists()


def test_customers_and_visitors_cannot_open_the_agent_socket(customer_user):
    async def connect(headers) -> bool:
        socket = WebsocketCommunicator(application, "/ws/chat/agent/", headers=headers)
        connected, _ = await socket.connect(timeout=TIMEOUT)
        return connected

    assert async_to_sync(connect)([ORIGIN, session_cookie(customer_user)]) is False
    assert async_to_sync(connect)([ORIGIN]) is False


def test_a_socket_from_a_foreign_page_is_refused(online_agent_cookie):
    async def connect() -> bool:
        socket = WebsocketCommunicator(
            application,
            "/ws/chat/agent/",
            headers=[(b"origin", b"https://evil.example"), online_agent_cookie],
        )
        connected, _ = await socket.connect(timeout=TIMEOUT)
        return connected

    assert async_to_sync(connect)() is False


def test_malformed_frames_are_answered_not_fatal(online_agent_cookie):
    async def send_junk() -> list[dict]:
        agent = await agent_socket(online_agent_cookie)
        await next_of(agent, "snapshot")
        await agent.send_to(text_data="not json")
        first = await next_of(agent, "error")
        await agent.send_json_to({"type": "accept", "session": "1"})
        second = await next_of(agent, "error")
        await agent.send_json_to({"type": "dance"})
        third = await next_of(agent, "error")
        await agent.disconnect()
        return [first, second, third]

    errors = async_to_sync(send_junk)()

    assert [(error["field"], error["request"]) for error in errors] == [
        ("type", ""),
        ("session", "accept"),
        ("type", "dance"),
    ]
