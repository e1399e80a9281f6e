"""Mailboxes, raw emails and real mail servers on loopback for the email channel's tests."""

import base64
import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from caredesk.channels.email.models import Mailbox, MailboxConnection

WEBHOOK_SECRET = "hook:secret"
# Basic auth as the providers send it to anymail's webhooks (settings.ANYMAIL WEBHOOK_SECRET).
WEBHOOK_AUTH = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(WEBHOOK_SECRET.encode()).decode()}
# One inbound email as Postmark posts it, parsed.
POSTMARK_INBOUND = {
    "FromFull": {"Email": "customer@example.com", "Name": "Cora"},
    "ToFull": [{"Email": "support@caredesk.test", "Name": ""}],
    "Subject": "Help",
    "MessageID": "pm-1",
    "Headers": [{"Name": "Message-ID", "Value": "<pm@mail.example.com>"}],
    "TextBody": "Hello",
    "Date": "Mon, 1 Jan 2024 10:00:00 +0000",
}
DOVECOT_USER = "helpdesk"
DOVECOT_PASSWORD = "loopback-only"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, *, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def make_email(
    *,
    sender: str = "Cora Customer <customer@example.com>",
    to: str = "support@caredesk.test",
    subject: str = "My order has not arrived",
    body: str = "Hello, order 1234 has not arrived yet.",
    message_id: str = "<first@mail.example.com>",
    **headers: str,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


@pytest.fixture
def anymail_webhooks(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": WEBHOOK_SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": "mg-key"}


@pytest.fixture
def mailbox(team):
    return Mailbox.objects.create(
        name="Support",
        address="support@caredesk.test",
        team=team,
        from_name="Caredesk Support",
        signature="The Support team",
    )


@dataclass
class SmtpSink:
    """A loopback SMTP server that keeps what it receives; ``refuse`` makes it answer 4xx/5xx."""

    port: int
    received: list[Any] = field(default_factory=list)
    refuse: str = ""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_sink(settings) -> Iterator[SmtpSink]:
    """A real SMTP server on loopback, with Django's SMTP backend pointed at it."""
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port, decode_data=False)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_TIMEOUT = 5
    try:
        yield sink
    finally:
        controller.stop()


DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
protocols = imap
listen = 127.0.0.1
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid={group} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@dataclass
class Dovecot:
    port: int
    root: Path

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(DOVECOT_USER, DOVECOT_PASSWORD)
        return client

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        client = self.client()
        try:
            status, _ = client.append(folder, None, None, raw)
            assert status == "OK"
        finally:
            client.logout()

    def highest_uid(self) -> int:
        """UIDs keep growing across tests (the server is shared), so tests compare with this."""
        client = self.client()
        try:
            client.select("INBOX", readonly=True)
            _, data = client.uid("SEARCH", "ALL")
            return max((int(uid) for uid in (data[0] or b"").split()), default=0)
        finally:
            client.logout()

    def empty(self) -> None:
        client = self.client()
        try:
            client.select("INBOX")
            client.store("1:*", "+FLAGS", "\\Deleted")
            client.expunge()
        except imaplib.IMAP4.error:
            pass
        finally:
            client.logout()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """Debian's dovecot in the foreground with its own config (``make mailserver`` installs it)."""
    binary = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )
    if binary is None:
        pytest.skip(
            "dovecot is not installed: run `make mailserver` (apt-get install dovecot-imapd)"
        )
    # The mail user is nobody, who must reach the Maildir: not under pytest's 0700 temp folder.
    root = Path(tempfile.mkdtemp(prefix="caredesk-dovecot-"))
    root.chmod(0o755)
    nobody = pwd.getpwnam("nobody")
    (root / "mail").mkdir()
    os.chown(root / "mail", nobody.pw_uid, nobody.pw_gid)
    (root / "passwd").write_text(f"{DOVECOT_USER}:{{PLAIN}}{DOVECOT_PASSWORD}\n")
    port = free_port()
    group = "nogroup"
    (root / "dovecot.conf").write_text(DOVECOT_CONF.format(root=root, port=port, group=group))
    process = subprocess.Popen(  # noqa: S603 - a fixed binary and our own config
        [binary, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
    except RuntimeError:
        process.kill()
        log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
        pytest.fail(f"dovecot did not start: {log}")
    try:
        yield Dovecot(port=port, root=root)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_mailbox(mailbox, dovecot):
    dovecot.empty()
    MailboxConnection.objects.create(
        mailbox=mailbox,
        host="127.0.0.1",
        port=dovecot.port,
        use_ssl=False,
        username=DOVECOT_USER,
        password=DOVECOT_PASSWORD,
    )
    return mailbox
