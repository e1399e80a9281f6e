"""Inbound email: store the raw bytes first, then turn them into a ticket message.

``store_raw`` commits the raw message before anything parses it, so a crash, a bug or a bad
message never loses mail. ``process_inbound`` takes a stored row under its lock and does all the
ticket work in one transaction; it is idempotent, so a redelivered task or a sweep after a crash
processes each row exactly once. What cannot be read becomes a flagged ticket with the raw file
attached; auto-replies, bounces and loops are recognised and never answered.
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import timedelta
from email import message_from_bytes, policy
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.db import transaction

from caredesk.accounts import policy as access
from caredesk.accounts.models import Team, User
from caredesk.channels.email.models import InboundEmail, InboundState, Mailbox, OutboundEmail
from caredesk.channels.email.parsing import ParsedEmail, parse_email
from caredesk.channels.email.services.outbound import mark_failed
from caredesk.channels.email.services.quoting import fold_html, fold_quotes
from caredesk.channels.email.services.threading import Thread, find_thread
from caredesk.core import clock
from caredesk.core.errors import ValidationFailed
from caredesk.customers.models import Customer
from caredesk.customers.services.customers import resolve_customer_by_email
from caredesk.tickets.actors import Actor
from caredesk.tickets.attachments import IncomingFile, check_file
from caredesk.tickets.choices import Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.open_ticket import MAX_SUBJECT_LENGTH, open_ticket

logger = logging.getLogger(__name__)

# Mail with no usable sender still becomes a ticket; it is filed under this address.
UNKNOWN_SENDER = "unknown-sender@caredesk.invalid"
LOOP_HEADER = "X-Caredesk-Loop"
FLAGGED_TAG = "email-flagged"
FORWARDED_FROM = re.compile(
    r"(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:)[\s\S]{0,400}?^\s*\*?From:\*?\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
# Problems that mean the message could not really be read, as opposed to harmless defects.
SERIOUS_PROBLEMS = ("unparseable", "body unreadable", "part undecodable", "attachment undecodable")


class EventKind:
    THREADED = "email.threaded"
    FLAGGED = "email.flagged"
    AUTO_REPLY = "email.auto_reply"


def _header_values(raw: bytes) -> tuple[str, str]:
    """Message-ID and the loop header, read cheaply and never raising."""
    try:
        headers = message_from_bytes(raw[:65536], policy=policy.compat32)
        message_id = re.findall(r"<([^<>\s]+)>", str(headers.get("Message-ID") or ""))
        first = without_nul(message_id[0])[:255] if message_id else ""
        return first, str(headers.get(LOOP_HEADER) or "")
    except Exception:  # noqa: BLE001 - storing must not depend on the message being readable
        return "", ""


def without_nul(text: str) -> str:
    # PostgreSQL text and jsonb cannot hold NUL; mail can. The raw bytes keep it.
    return text.replace("\x00", "")


def read_email(raw: bytes) -> ParsedEmail:
    parsed = parse_email(raw)
    for name in ("message_id", "subject", "from_address", "from_name", "reply_to", "text", "html"):
        setattr(parsed, name, without_nul(getattr(parsed, name)))
    for name in ("in_reply_to", "references", "to", "cc", "problems", "bounced_message_ids"):
        setattr(parsed, name, [without_nul(value) for value in getattr(parsed, name)])
    parsed.attachments = [
        replace(
            attachment,
            filename=without_nul(attachment.filename),
            content_type=without_nul(attachment.content_type),
            content_id=without_nul(attachment.content_id),
        )
        for attachment in parsed.attachments
    ]
    return parsed


def store_raw(raw: bytes, *, source: str, mailbox: Mailbox | None = None) -> InboundEmail:
    """Commit the raw message before anything else reads it. Call outside a transaction."""
    message_id, _ = _header_values(raw)
    with transaction.atomic():
        return InboundEmail.objects.create(
            raw=raw,
            sha256=hashlib.sha256(raw).hexdigest(),
            header_message_id=message_id,
            source=source,
            mailbox=mailbox,
            received_at=clock.now(),
        )


def mailbox_for_recipients(recipients: list[str]) -> Mailbox | None:
    """The mailbox an envelope or header recipient names, plus-addressing included."""
    candidates = []
    for recipient in recipients:
        address = parseaddr(recipient)[1].lower()
        local, _, domain = address.partition("@")
        candidates += [address, f"{local.split('+')[0]}@{domain}"]
    by_address = {
        mailbox.address.lower(): mailbox
        for mailbox in Mailbox.objects.filter(address__in=candidates, is_active=True)
    }
    return next((by_address[c] for c in candidates if c in by_address), None)


@dataclass
class Outcome:
    state: str = InboundState.PROCESSED
    ticket: Ticket | None = None
    message: Message | None = None
    threading: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    folded_text: str = ""


def process_inbound(inbound_id: int) -> InboundEmail:
    """Turn a stored message into a ticket message, once. Safe to call any number of times."""
    try:
        with transaction.atomic():
            inbound = InboundEmail.objects.select_for_update().get(pk=inbound_id)
            if inbound.state != InboundState.RECEIVED:
                return inbound
            outcome = _process(inbound)
            _finish(inbound, outcome)
            return inbound
    except Exception as error:
        # A bug must not lose the message either: keep it flagged on a ticket of its own.
        logger.exception("email_processing_failed", extra={"inbound_id": inbound_id})
        with transaction.atomic():
            inbound = InboundEmail.objects.select_for_update().get(pk=inbound_id)
            if inbound.state != InboundState.RECEIVED:
                return inbound
            problems = [f"processing failed: {type(error).__name__}: {error}"]
            outcome = _flagged_ticket(inbound, read_email(bytes(inbound.raw)), problems)
            _finish(inbound, outcome)
            return inbound


def process_pending(*, older_than: timedelta | None = None, limit: int = 200) -> int:
    """Process rows stored but never processed (a worker died, a task was lost).

    Rows younger than ``older_than`` (``EMAIL_STALLED_AFTER_SECONDS``) are left to their own
    task; processing them here too would only cost a second look, never a duplicate.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.EMAIL_STALLED_AFTER_SECONDS)
    ids = list(
        InboundEmail.objects.filter(
            state=InboundState.RECEIVED, received_at__lte=clock.now() - older_than
        )
        .order_by("received_at")
        .values_list("pk", flat=True)[:limit]
    )
    for inbound_id in ids:
        process_inbound(inbound_id)
    return len(ids)


