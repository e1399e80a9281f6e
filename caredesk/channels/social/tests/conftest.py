import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from caredesk.channels.social.models import SocialChannel
from caredesk.core.signed_posts import sign

SECRET = "bridge-secret"


class Bridge:
    """A real HTTP server on a loopback port standing in for a messaging bridge.

    It answers the first ``failures`` requests with 503, then 200, and keeps what it received.
    """

    def __init__(self) -> None:
        self.failures = 0
        self.received: list[tuple[dict[str, str], bytes]] = []
        bridge = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                bridge.received.append((dict(self.headers), body))
                status = 503 if len(bridge.received) <= bridge.failures else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/replies"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def bodies(self) -> list[dict]:
        return [json.loads(body) for _, body in self.received]


@pytest.fixture
def bridge():
    server = Bridge()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def whatsapp(team, bridge):
    return SocialChannel.objects.create(
        name="WhatsApp", kind="whatsapp", team=team, secret=SECRET, callback_url=bridge.url
    )


def inbound(message_id="m1", conversation_id="c1", sender="+4917012345", text="Hello?", **extra):
    return {
        "message_id": message_id,
        "conversation_id": conversation_id,
        "sender": {"id": sender, "name": "Wanda WhatsApp"},
        "text": text,
        **extra,
    }


@pytest.fixture
def post_inbound(client, whatsapp):
    """``post_inbound(fields)`` posts a dict (or raw bytes) signed with the channel's secret."""

    def post(fields, *, signature=None, channel=None):
        body = fields if isinstance(fields, bytes) else json.dumps(fields).encode()
        header = sign(SECRET, body) if signature is None else signature
        headers = {"x-caredesk-signature": header} if header else {}
        return client.post(
            f"/hooks/social/{(channel or whatsapp).pk}",
            data=body,
            content_type="application/json",
            headers=headers,
        )

    return post
