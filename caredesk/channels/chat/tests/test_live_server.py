"""A chat from a visitor to an agent and back, through a real ``caredesk serve`` (uvicorn) and a
real WebSocket client, against a database of the server's own (see ``tests/worker``).

This is the only chat test where broadcasts wait for a real commit.
"""

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from caredesk.channels.chat.tests.live_server import scenario, serving

TIMEOUT = 10


@pytest.fixture(params=["sqlite_database", "postgres_database"])
def server(request) -> Iterator[dict]:
    database = request.getfixturevalue(request.param)
    seeded = scenario("seed", database=database)
    with serving(database) as base:
        yield {"base": base, "cookie": seeded["cookie"], "database": database}


def frames_until(socket: ClientConnection, wanted: Callable[[dict], bool]) -> list[dict]:
    """Every frame up to and including the first that ``wanted`` accepts."""
    seen = []
    while True:
        frame = json.loads(socket.recv(timeout=TIMEOUT))
        seen.append(frame)
        if wanted(frame):
            return seen


def of_type(kind: str, **fields) -> Callable[[dict], bool]:
    return lambda frame: frame["type"] == kind and all(frame.get(k) == v for k, v in fields.items())


def test_a_chat_reaches_an_agent_and_back(server):
    base, origin = server["base"], server["base"]
    ws = base.replace("http", "ws")
    sockets = ExitStack()
    agent = sockets.enter_context(
        connect(
            f"{ws}/ws/chat/agent/",
            origin=origin,
            additional_headers={"Cookie": f"sessionid={server['cookie']}"},
        )
    )
    snapshot = frames_until(agent, of_type("snapshot"))[-1]

    started = httpx.post(
        f"{base}/api/v1/chat/sessions",
        json={"name": "Vera Visitor", "email": "vera@example.com", "message": "Where is it?"},
        timeout=TIMEOUT,
    )
    chat = started.json()
    queued = frames_until(agent, of_type("chat", session=chat["session"]))[-1]
    agent.send(json.dumps({"type": "accept", "session": chat["session"], "after": 0}))
    accepted = frames_until(agent, of_type("message", author="system"))

    visitor = sockets.enter_context(connect(f"{ws}{chat['websocket_path']}", origin=origin))
    visitor.send(json.dumps({"type": "join", "token": chat["token"], "after": 0}))
    joined = frames_until(visitor, of_type("message", author="system"))
    visitor.send(json.dumps({"type": "message", "client_id": "v-1", "text": "Order 1042"}))
    heard_by_agent = frames_until(agent, of_type("message", author="customer", client_id="v-1"))[-1]
    agent.send(
        json.dumps(
            {"type": "message", "session": chat["session"], "client_id": "a-1", "text": "Found it"}
        )
    )
    heard_by_visitor = frames_until(visitor, of_type("message", author="agent"))[-1]

    visitor.close()
    agent.send(
        json.dumps(
            {"type": "message", "session": chat["session"], "client_id": "a-2", "text": "Still?"}
        )
    )
    frames_until(agent, of_type("ack", client_id="a-2"))
    back = sockets.enter_context(connect(f"{ws}{chat['websocket_path']}", origin=origin))
    back.send(json.dumps({"type": "join", "token": chat["token"], "after": heard_by_visitor["id"]}))
    missed = frames_until(back, of_type("message", client_id="a-2"))
    back.send(json.dumps({"type": "message", "client_id": "v-1", "text": "Order 1042"}))
    resent = frames_until(back, of_type("ack"))[-1]
    sockets.close()

    report = scenario("report", str(chat["ticket"]), database=server["database"])
    assert started.status_code == 201
    assert snapshot["queue"] == []
    assert queued["state"] == "waiting"
    assert [frame["type"] for frame in accepted[:1]] == ["opened"]
    assert [frame["text"] for frame in joined if frame["type"] == "message"] == [
        "Where is it?",
        "Hello Vera, an agent will be with you in a moment.",
    ]
    assert heard_by_agent["text"] == "Order 1042"
    assert heard_by_visitor["text"] == "Found it"
    assert [frame["text"] for frame in missed if frame["type"] == "message"] == ["Still?"]
    assert resent == {"type": "ack", "client_id": "v-1", "id": heard_by_agent["id"]}
    assert report["messages"] == [
        ["customer", "Where is it?"],
        ["system", "Hello Vera, an agent will be with you in a moment."],
        ["customer", "Order 1042"],
        ["agent", "Found it"],
        ["agent", "Still?"],
    ]
