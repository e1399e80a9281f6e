from datetime import timedelta

import pytest

from caredesk.accounts.models import Notification
from caredesk.channels.email.models import InboundEmail, InboundState, OutboundEmail
from caredesk.channels.email.services.ingest import process_inbound, process_pending, store_raw
from caredesk.channels.email.services.threading import reply_token
from caredesk.channels.email.tests.fixtures import make_email
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message, Ticket, TicketEvent
from caredesk.tickets.services.messages import add_message

pytestmark = pytest.mark.django_db


def receive(raw: bytes, mailbox=None) -> InboundEmail:
    inbound = store_raw(raw, source="smtp", mailbox=mailbox)
    return process_inbound(inbound.pk)


def test_new_email_opens_a_ticket_in_the_mailbox_team(mailbox):
    inbound = receive(make_email(), mailbox)

    ticket = inbound.ticket
    assert inbound.state == InboundState.PROCESSED
    assert inbound.header_message_id == "first@mail.example.com"
    assert inbound.threading == {"matched": "new", "value": "", "ticket_id": ticket.pk}
    assert (ticket.subject, ticket.channel, ticket.team) == (
        "My order has not arrived",
        "email",
        mailbox.team,
    )
    assert ticket.requester.email == "customer@example.com"
    assert inbound.message.body_text == "Hello, order 1234 has not arrived yet."
    assert TicketEvent.objects.filter(ticket=ticket, kind="email.threaded").count() == 1


def test_the_raw_message_is_committed_before_processing(mailbox):
    raw = make_email()

    inbound = store_raw(raw, source="smtp", mailbox=mailbox)

    stored = InboundEmail.objects.get(pk=inbound.pk)
    assert (bytes(stored.raw), stored.state, stored.ticket) == (raw, InboundState.RECEIVED, None)


def test_a_redelivered_message_is_not_duplicated(mailbox):
    first = receive(make_email(), mailbox)

    second = receive(make_email(), mailbox)

    assert second.state == InboundState.DUPLICATE
    assert second.ticket == first.ticket
    assert Ticket.objects.count() == 1
    assert Message.objects.filter(channel="email", author_kind="customer").count() == 1


def test_a_reply_threads_by_in_reply_to_and_says_why(mailbox):
    first = receive(make_email(), mailbox)

    reply = receive(
        make_email(
            subject="Re: My order has not arrived",
            body="Any news?\n\nOn Mon, 1 Jan 2024, Support wrote:\n> We are looking",
            message_id="<second@mail.example.com>",
            In_Reply_To="<first@mail.example.com>",
        ),
        mailbox,
    )

    assert reply.ticket == first.ticket
    assert reply.threading["matched"] == "in-reply-to"
    assert reply.threading["value"] == "first@mail.example.com"
    assert reply.message.body_text == "Any news?"
    assert reply.folded_text.startswith("On Mon, 1 Jan 2024, Support wrote:")
    event = TicketEvent.objects.filter(ticket=first.ticket, kind="email.threaded").last()
    assert event.data["matched"] == "in-reply-to"


def test_references_thread_when_in_reply_to_is_unknown(mailbox):
    first = receive(make_email(), mailbox)

    reply = receive(
        make_email(
            message_id="<third@x>",
            In_Reply_To="<unknown@x>",
            References="<first@mail.example.com> <unknown@x>",
        ),
        mailbox,
    )

    assert (reply.ticket, reply.threading["matched"]) == (first.ticket, "references")


def test_subject_reference_is_honoured_only_for_the_requester(mailbox):
    first = receive(make_email(), mailbox)
    ticket = first.ticket

    own = receive(make_email(subject=f"Re: [#{ticket.pk}] order", message_id="<own@x>"), mailbox)
    stranger = receive(
        make_email(sender="mallory@evil.example", subject=f"[#{ticket.pk}] hi", message_id="<m@x>"),
        mailbox,
    )

    assert (own.ticket, own.threading["matched"]) == (ticket, "subject-ref")
    assert stranger.ticket != ticket
    assert stranger.threading["matched"] == "new"


def test_reply_token_threads_a_reply_from_another_participant(mailbox):
    first = receive(make_email(), mailbox)
    token = reply_token(first.ticket.pk)

    colleague = receive(
        make_email(
            sender="Carl <carl@example.com>",
            to=f"support+{token}@caredesk.test",
            subject="About that order",
            message_id="<carl@x>",
        ),
        mailbox,
    )

    assert colleague.ticket == first.ticket
    assert colleague.threading == {"matched": "token", "value": token, "ticket_id": first.ticket.pk}
    assert colleague.message.author_customer.email == "carl@example.com"


def test_a_forged_token_does_not_thread(mailbox):
    first = receive(make_email(), mailbox)

    forged = receive(
        make_email(to=f"support+t{first.ticket.pk}-0000000000@caredesk.test", message_id="<f@x>"),
        mailbox,
    )

    assert forged.ticket != first.ticket