def _finish(inbound: InboundEmail, outcome: Outcome) -> None:
    inbound.state = outcome.state
    inbound.ticket = outcome.ticket
    inbound.message = outcome.message
    inbound.threading = outcome.threading
    inbound.problems = outcome.problems
    inbound.folded_text = outcome.folded_text
    inbound.processed_at = clock.now()
    inbound.save(
        update_fields=[
            "state",
            "ticket",
            "message",
            "threading",
            "problems",
            "folded_text",
            "processed_at",
        ]
    )


def external_id_of(inbound: InboundEmail) -> str:
    return inbound.header_message_id or f"sha256:{inbound.sha256}"


def _earlier_delivery(inbound: InboundEmail) -> InboundEmail | None:
    earlier = InboundEmail.objects.exclude(pk=inbound.pk).exclude(state=InboundState.RECEIVED)
    if inbound.header_message_id:
        earlier = earlier.filter(header_message_id=inbound.header_message_id)
    else:
        earlier = earlier.filter(header_message_id="", sha256=inbound.sha256)
    return earlier.order_by("pk").first()


def _process(inbound: InboundEmail) -> Outcome:
    raw = bytes(inbound.raw)
    earlier = _earlier_delivery(inbound)
    if earlier is not None:
        return Outcome(
            state=InboundState.DUPLICATE,
            ticket=earlier.ticket,
            message=earlier.message,
            threading={
                "matched": "duplicate",
                "value": inbound.header_message_id,
                "of": earlier.pk,
            },
        )
    parsed = read_email(raw)
    problems = list(parsed.problems)
    if _is_loop(raw, parsed):
        return Outcome(state=InboundState.IGNORED, problems=[*problems, "mail loop"])
    if parsed.is_bounce:
        return _bounce(parsed, problems)
    address = _sender_address(parsed)
    if not address or any(problem.startswith(SERIOUS_PROBLEMS) for problem in problems):
        return _flagged_ticket(inbound, parsed, problems or ["no sender address"])
    if parsed.is_auto_reply:
        sender = resolve_customer_by_email(address, name=parsed.from_name)
        return _auto_reply(inbound, parsed, sender, problems)
    author, forwarded_by = _author(parsed, address)
    thread = find_thread(parsed, author)
    try:
        with transaction.atomic():
            return _deliver(inbound, parsed, author, thread, problems, forwarded_by)
    except ValidationFailed as error:
        return _flagged_ticket(inbound, parsed, [*problems, f"{error.field}: {error}"])


