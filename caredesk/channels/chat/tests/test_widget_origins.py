"""The widget on a customer's website, against a real ``caredesk serve`` (uvicorn): configured
origins may start chats and open the visitor's socket; other origins, and the agent's socket from
any website, are refused."""

import json
import shutil
from collections.abc import Iterator

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from caredesk.channels.chat.tests.live_server import scenario, serving

SHOP = "https://shop.example.com"
STRANGER = "https://stranger.example.net"
TIMEOUT = 10
CHAT = {"name": "Vera Visitor", "email": "vera@example.com", "message": "Hello?"}


@pytest.fixture(scope="module")
def server(migrated_sqlite, tmp_path_factory) -> Iterator[dict]:
    """One server for the module: these tests only read, or start chats of their own."""
    data_dir = tmp_path_factory.mktemp("widget-origins")
    for part in migrated_sqlite.glob("caredesk.sqlite3*"):
        shutil.copy(part, data_dir / part.name)
    database = {"CAREDESK_DATA_DIR": str(data_dir), "CHAT_ALLOWED_ORIGINS": SHOP}
    seeded = scenario("seed", database=database)
    with serving(database) as base:
        yield {"base": base, "ws": base.replace("http", "ws"), "cookie": seeded["cookie"]}


def start_chat(base: str, origin: str) -> httpx.Response:
    return httpx.post(
        f"{base}/api/v1/chat/sessions", json=CHAT, headers={"Origin": origin}, timeout=TIMEOUT
    )


def test_a_configured_website_starts_a_chat_and_joins_it(server):
    base = server["base"]

    preflight = httpx.options(
        f"{base}/api/v1/chat/sessions",
        headers={
            "Origin": SHOP,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=TIMEOUT,
    )
    started = start_chat(base, SHOP)
    with connect(f"{server['ws']}/ws/chat/visitor/", origin=SHOP, open_timeout=TIMEOUT) as socket:
        socket.send(json.dumps({"type": "join", "token": started.json()["token"], "after": 0}))
        joined = json.loads(socket.recv(timeout=TIMEOUT))

    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == SHOP
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert started.status_code == 201
    assert started.headers["access-control-allow-origin"] == SHOP
    assert "access-control-allow-credentials" not in started.headers
    assert joined["type"] == "joined"


def test_other_websites_are_refused(server):
    base = server["base"]
    token = start_chat(base, SHOP).json()["token"]

    stranger_start = start_chat(base, STRANGER)
    with pytest.raises(InvalidStatus) as visitor_refused:
        connect(f"{server['ws']}/ws/chat/visitor/", origin=STRANGER, open_timeout=TIMEOUT)
    with pytest.raises(InvalidStatus) as agent_refused:
        connect(
            f"{server['ws']}/ws/chat/agent/",
            origin=SHOP,
            additional_headers={"Cookie": f"sessionid={server['cookie']}"},
            open_timeout=TIMEOUT,
        )

    # The server answers, but the browser keeps the answer from the stranger's page.
    assert "access-control-allow-origin" not in stranger_start.headers
    assert token.startswith("cv_")
    assert visitor_refused.value.response.status_code == 403
    assert agent_refused.value.response.status_code == 403


def test_the_widget_script_is_readable_anywhere_and_cached_briefly(server):
    script = httpx.get(
        f"{server['base']}/static/chat/widget.js", headers={"Origin": SHOP}, timeout=TIMEOUT
    )

    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["access-control-allow-origin"] == "*"
    assert script.headers["cache-control"] == "public, max-age=300, stale-while-revalidate=86400"
    assert script.headers["cross-origin-resource-policy"] == "cross-origin"