def test_an_agent_forwarding_customer_mail_opens_the_ticket_for_the_customer(mailbox, agent):
    inbound = receive(
        make_email(
            sender=agent.email,
            subject="Fwd: Broken kettle",
            body=(
                "Can we help her?\n\n---------- Forwarded message ---------\n"
                "From: Dora Doe <dora@example.net>\nDate: Mon, 1 Jan 2024\n"
                "Subject: Broken kettle\n\nMy kettle is broken."
            ),
            message_id="<fwd@x>",
        ),
        mailbox,
    )

    assert inbound.ticket.requester.email == "dora@example.net"
    assert inbound.threading["forwarded_by"] == agent.email
    assert "My kettle is broken." in inbound.message.body_text


def test_an_unreadable_message_becomes_a_flagged_ticket_with_the_raw_file(mailbox):
    raw = b"\x00\xff garbage without headers \xfe"

    inbound = receive(raw, mailbox)

    assert inbound.state == InboundState.FLAGGED
    assert inbound.ticket.requester.email == "unknown-sender@caredesk.invalid"
    assert list(inbound.ticket.tags.values_list("name", flat=True)) == ["email-flagged"]
    attachment = inbound.message.attachments.get()
    assert attachment.filename == f"email-{inbound.pk}.eml"
    with attachment.file.open("rb") as stored_file:
        assert stored_file.read() == raw


def test_an_executable_attachment_is_refused_but_the_message_kept(mailbox):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "customer@example.com"
    message["Subject"] = "Invoice"
    message["Message-ID"] = "<exe@x>"
    message.set_content("See attached")
    message.add_attachment(
        b"MZ\x90\x00", maintype="application", subtype="octet-stream", filename="invoice.exe"
    )

    inbound = receive(message.as_bytes(), mailbox)

    assert inbound.state == InboundState.FLAGGED
    assert any(problem.startswith("attachment refused") for problem in inbound.problems)
    assert [a.filename for a in inbound.message.attachments.all()] == [f"email-{inbound.pk}.eml"]


def test_an_auto_reply_without_a_thread_is_ignored_and_never_answered(mailbox, smtp_sink):
    inbound = receive(make_email(Auto_Submitted="auto-replied", subject="Out of office"), mailbox)

    assert inbound.state == InboundState.IGNORED
    assert Ticket.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_an_auto_reply_on_a_thread_is_an_internal_note(mailbox):
    first = receive(make_email(), mailbox)

    auto = receive(
        make_email(
            subject="Automatic reply: order",
            message_id="<ooo@x>",
            In_Reply_To="<first@mail.example.com>",
            X_Autoreply="yes",
        ),
        mailbox,
    )

    assert auto.ticket == first.ticket
    assert (auto.message.is_public, auto.message.author_kind) == (False, "system")


def test_mail_from_our_own_mailbox_is_a_loop_and_ignored(mailbox):
    inbound = receive(make_email(sender="support@caredesk.test"), mailbox)

    assert inbound.state == InboundState.IGNORED
    assert "mail loop" in inbound.problems


def test_a_bounce_marks_the_outbound_email_failed_and_tells_the_agent(mailbox, agent):
    ticket = receive(make_email(), mailbox).ticket
    reply = add_message(ticket, actor=Actor.of_user(agent), body="It ships today.", channel="email")
    outbound = OutboundEmail.objects.get(message=reply)
    dsn = (
        "From: MAILER-DAEMON@mx.example.com\r\nTo: support@caredesk.test\r\n"
        "Subject: Undelivered Mail\r\nMessage-ID: <dsn@mx>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nMailbox full.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.2.2\r\n\r\n"
        "--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: <{outbound.header_message_id}>\r\n\r\n--b--\r\n"
    ).encode()

    bounce = receive(dsn, mailbox)

    outbound.refresh_from_db()
    assert bounce.threading["matched"] == "bounce"
    assert outbound.state == "failed"
    assert outbound.last_error.startswith("bounced: Mailbox full.")
    assert Notification.objects.filter(user=agent, subject__contains="not delivered").count() == 1


def test_a_crash_between_storing_and_processing_loses_and_duplicates_nothing(mailbox):
    # The worker stored the raw message, then died before processing it.
    stored = store_raw(make_email(), source="imap", mailbox=mailbox)

    with clock.pinned(clock.now() + timedelta(minutes=5)):
        first_sweep = process_pending()
        second_sweep = process_pending()
    process_inbound(stored.pk)

    stored.refresh_from_db()
    assert (first_sweep, second_sweep) == (1, 0)
    assert stored.state == InboundState.PROCESSED
    assert Ticket.objects.count() == 1
    assert Message.objects.filter(external_id="first@mail.example.com").count() == 1
