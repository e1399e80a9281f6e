"""Replies by email: queued with the message, sent by a task, retried with backoff.

An ``OutboundEmail`` row is written in the transaction that adds the reply, so a reply and its
delivery record commit together; the send happens after the commit in ``send_outbound``. A
server that fails temporarily is retried (1, 5, 25, 125 minutes…); a permanent refusal, running
out of attempts or a bounce marks the email failed and tells the agent who wrote the reply.
"""

import logging
import smtplib
from datetime import timedelta

from anymail.message import AnymailMessage
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils.crypto import get_random_string

from caredesk.accounts.models import User
from caredesk.accounts.services.notifications import notify
from caredesk.channels.chat.selectors import is_answered_by_email
from caredesk.channels.email.models import (
    InboundEmail,
    Mailbox,
    OutboundEmail,
    OutboundState,
)
from caredesk.channels.email.services.threading import reply_token
from caredesk.core import clock
from caredesk.core.email_url import parse_email_url
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Message, Ticket

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(minutes=1)
# If the task enqueued after the commit is lost, the periodic sweep sends the email after this.
SWEEP_GRACE = timedelta(minutes=2)
MAX_REFERENCES = 20
LOOP_HEADER = "X-Caredesk-Loop"
# Set on every outgoing email (anymail's ``metadata``); providers echo it in delivery reports.
METADATA_KEY = "caredesk_outbound"


class EventKind:
    SENT = "email.sent"
    FAILED = "email.failed"


def retry_delay(attempts: int) -> timedelta:
    return FIRST_RETRY * (5 ** max(attempts - 1, 0))


def mailbox_for(ticket: Ticket) -> Mailbox | None:
    """The mailbox the customer last wrote to, else one of the ticket team's mailboxes."""
    inbound = (
        InboundEmail.objects.filter(ticket=ticket, mailbox__is_active=True)
        .select_related("mailbox")
        .order_by("-received_at", "-pk")
        .first()
    )
    if inbound is not None and inbound.mailbox is not None:
        return inbound.mailbox
    if ticket.team_id is None:
        return None
    return Mailbox.objects.filter(team_id=ticket.team_id, is_active=True).order_by("pk").first()


def _domain(mailbox: Mailbox | None) -> str:
    return mailbox.domain if mailbox else settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]


def _thread_ids(ticket: Ticket) -> list[str]:
    """Message-IDs of the ticket's email conversation, oldest first."""
    ids: list[tuple[object, str]] = [
        (created_at, external_id)
        for created_at, external_id in Message.objects.filter(
            ticket=ticket, channel=Channel.EMAIL, author_kind=AuthorKind.CUSTOMER
        )
        .exclude(external_id="")
        .exclude(external_id__startswith="sha256:")
        .values_list("created_at", "external_id")
    ]
    ids += [
        (created_at, message_id)
        for created_at, message_id in OutboundEmail.objects.filter(
            message__ticket=ticket
        ).values_list("created_at", "header_message_id")
    ]
    return [message_id for _, message_id in sorted(ids, key=lambda pair: str(pair[0]))]


def should_email(message: Message) -> bool:
    """Public team messages on email tickets, and on chats converted to email, go by email."""
    ticket = message.ticket
    address = ticket.requester.email or ""
    return (
        message.is_public
        and message.author_kind in (AuthorKind.AGENT, AuthorKind.SYSTEM)
        and "@" in address
        and not address.endswith(".invalid")
        and (
            ticket.channel == Channel.EMAIL
            or (ticket.channel == Channel.CHAT and is_answered_by_email(ticket.pk))
        )
    )


def queue_reply(message: Message) -> OutboundEmail:
    """Record the email for a public reply. Trusted: inside the reply's transaction."""
    ticket = message.ticket
    mailbox = mailbox_for(ticket)
    thread = _thread_ids(ticket)[-MAX_REFERENCES:]
    now = clock.now()
    outbound = OutboundEmail.objects.create(
        message=message,
        mailbox=mailbox,
        header_message_id=f"t{ticket.pk}.m{message.pk}.{get_random_string(10).lower()}@{_domain(mailbox)}",
        to=[ticket.requester.email],
        in_reply_to=thread[-1] if thread else "",
        references=" ".join(f"<{message_id}>" for message_id in thread),
        next_attempt_at=now + SWEEP_GRACE,
        created_at=now,
    )
    from caredesk.channels.email.tasks import send_outbound_task

    transaction.on_commit(lambda: send_outbound_task.enqueue(outbound.pk))
    return outbound


def connection_for(mailbox: Mailbox | None) -> BaseEmailBackend:
    """The mailbox's own transport if it has one, else the site's (``EMAIL_URL``)."""
    if mailbox is not None and mailbox.outbound_url:
        transport = parse_email_url(mailbox.outbound_url)
        return get_connection(transport.backend, fail_silently=False, **transport.options)
    return get_connection(fail_silently=False)


