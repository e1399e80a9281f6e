"""IMAP polling: fetch messages newer than the last seen UID, store each raw, then queue it.

Each message is stored and the mailbox's ``last_uid`` advanced in one transaction, so a crash
between two messages neither skips nor refetches one. A changed UIDVALIDITY means the server
renumbered the folder: everything is fetched again and redeliveries are recognised by Message-ID.
The folder is opened read-only, so caredesk never changes the mailbox's flags.
"""

import contextlib
import imaplib
import logging
import re
import select
import ssl
import threading
import time
from functools import partial

from django.db import transaction

from caredesk.channels.email.models import InboundSource, MailboxConnection
from caredesk.channels.email.services.ingest import store_raw
from caredesk.core import clock

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60
BATCH = 100
UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
# While idling, how often the watcher looks whether it was asked to stop.
STOP_CHECK_SECONDS = 1.0


def connect(connection: MailboxConnection) -> imaplib.IMAP4:
    client_class = imaplib.IMAP4_SSL if connection.use_ssl else imaplib.IMAP4
    client = client_class(connection.host, connection.port, timeout=TIMEOUT_SECONDS)
    try:
        client.login(connection.username, connection.secret())
    except (imaplib.IMAP4.error, OSError):
        client.shutdown()
        raise
    return client


def _select(client: imaplib.IMAP4, folder: str) -> int:
    status, _ = client.select(f'"{folder}"', readonly=True)
    if status != "OK":
        raise imaplib.IMAP4.error(f"cannot open folder {folder!r}")
    _, values = client.response("UIDVALIDITY")
    return int(values[0]) if values and values[0] else 0


def fetch_new(connection: MailboxConnection, client: imaplib.IMAP4) -> int:
    """Store messages above ``last_uid`` on an open, authenticated client; return how many."""
    uidvalidity = _select(client, connection.folder)
    # Another fetcher (the poll beside the IDLE watcher) may have moved on since this row was read.
    connection.refresh_from_db(fields=["uidvalidity", "last_uid"])
    if connection.uidvalidity != uidvalidity:
        connection.uidvalidity = uidvalidity
        connection.last_uid = 0
        connection.save(update_fields=["uidvalidity", "last_uid"])
    _, data = client.uid("SEARCH", f"UID {connection.last_uid + 1}:*")
    # "n:*" always matches the highest UID, even below n, so filter again.
    uids = sorted(int(uid) for uid in (data[0] or b"").split() if int(uid) > connection.last_uid)
    from caredesk.channels.email.tasks import enqueue_processing

    stored = 0
    for uid in uids[:BATCH]:
        _, fetched = client.uid("FETCH", str(uid), "(BODY.PEEK[])")
        raw = next((part[1] for part in fetched if isinstance(part, tuple)), None)
        with transaction.atomic():
            # A poll and the IDLE watcher may fetch the same mailbox at once: under the row
            # lock, only the first to get here stores this message.
            locked = MailboxConnection.objects.select_for_update().get(pk=connection.pk)
            if locked.last_uid >= uid:
                connection.last_uid = locked.last_uid
                continue
            if raw is not None:
                inbound = store_raw(raw, source=InboundSource.IMAP, mailbox=connection.mailbox)
                transaction.on_commit(partial(enqueue_processing, inbound.pk))
                stored += 1
            MailboxConnection.objects.filter(pk=connection.pk).update(last_uid=uid)
        connection.last_uid = uid
    return stored


def poll(connection: MailboxConnection) -> int:
    try:
        client = connect(connection)
        try:
            stored = fetch_new(connection, client)
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                client.logout()
    except (imaplib.IMAP4.error, OSError, ValueError) as error:
        logger.warning("imap_poll_failed", extra={"mailbox": connection.mailbox_id})
        MailboxConnection.objects.filter(pk=connection.pk).update(
            last_error=f"{type(error).__name__}: {error}"[:1000], last_polled_at=clock.now()
        )
        return 0
    MailboxConnection.objects.filter(pk=connection.pk).update(
        last_error="", last_polled_at=clock.now()
    )
    return stored


def poll_all() -> int:
    connections = MailboxConnection.objects.filter(mailbox__is_active=True).select_related(
        "mailbox"
    )
    return sum(poll(connection) for connection in connections)


def wait_for_mail(
    client: imaplib.IMAP4, *, timeout: float, stop: threading.Event | None = None
) -> bool:
    """IMAP IDLE (RFC 2177), sent by hand because Python 3.11's imaplib has none.

    Returns True when the server announced new mail, False on timeout, when ``stop`` is set, or
    without IDLE support. The client must have a folder selected. The socket is watched with
    ``select`` rather than a read timeout: a timed-out read leaves imaplib's file unusable.
    """
    if "IDLE" not in client.capabilities:
        return False
    tag = client._new_tag()  # noqa: SLF001 - imaplib has no public way to send a raw command
    client.send(tag + b" IDLE\r\n")
    if not client.readline().startswith(b"+"):
        return False
    sock = client.socket()
    deadline = time.monotonic() + timeout
    arrived = False
    while not arrived and time.monotonic() < deadline and not (stop and stop.is_set()):
        pending = isinstance(sock, ssl.SSLSocket) and sock.pending() > 0
        if pending or select.select([sock], [], [], min(STOP_CHECK_SECONDS, timeout))[0]:
            line = client.readline()
            if not line:
                raise imaplib.IMAP4.abort("the server closed the connection while idling")
            arrived = _announces_mail(line)
    client.send(b"DONE\r\n")
    while True:
        line = client.readline()
        if not line:
            raise imaplib.IMAP4.abort("the server closed the connection after idling")
        if line.startswith(tag):
            return arrived
        arrived = arrived or _announces_mail(line)


def _announces_mail(line: bytes) -> bool:
    return line.startswith(b"*") and line.rstrip().endswith((b"EXISTS", b"RECENT"))
