"""Mail the moment it arrives: one long-lived IMAP connection per mailbox, waiting in IDLE.

``watch`` keeps a mailbox's connection open, fetches what is new, then waits in IDLE until the
server announces mail (RFC 2177; re-issued every ``IDLE_SECONDS``, before servers drop an idle
client at 30 minutes). A server without IDLE is polled every ``poll_seconds`` on the same
connection. Errors are recorded on the mailbox and the connection is retried after a pause.
Fetching is ``imap.fetch_new``, so the watcher and the periodic poll never store a message twice.
``caredesk imap_idle`` runs one watcher thread per active mailbox.
"""

import contextlib
import imaplib
import logging
import threading

from django.db import close_old_connections
from django.db import connection as database

from caredesk.channels.email.models import MailboxConnection
from caredesk.channels.email.services.imap import connect, fetch_new, wait_for_mail
from caredesk.core import clock

logger = logging.getLogger(__name__)

IDLE_SECONDS = 25 * 60
RETRY_SECONDS = 30.0


def watch(
    connection_id: int,
    stop: threading.Event,
    *,
    poll_seconds: float,
    idle_seconds: float = IDLE_SECONDS,
    idling: threading.Event | None = None,
) -> None:
    """Fetch a mailbox's new mail as it arrives until ``stop`` is set. For a thread.

    ``idling`` is set each time the connection starts waiting (for supervisors and tests).
    """
    while not stop.is_set():
        _drop_stale_database_connection()
        connection = (
            MailboxConnection.objects.filter(pk=connection_id, mailbox__is_active=True)
            .select_related("mailbox")
            .first()
        )
        if connection is None:
            return
        try:
            _watch_connected(connection, stop, poll_seconds, idle_seconds, idling)
        except (imaplib.IMAP4.error, OSError, ValueError) as error:
            logger.warning("imap_idle_failed", extra={"mailbox": connection.mailbox_id})
            MailboxConnection.objects.filter(pk=connection.pk).update(
                last_error=f"{type(error).__name__}: {error}"[:1000], last_polled_at=clock.now()
            )
            stop.wait(RETRY_SECONDS)


def _watch_connected(
    connection: MailboxConnection,
    stop: threading.Event,
    poll_seconds: float,
    idle_seconds: float,
    idling: threading.Event | None,
) -> None:
    client = connect(connection)
    try:
        while not stop.is_set():
            fetch_new(connection, client)
            MailboxConnection.objects.filter(pk=connection.pk).update(
                last_error="", last_polled_at=clock.now()
            )
            if idling is not None:
                idling.set()
            if "IDLE" in client.capabilities:
                wait_for_mail(client, timeout=idle_seconds, stop=stop)
            else:
                stop.wait(poll_seconds)
            _drop_stale_database_connection()
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def _drop_stale_database_connection() -> None:
    # A long-lived thread drops connections the server closed, as Django does around requests;
    # never one inside a caller's transaction (a test's).
    if not database.in_atomic_block:
        close_old_connections()


def active_connection_ids() -> set[int]:
    return set(
        MailboxConnection.objects.filter(mailbox__is_active=True).values_list("pk", flat=True)
    )
