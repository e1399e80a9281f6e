from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.exceptions import ValidationError

from caredesk.accounts.models import Notification
from caredesk.channels.email.models import OutboundEmail
from caredesk.channels.email.services.ingest import process_inbound, store_raw
from caredesk.channels.email.services.outbound import MAX_ATTEMPTS, send_due, send_outbound
from caredesk.channels.email.tests.fixtures import SmtpSink, free_port, make_email
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def email_ticket(mailbox):
    inbound = store_raw(make_email(), source="smtp", mailbox=mailbox)
    return process_inbound(inbound.pk).ticket


def reply(ticket, agent, body="It ships today."):
    message = add_message(ticket, actor=Actor.of_user(agent), body=body, channel="email")
    return OutboundEmail.objects.get(message=message)


def test_an_agent_reply_is_queued_with_threading_headers(email_ticket, agent):
    outbound = reply(email_ticket, agent)

    assert outbound.state == "queued"
    assert outbound.to == ["customer@example.com"]
    assert outbound.in_reply_to == "first@mail.example.com"
    assert outbound.references == "<first@mail.example.com>"


def test_internal_notes_and_customer_messages_are_not_emailed(email_ticket, agent):
    add_message(email_ticket, actor=Actor.of_user(agent), body="note", is_public=False)

    assert OutboundEmail.objects.filter(message__is_public=False).count() == 0


def test_a_failing_server_is_retried_with_backoff_then_sent(
    email_ticket, agent, smtp_sink, settings
):
    outbound = reply(email_ticket, agent)
    settings.EMAIL_PORT = free_port()  # nothing listens there

    send_outbound(outbound.pk)
    outbound.refresh_from_db()
    assert (outbound.state, outbound.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in outbound.last_error
    first_retry = outbound.next_attempt_at
    assert send_due() == 0  # not due yet
    settings.EMAIL_PORT = smtp_sink.port

    with clock.pinned(first_retry + timedelta(seconds=1)):
        assert send_due() == 1

    outbound.refresh_from_db()
    assert (outbound.state, outbound.attempts, outbound.last_error) == ("sent", 2, "")
    assert len(smtp_sink.received) == 1


def test_a_permanent_refusal_fails_at_once_and_tells_the_agent(email_ticket, agent, smtp_sink):
    outbound = reply(email_ticket, agent)
    smtp_sink.refuse = "550 5.1.1 No such user"

    send_outbound(outbound.pk)

    outbound.refresh_from_db()
    assert (outbound.state, outbound.attempts) == ("failed", 1)
    assert "No such user" in outbound.last_error
    assert Notification.objects.filter(user=agent).count() == 1


def test_temporary_failures_give_up_after_the_last_attempt(email_ticket, agent, smtp_sink):
    outbound = reply(email_ticket, agent)
    smtp_sink.refuse = "451 4.3.0 Try later"

    start = clock.now()
    for attempt in range(MAX_ATTEMPTS):
        with clock.pinned(start + timedelta(days=30 * attempt)):
            send_outbound(outbound.pk)

    outbound.refresh_from_db()
    assert (outbound.state, outbound.attempts) == ("failed", MAX_ATTEMPTS)
    assert Notification.objects.filter(user=agent).count() == 1


def test_sending_twice_sends_once(email_ticket, agent, smtp_sink):
    outbound = reply(email_ticket, agent)

    send_outbound(outbound.pk)
    send_outbound(outbound.pk)

    assert len(smtp_sink.received) == 1


def test_a_mailbox_with_its_own_transport_sends_through_it(email_ticket, agent, mailbox):
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port, decode_data=False)
    controller.start()
    mailbox.outbound_url = f"smtp://127.0.0.1:{sink.port}?timeout=5"
    mailbox.save()
    outbound = reply(email_ticket, agent)

    try:
        send_outbound(outbound.pk)
    finally:
        controller.stop()

    outbound.refresh_from_db()
    assert outbound.state == "sent"
    assert [envelope.rcpt_tos for envelope in sink.received] == [["customer@example.com"]]
    assert mail.outbox == []


def test_a_mailbox_transport_is_checked_when_edited(mailbox):
    mailbox.outbound_url = "smtp://"

    with pytest.raises(ValidationError) as refused:
        mailbox.full_clean()

    assert refused.value.message_dict == {"outbound_url": ["EMAIL_URL smtp:// needs a host"]}
