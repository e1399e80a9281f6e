"""Providers' delivery reports through anymail's tracking webhooks (signed / basic auth)."""

import hashlib
import hmac
import json
import time

import pytest

from caredesk.accounts.models import Notification
from caredesk.channels.email.models import OutboundEmail
from caredesk.channels.email.services.ingest import process_inbound, store_raw
from caredesk.channels.email.services.outbound import build_email
from caredesk.channels.email.tests.fixtures import WEBHOOK_AUTH, make_email
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("anymail_webhooks")]

AUTH = WEBHOOK_AUTH


@pytest.fixture
def outbound(mailbox, agent):
    ticket = process_inbound(store_raw(make_email(), source="smtp", mailbox=mailbox).pk).ticket
    message = add_message(ticket, actor=Actor.of_user(agent), body="It ships.", channel="email")
    return OutboundEmail.objects.get(message=message)


def mailgun(client, event_data):
    timestamp, token = str(int(time.time())), "t" * 50
    signature = hmac.new(b"mg-key", f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    body = {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": {"timestamp": time.time(), "recipient": "customer@example.com", **event_data},
    }
    return client.post(
        "/email/mailgun/tracking/", json.dumps(body), content_type="application/json", **AUTH
    )


def postmark(client, payload):
    return client.post(
        "/email/postmark/tracking/", json.dumps(payload), content_type="application/json", **AUTH
    )


def failures_told_to(agent):
    return list(
        Notification.objects.filter(user=agent, subject__contains="not delivered").values_list(
            "body", flat=True
        )
    )


def test_every_outgoing_email_names_itself_for_the_provider(outbound):
    assert build_email(outbound).metadata == {"caredesk_outbound": str(outbound.pk)}


def test_a_mailgun_permanent_failure_marks_the_reply_failed_and_tells_the_agent(
    client, outbound, agent
):
    response = mailgun(
        client,
        {
            "event": "failed",
            "severity": "permanent",
            "reason": "bounce",
            "message": {"headers": {"message-id": outbound.header_message_id}},
            "delivery-status": {"description": "", "message": "550 5.1.1 No such user"},
        },
    )

    outbound.refresh_from_db()
    event = outbound.message.ticket.events.get(kind="email.failed")
    assert response.status_code == 200
    assert outbound.state == "failed"
    assert outbound.last_error == "Mailgun reports bounced: 550 5.1.1 No such user"
    assert event.data["reason"] == outbound.last_error
    assert failures_told_to(agent) == [
        "To customer@example.com: Mailgun reports bounced: 550 5.1.1 No such user"
    ]


def test_a_postmark_hard_bounce_is_matched_by_its_metadata(client, outbound, agent):
    response = postmark(
        client,
        {
            "RecordType": "Bounce",
            "Type": "HardBounce",
            "ID": 42,
            "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
            "Email": "customer@example.com",
            "Description": "The server was unable to deliver your message.",
            "Details": "smtp;550 5.1.1 The email account does not exist.",
            "BouncedAt": "2026-11-09T10:00:00Z",
            "Metadata": {"caredesk_outbound": str(outbound.pk)},
        },
    )

    outbound.refresh_from_db()
    assert response.status_code == 200
    assert (outbound.state, outbound.last_error) == (
        "failed",
        "Postmark reports bounced: The server was unable to deliver your message.",
    )
    assert len(failures_told_to(agent)) == 1


def test_a_repeated_report_tells_the_agent_once(client, outbound, agent):
    event = {
        "event": "rejected",
        "reject": {"reason": "Suppressed address"},
        "message": {"headers": {"message-id": outbound.header_message_id}},
    }

    mailgun(client, event)
    mailgun(client, event)

    outbound.refresh_from_db()
    assert outbound.last_error == "Mailgun reports rejected: Suppressed address"
    assert len(failures_told_to(agent)) == 1


@pytest.mark.parametrize(
    "event_data",
    [
        {"event": "delivered"},
        {"event": "failed", "severity": "temporary", "reason": "generic"},
        {"event": "opened"},
    ],
)
def test_deliveries_and_temporary_failures_change_nothing(client, outbound, agent, event_data):
    headers = {"message": {"headers": {"message-id": outbound.header_message_id}}}

    response = mailgun(client, {**event_data, **headers})

    outbound.refresh_from_db()
    assert response.status_code == 200
    assert outbound.state == "queued"
    assert failures_told_to(agent) == []


def test_a_report_about_an_unknown_email_changes_nothing(client, outbound, agent):
    response = mailgun(
        client,
        {"event": "failed", "severity": "permanent", "message": {"headers": {"message-id": "x@y"}}},
    )

    outbound.refresh_from_db()
    assert response.status_code == 200
    assert outbound.state == "queued"


def test_a_report_without_the_providers_signature_is_refused(client, outbound):
    response = client.post(
        "/email/mailgun/tracking/",
        json.dumps(
            {
                "signature": {"timestamp": "1", "token": "x", "signature": "bad"},
                "event-data": {"event": "failed", "severity": "permanent"},
            }
        ),
        content_type="application/json",
        **AUTH,
    )

    outbound.refresh_from_db()
    assert response.status_code == 400
    assert outbound.state == "queued"