def build_email(outbound: OutboundEmail) -> EmailMultiAlternatives:
    message = outbound.message
    ticket = message.ticket
    mailbox = outbound.mailbox
    address = mailbox.address if mailbox else settings.DEFAULT_FROM_EMAIL
    from_name = (mailbox.from_name or mailbox.name) if mailbox else ""
    local, _, domain = address.partition("@")
    subject = f"[#{ticket.pk}] {ticket.subject}"
    if outbound.in_reply_to:
        subject = f"Re: {subject}"
    body = message.body_text
    signature = mailbox.signature.strip() if mailbox else ""
    if signature:
        body = f"{body}\n\n-- \n{signature}"
    headers = {
        "Message-ID": f"<{outbound.header_message_id}>",
        "Reply-To": f"{local}+{reply_token(ticket.pk)}@{domain}",
        LOOP_HEADER: _domain(mailbox),
    }
    if outbound.in_reply_to:
        headers["In-Reply-To"] = f"<{outbound.in_reply_to}>"
        headers["References"] = outbound.references
    if message.author_kind == AuthorKind.SYSTEM:
        # RFC 3834: automatic mail, so the customer's autoresponder does not answer it.
        headers["Auto-Submitted"] = "auto-generated"
    email = AnymailMessage(
        subject=subject,
        body=body,
        from_email=f"{from_name} <{address}>" if from_name else address,
        to=list(outbound.to),
        headers=headers,
        connection=connection_for(mailbox),
        metadata={METADATA_KEY: str(outbound.pk)},  # SMTP ignores it
    )
    if message.body_html:
        signature_html = f"<p>-- <br>{signature}</p>" if signature else ""
        email.attach_alternative(message.body_html + signature_html, "text/html")
    return email


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def send_outbound(outbound_id: int) -> OutboundEmail:
    """Send one queued email if it is due. Idempotent: a sent or failed email is left alone."""
    with transaction.atomic():
        outbound = (
            OutboundEmail.objects.select_for_update(of=("self",))
            .select_related("message__ticket", "mailbox")
            .get(pk=outbound_id)
        )
        now = clock.now()
        if outbound.state != OutboundState.QUEUED:
            return outbound
        if outbound.attempts and outbound.next_attempt_at and outbound.next_attempt_at > now:
            return outbound
        outbound.attempts += 1
        try:
            build_email(outbound).send()
        except Exception as error:  # noqa: BLE001 - any backend failure is a failed attempt
            reason = f"{type(error).__name__}: {error}"[:2000]
            if _is_permanent(error) or outbound.attempts >= MAX_ATTEMPTS:
                _fail(outbound, reason=reason)
            else:
                outbound.last_error = reason
                outbound.next_attempt_at = now + retry_delay(outbound.attempts)
                outbound.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            return outbound
        outbound.state = OutboundState.SENT
        outbound.sent_at = now
        outbound.last_error = ""
        outbound.next_attempt_at = None
        outbound.save(
            update_fields=["state", "attempts", "sent_at", "last_error", "next_attempt_at"]
        )
        record_event(
            outbound.message.ticket,
            EventKind.SENT,
            actor=Actor.system(),
            channel=Channel.EMAIL,
            data={"message_id": outbound.header_message_id, "to": outbound.to},
        )
        return outbound


def send_due(*, limit: int = 200) -> int:
    """Send queued emails whose retry time has come (or whose first task was lost)."""
    ids = list(
        OutboundEmail.objects.filter(state=OutboundState.QUEUED, next_attempt_at__lte=clock.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for outbound_id in ids:
        send_outbound(outbound_id)
    return len(ids)


def mark_failed(outbound: OutboundEmail, *, reason: str) -> None:
    """A bounce arrived for a sent email. Trusted: inside the caller's transaction."""
    outbound = OutboundEmail.objects.select_for_update().get(pk=outbound.pk)
    if outbound.state == OutboundState.FAILED:
        return
    _fail(outbound, reason=reason)


def _fail(outbound: OutboundEmail, *, reason: str) -> None:
    outbound.state = OutboundState.FAILED
    outbound.last_error = reason
    outbound.next_attempt_at = None
    outbound.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])
    message = outbound.message
    ticket = message.ticket
    record_event(
        ticket,
        EventKind.FAILED,
        actor=Actor.system(),
        channel=Channel.EMAIL,
        data={"message_id": outbound.header_message_id, "to": outbound.to, "reason": reason},
    )
    agents = [user for user in (message.author_user, ticket.assignee) if isinstance(user, User)]
    notify(
        agents[:1],
        subject=f"Your email on #{ticket.pk} was not delivered",
        body=f"To {', '.join(outbound.to)}: {reason}",
        url=f"/workspace/tickets/{ticket.pk}/",
    )