def _is_loop(raw: bytes, parsed: ParsedEmail) -> bool:
    _, loop = _header_values(raw)
    if loop:
        return True
    return Mailbox.objects.filter(address=parsed.from_address).exists()


def _sender_address(parsed: ParsedEmail) -> str:
    for address in (parsed.from_address, parsed.reply_to):
        local, at, domain = address.partition("@")
        if local and at and "." in domain and " " not in address:
            return address
    return ""


def _author(parsed: ParsedEmail, address: str) -> tuple[Customer, User | None]:
    """Who wrote it: the sender, or the customer whose mail a team member forwarded."""
    staff = User.objects.filter(email__iexact=address, is_active=True).first()
    match = FORWARDED_FROM.search(parsed.text)
    if staff is not None and access.is_staff(staff) and match is not None:
        name, original = parseaddr(match.group(1))
        if "@" in original:
            return resolve_customer_by_email(original.lower(), name=name), staff
    return resolve_customer_by_email(address, name=parsed.from_name), None


def _files(parsed: ParsedEmail, problems: list[str]) -> list[IncomingFile]:
    files = []
    for attachment in parsed.attachments:
        incoming = IncomingFile(
            filename=attachment.filename,
            content=attachment.content,
            content_type=attachment.content_type,
        )
        try:
            check_file(incoming)
        except ValidationFailed as error:
            problems.append(f"attachment refused: {error}")
            continue
        files.append(incoming)
    return files


def _raw_files(inbound: InboundEmail, problems: list[str]) -> list[IncomingFile]:
    """The raw message as an attachment, when the attachment rules allow it (size, content)."""
    raw_file = IncomingFile(
        filename=f"email-{inbound.pk}.eml",
        content=bytes(inbound.raw),
        content_type="message/rfc822",
    )
    try:
        check_file(raw_file)
    except ValidationFailed as error:
        problems.append(f"raw message not attached ({error}); it is kept on inbound {inbound.pk}")
        return []
    return [raw_file]


def _team(inbound: InboundEmail) -> Team | None:
    return inbound.mailbox.team if inbound.mailbox is not None else None


def _subject(parsed: ParsedEmail) -> str:
    return " ".join(parsed.subject.split())[:MAX_SUBJECT_LENGTH]


def _deliver(
    inbound: InboundEmail,
    parsed: ParsedEmail,
    requester: Customer,
    thread: Thread,
    problems: list[str],
    forwarded_by: User | None,
) -> Outcome:
    files = _files(parsed, problems)
    refused = any(problem.startswith("attachment refused") for problem in problems)
    if refused:
        files += _raw_files(inbound, problems)
    folded = fold_quotes(parsed.text)
    body = folded.visible or parsed.text.strip() or "(no text)"
    html = fold_html(parsed.html) if parsed.html and folded.folded else parsed.html
    external_id = external_id_of(inbound)
    actor = Actor.of_customer(requester)
    if thread.ticket is not None:
        message = add_message(
            thread.ticket,
            actor=actor,
            body=body,
            body_html=html,
            channel=Channel.EMAIL,
            attachments=files,
            external_id=external_id,
        )
        ticket = message.ticket
    else:
        ticket = open_ticket(
            requester=requester,
            actor=actor,
            subject=_subject(parsed),
            body=body,
            body_html=html,
            channel=Channel.EMAIL,
            team=_team(inbound),
            attachments=files,
            external_id=external_id,
            tags=[FLAGGED_TAG] if refused else [],
        )
        message = ticket.messages.get(channel=Channel.EMAIL, external_id=external_id[:255])
    threading = thread.as_json()
    if forwarded_by is not None:
        threading["forwarded_by"] = forwarded_by.email
    if ticket.pk != threading["ticket_id"] and thread.ticket is not None:
        threading["follow_up_of"] = threading["ticket_id"]
    threading["ticket_id"] = ticket.pk
    record_event(
        ticket,
        EventKind.THREADED,
        actor=Actor.system(),
        channel=Channel.EMAIL,
        data={**threading, "inbound_id": inbound.pk, "message_id": message.pk},
    )
    if refused:
        record_event(
            ticket,
            EventKind.FLAGGED,
            actor=Actor.system(),
            channel=Channel.EMAIL,
            data={"inbound_id": inbound.pk, "problems": problems},
        )
    return Outcome(
        state=InboundState.FLAGGED if refused else InboundState.PROCESSED,
        ticket=ticket,
        message=message,
        threading=threading,
        problems=problems,
        folded_text=folded.folded,
    )


