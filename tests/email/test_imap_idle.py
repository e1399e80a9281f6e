"""IMAP IDLE against the real dovecot: mail appended while the watcher waits is fetched at once.

The watcher runs in the test's thread (it needs the test's database transaction); dovecot is
driven from a second thread that waits for the watcher to wait, appends a message, and stops the
watcher once it waits again, i.e. once it has fetched. With IDLE, polling is set to an hour and
IDLE to ten minutes, so only the server's announcement can have woken it.
"""

import threading

import pytest

from caredesk.channels.email.models import InboundEmail, MailboxConnection
from caredesk.channels.email.services import imap, imap_idle
from caredesk.channels.email.tests.fixtures import make_email

HOUR = 3600.0
TIMEOUT = 20


def watch_while_delivering(dovecot, message_id: str, **timing: float) -> dict[str, bool]:
    """Run the watcher until it has fetched one message appended while it waited."""
    stop, waiting = threading.Event(), threading.Event()
    progress = {}

    def drive_dovecot() -> None:
        try:
            progress["first wait"] = waiting.wait(TIMEOUT)
            waiting.clear()
            dovecot.deliver(make_email(message_id=f"<{message_id}>"))
            progress["wait after fetching"] = waiting.wait(TIMEOUT)
        finally:
            stop.set()

    driver = threading.Thread(target=drive_dovecot)
    driver.start()
    imap_idle.watch(MailboxConnection.objects.get().pk, stop, idling=waiting, **timing)
    driver.join(TIMEOUT)
    return progress


@pytest.mark.django_db
def test_mail_appended_while_idling_is_fetched_at_once(imap_mailbox, dovecot):
    dovecot.deliver(make_email(message_id="<before@mail.example.com>"))

    progress = watch_while_delivering(
        dovecot, "while-idle@mail.example.com", poll_seconds=HOUR, idle_seconds=HOUR / 6
    )

    connection = MailboxConnection.objects.get()
    assert progress == {"first wait": True, "wait after fetching": True}
    assert list(
        InboundEmail.objects.order_by("pk").values_list("header_message_id", flat=True)
    ) == [
        "before@mail.example.com",
        "while-idle@mail.example.com",
    ]
    assert connection.last_uid == dovecot.highest_uid()
    assert connection.last_error == ""


@pytest.mark.django_db
def test_a_server_without_idle_is_polled_on_the_same_connection(imap_mailbox, dovecot, monkeypatch):
    def connect_without_idle(connection):
        client = imap.connect(connection)
        client.capabilities = tuple(name for name in client.capabilities if name != "IDLE")
        return client

    monkeypatch.setattr(imap_idle, "connect", connect_without_idle)

    progress = watch_while_delivering(
        dovecot, "polled@mail.example.com", poll_seconds=0.2, idle_seconds=HOUR
    )

    assert progress == {"first wait": True, "wait after fetching": True}
    assert list(InboundEmail.objects.values_list("header_message_id", flat=True)) == [
        "polled@mail.example.com"
    ]


@pytest.mark.django_db
def test_a_poll_beside_the_watcher_stores_nothing_twice(imap_mailbox, dovecot):
    dovecot.deliver(make_email())
    connection = MailboxConnection.objects.get()
    stale = MailboxConnection.objects.get()

    imap.poll(connection)
    stale_client = imap.connect(stale)
    try:
        again = imap.fetch_new(stale, stale_client)
    finally:
        stale_client.logout()

    assert again == 0
    assert InboundEmail.objects.count() == 1
