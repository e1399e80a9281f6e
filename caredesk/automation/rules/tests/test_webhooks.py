"""A rule's webhook call, against a real HTTP server on a loopback port."""

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from caredesk.automation.models import WebhookDelivery
from caredesk.automation.rules.services.webhooks import MAX_ATTEMPTS, send_due_webhooks
from caredesk.automation.rules.tests.rule_fixtures import condition
from caredesk.core import clock
from caredesk.core.signed_posts import sign
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.update import TicketChanges, update_ticket

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Receiver:
    """Answers the first ``failures`` POSTs with 500, then 204, and keeps what it received."""

    def __init__(self) -> None:
        self.failures = 0
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(500 if len(receiver.received) <= receiver.failures else 204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/caredesk"


@pytest.fixture
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def hooked(make_rule, receiver):
    return make_rule(
        "Tell the shop",
        [{"type": "webhook", "url": receiver.url}],
        all=[condition("ticket.priority", "changed_to", "urgent")],
    )


def _make_urgent(ticket, agent, capture):
    with clock.pinned(T0), capture(execute=True):
        update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(priority=4))


def test_posts_signed_json_after_the_commit(
    hooked, receiver, ticket, agent, tasks_run_inline, django_capture_on_commit_callbacks
):
    _make_urgent(ticket, agent, django_capture_on_commit_callbacks)

    [(headers, body)] = receiver.received
    assert headers["X-Caredesk-Signature"] == sign(hooked.webhook_secret, body)
    assert headers["Content-Type"] == "application/json"
    payload = json.loads(body)
    assert payload["event"] == "ticket_updated"
    assert payload["rule"] == {"id": hooked.pk, "name": "Tell the shop"}
    assert (payload["ticket"]["id"], payload["ticket"]["priority"]) == (ticket.pk, "urgent")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("delivered", 1, 204)
    assert (
        ticket.events.filter(kind="rule.webhook_delivered", data__rule="Tell the shop").count() == 1
    )


def test_retries_after_a_failure(
    hooked, receiver, ticket, agent, tasks_run_inline, django_capture_on_commit_callbacks
):
    receiver.failures = 1
    _make_urgent(ticket, agent, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_code) == ("queued", 1, 500)

    with clock.pinned(T0 + timedelta(seconds=10)):
        assert send_due_webhooks() == 0
    with clock.pinned(T0 + timedelta(seconds=31)):
        assert send_due_webhooks() == 1

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)
    assert len(receiver.received) == 2
    assert receiver.received[0][1] == receiver.received[1][1]


def test_gives_up_after_the_last_attempt(
    hooked, receiver, ticket, agent, tasks_run_inline, django_capture_on_commit_callbacks
):
    receiver.failures = 100
    _make_urgent(ticket, agent, django_capture_on_commit_callbacks)

    for hour in range(1, MAX_ATTEMPTS + 2):
        with clock.pinned(T0 + timedelta(hours=hour)):
            send_due_webhooks()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert len(receiver.received) == MAX_ATTEMPTS
    failed = ticket.events.get(kind="rule.webhook_failed")
    assert failed.actor_name == "Rule: Tell the shop"
    assert failed.data["response_code"] == 500