def _flagged_ticket(inbound: InboundEmail, parsed: ParsedEmail, problems: list[str]) -> Outcome:
    """A message that could not be read: a ticket flagged for a person, with the raw file."""
    address = _sender_address(parsed) or UNKNOWN_SENDER
    try:
        requester = resolve_customer_by_email(address, name=parsed.from_name)
    except ValidationFailed:
        requester = resolve_customer_by_email(UNKNOWN_SENDER)
    summary = "\n".join(f"- {problem}" for problem in problems[:20])
    body = (
        "caredesk could not read this email completely; the original is attached.\n\n"
        f"Problems:\n{summary}\n\n{parsed.text.strip()[:100_000]}"
    )
    problems = list(problems)
    files = _raw_files(inbound, problems)
    ticket = open_ticket(
        requester=requester,
        actor=Actor.of_customer(requester),
        subject=_subject(parsed) or "(unreadable email)",
        body=body,
        channel=Channel.EMAIL,
        team=_team(inbound),
        attachments=files,
        external_id=external_id_of(inbound),
        tags=[FLAGGED_TAG],
    )
    message = ticket.messages.order_by("pk").first()
    record_event(
        ticket,
        EventKind.FLAGGED,
        actor=Actor.system(),
        channel=Channel.EMAIL,
        data={"inbound_id": inbound.pk, "problems": problems},
    )
    return Outcome(
        state=InboundState.FLAGGED,
        ticket=ticket,
        message=message,
        threading={"matched": "new", "value": "", "ticket_id": ticket.pk},
        problems=problems,
    )


def _auto_reply(
    inbound: InboundEmail, parsed: ParsedEmail, sender: Customer, problems: list[str]
) -> Outcome:
    """An out-of-office or other automatic mail: noted on its ticket, never answered."""
    thread = find_thread(parsed, sender)
    problems = [*problems, "auto-reply"]
    if thread.ticket is None:
        return Outcome(state=InboundState.IGNORED, problems=problems, threading=thread.as_json())
    if thread.ticket.is_closed:
        return Outcome(state=InboundState.IGNORED, problems=problems, threading=thread.as_json())
    message = add_message(
        thread.ticket,
        actor=Actor.system(),
        body=f"Automatic reply from {parsed.from_address}:\n\n{parsed.text.strip() or '(empty)'}",
        is_public=False,
        channel=Channel.EMAIL,
        external_id=external_id_of(inbound),
    )
    record_event(
        message.ticket,
        EventKind.AUTO_REPLY,
        actor=Actor.system(),
        channel=Channel.EMAIL,
        data={**thread.as_json(), "inbound_id": inbound.pk, "message_id": message.pk},
    )
    return Outcome(
        ticket=message.ticket, message=message, threading=thread.as_json(), problems=problems
    )


def _bounce(parsed: ParsedEmail, problems: list[str]) -> Outcome:
    outbound = (
        OutboundEmail.objects.select_related("message__ticket")
        .filter(header_message_id__in=parsed.bounced_message_ids)
        .first()
    )
    problems = [*problems, "bounce"]
    if outbound is None:
        return Outcome(state=InboundState.IGNORED, problems=problems)
    reason = " ".join(parsed.text.split())[:500] or "The receiving server returned the email."
    mark_failed(outbound, reason=f"bounced: {reason}")
    ticket = outbound.message.ticket
    return Outcome(
        ticket=ticket,
        threading={
            "matched": "bounce",
            "value": outbound.header_message_id,
            "ticket_id": ticket.pk,
        },
        problems=problems,
    )
