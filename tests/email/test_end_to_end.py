"""Real servers on loopback: mail in by SMTP and IMAP becomes threaded tickets; replies go out.

The test database lives inside the test's transaction, which other threads cannot see. So the SMTP
receiver's database work (the real ``_accept``: store raw, then enqueue) is handed to the test's
own thread, while the SMTP conversation itself runs for real on loopback.
"""

import queue
import smtplib
import threading
from concurrent.futures import Future
from email import message_from_bytes, policy

import pytest

from caredesk.channels.email.models import InboundEmail, MailboxConnection, OutboundEmail
from caredesk.channels.email.services import imap, smtpd
from caredesk.channels.email.services.smtpd import make_controller
from caredesk.channels.email.tests.fixtures import free_port, make_email
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message


def send_by_smtp(port: int, messages: list[bytes]) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        for raw in messages:
            client.sendmail("customer@example.com", ["support@caredesk.test"], raw)


@pytest.mark.django_db
def test_smtp_receiver_threads_mail_and_the_agent_reply_reaches_the_smtp_server(
    mailbox, agent, smtp_sink, tasks_run_inline, monkeypatch, django_capture_on_commit_callbacks
):
    jobs: queue.Queue = queue.Queue()

    def accept_in_test_thread(raw, recipients):
        job: Future = Future()
        jobs.put((job, raw, recipients))
        return job.result(timeout=20)

    monkeypatch.setattr(smtpd, "_accept", accept_in_test_thread)
    port = free_port()
    controller = make_controller(port=port)
    controller.start()
    messages = [
        make_email(),
        make_email(
            subject="Re: My order has not arrived",
            body="Still waiting.",
            message_id="<second@mail.example.com>",
            In_Reply_To="<first@mail.example.com>",
        ),
    ]
    client = threading.Thread(target=send_by_smtp, args=(port, messages))
    try:
        client.start()
        for _ in messages:
            job, raw, recipients = jobs.get(timeout=20)
            with django_capture_on_commit_callbacks(execute=True):
                job.set_result(smtpd.accept(raw, recipients))
        client.join(20)
    finally:
        controller.stop()
    ticket = Ticket.objects.get()
    smtp_sink.received.clear()  # the acknowledgement, if the SLA app sent one

    with django_capture_on_commit_callbacks(execute=True):
        reply = add_message(
            ticket, actor=Actor.of_user(agent), body="It ships today.", channel="email"
        )

    assert [i.threading["matched"] for i in InboundEmail.objects.order_by("pk")] == [
        "new",
        "in-reply-to",
    ]
    assert {i.mailbox for i in InboundEmail.objects.all()} == {mailbox}
    assert ticket.messages.filter(author_kind="customer").count() == 2
    outbound = OutboundEmail.objects.get(message=reply)
    assert (outbound.state, outbound.attempts) == ("sent", 1)
    [envelope] = smtp_sink.received
    sent = message_from_bytes(envelope.original_content, policy=policy.default)
    assert envelope.rcpt_tos == ["customer@example.com"]
    assert sent["Message-ID"] == f"<{outbound.header_message_id}>"
    assert outbound.header_message_id.startswith(f"t{ticket.pk}.m{reply.pk}.")
    assert outbound.header_message_id.endswith("@caredesk.test")
    assert sent["In-Reply-To"] == "<second@mail.example.com>"
    assert "<first@mail.example.com>" in sent["References"]
    assert "<second@mail.example.com>" in sent["References"]
    assert sent["From"] == "Caredesk Support <support@caredesk.test>"
    assert sent["Subject"] == f"Re: [#{ticket.pk}] My order has not arrived"
    assert sent["Reply-To"].startswith("support+t")
    assert sent.get_content().replace("\r\n", "\n").rstrip() == (
        "It ships today.\n\n-- \nThe Support team"
    )


@pytest.mark.django_db
def test_mail_fetched_from_dovecot_becomes_a_threaded_ticket(
    imap_mailbox, dovecot, tasks_run_inline, django_capture_on_commit_callbacks
):
    dovecot.deliver(make_email())
    dovecot.deliver(
        make_email(
            body="Any news?",
            message_id="<second@mail.example.com>",
            References="<first@mail.example.com>",
        )
    )

    with django_capture_on_commit_callbacks(execute=True):
        stored = imap.poll_all()
        again = imap.poll_all()

    connection = MailboxConnection.objects.get()
    ticket = Ticket.objects.get()
    assert (stored, again) == (2, 0)
    assert connection.last_uid == dovecot.highest_uid()
    assert connection.uidvalidity
    assert connection.last_error == ""
    assert [i.threading["matched"] for i in InboundEmail.objects.order_by("pk")] == [
        "new",
        "references",
    ]
    assert ticket.team == imap_mailbox.team
    assert ticket.messages.filter(author_kind="customer").count() == 2


@pytest.mark.django_db
def test_a_crash_after_storing_but_before_advancing_refetches_without_duplicating(
    imap_mailbox, dovecot, tasks_run_inline, django_capture_on_commit_callbacks
):
    dovecot.deliver(make_email())
    with django_capture_on_commit_callbacks(execute=True):
        imap.poll_all()
    # As if the worker died after the message was stored but before last_uid was saved.
    MailboxConnection.objects.update(last_uid=0)

    with django_capture_on_commit_callbacks(execute=True):
        imap.poll_all()

    assert InboundEmail.objects.count() == 2
    assert sorted(InboundEmail.objects.values_list("state", flat=True)) == [
        "duplicate",
        "processed",
    ]
    assert Ticket.objects.count() == 1


@pytest.mark.django_db
def test_idle_announces_new_mail(imap_mailbox, dovecot):
    client = imap.connect(MailboxConnection.objects.get())
    client.select("INBOX", readonly=True)
    result = {}
    waiting = threading.Thread(
        target=lambda: result.update(new=imap.wait_for_mail(client, timeout=10))
    )

    waiting.start()
    dovecot.deliver(make_email())
    waiting.join(15)

    assert result == {"new": True}
    client.logout()


@pytest.mark.django_db
def test_a_wrong_password_is_recorded_not_raised(imap_mailbox):
    MailboxConnection.objects.update(password="wrong")

    stored = imap.poll_all()

    assert stored == 0
    assert "AUTHENTICATIONFAILED" in MailboxConnection.objects.get().last_error
