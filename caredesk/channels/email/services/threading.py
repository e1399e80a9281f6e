"""Which ticket an inbound email belongs to, and why.

Tried in order: In-Reply-To, References (newest first), the reply token caredesk puts in its
Reply-To address, and the ``[#123]`` reference in the subject. Header and token matches hold for
any participant of the thread; a subject reference is honoured only for the ticket's requester,
because anyone can type a number into a subject.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings

from caredesk.channels.email.models import OutboundEmail
from caredesk.channels.email.parsing import ParsedEmail
from caredesk.customers.models import Customer
from caredesk.tickets.choices import Channel
from caredesk.tickets.models import Message, Ticket

SUBJECT_REFERENCE = re.compile(r"\[#(\d{1,12})\]")
# "support+t42-0123456789@…" in an address, or "[ref:t42-0123456789]" in a body.
TOKEN = re.compile(r"(?:\+|\[ref:)t(\d{1,12})-([0-9a-f]{10})\b")


class Matched:
    IN_REPLY_TO = "in-reply-to"
    REFERENCES = "references"
    TOKEN = "token"  # noqa: S105 - the name of a match, not a secret
    SUBJECT_REFERENCE = "subject-ref"
    NEW = "new"


@dataclass(frozen=True)
class Thread:
    ticket: Ticket | None
    matched: str
    value: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "matched": self.matched,
            "value": self.value,
            "ticket_id": self.ticket.pk if self.ticket else None,
        }


def reply_token(ticket_id: int) -> str:
    signature = hmac.new(
        settings.SECRET_KEY.encode(), f"email-reply:{ticket_id}".encode(), hashlib.sha256
    ).hexdigest()[:10]
    return f"t{ticket_id}-{signature}"


def ticket_of_message_id(message_id: str) -> Ticket | None:
    outbound = (
        OutboundEmail.objects.select_related("message__ticket")
        .filter(header_message_id=message_id)
        .first()
    )
    if outbound is not None:
        return outbound.message.ticket
    inbound = (
        Message.objects.select_related("ticket")
        .filter(channel=Channel.EMAIL, external_id=message_id)
        .first()
    )
    return inbound.ticket if inbound is not None else None


def _token_ticket(parsed: ParsedEmail) -> tuple[Ticket | None, str]:
    haystacks = [*parsed.to, *parsed.cc, parsed.text]
    for haystack in haystacks:
        for ticket_id, signature in TOKEN.findall(haystack):
            token = f"t{ticket_id}-{signature}"
            if hmac.compare_digest(token, reply_token(int(ticket_id))):
                ticket = Ticket.objects.filter(pk=int(ticket_id)).first()
                if ticket is not None:
                    return ticket, token
    return None, ""


def find_thread(parsed: ParsedEmail, sender: Customer) -> Thread:
    for message_id in parsed.in_reply_to:
        ticket = ticket_of_message_id(message_id)
        if ticket is not None:
            return Thread(ticket, Matched.IN_REPLY_TO, message_id)
    for message_id in reversed(parsed.references):
        ticket = ticket_of_message_id(message_id)
        if ticket is not None:
            return Thread(ticket, Matched.REFERENCES, message_id)
    ticket, token = _token_ticket(parsed)
    if ticket is not None:
        return Thread(ticket, Matched.TOKEN, token)
    for number in SUBJECT_REFERENCE.findall(parsed.subject):
        ticket = Ticket.objects.filter(pk=int(number), requester=sender).first()
        if ticket is not None:
            return Thread(ticket, Matched.SUBJECT_REFERENCE, f"[#{number}]")
    return Thread(None, Matched.NEW)
