"""Inbound email, from raw bytes to what a ticket needs. Never raises on bad input.

Parsing uses the stdlib ``email`` package with ``policy.default``; every header read and every
part decode is guarded, because real mail is often malformed (8-bit headers, wrong or missing
charsets, truncated MIME). What cannot be read is reported in ``problems`` and the caller keeps the
raw message, flagged, rather than losing it.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from caredesk.tickets.sanitising import clean_html, html_to_text

MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
# Charsets senders mislabel most: try the label, then these, then replace what is left.
FALLBACK_CHARSETS = ("utf-8", "windows-1252", "iso-8859-1")
AUTO_REPLY_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-response-suppress", "auto-submitted")
BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
DAEMON_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    content_type: str
    content: bytes
    content_id: str = ""
    is_inline: bool = False


@dataclass
class ParsedEmail:
    message_id: str = ""
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    subject: str = ""
    from_address: str = ""
    from_name: str = ""
    reply_to: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    date: datetime | None = None
    text: str = ""
    html: str = ""
    attachments: list[ParsedAttachment] = field(default_factory=list)
    is_auto_reply: bool = False
    is_bounce: bool = False
    bounced_message_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _header(message: Message, name: str, problems: list[str]) -> str:
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError, AttributeError) as error:
        problems.append(f"header {name} unreadable: {error}")
        return ""
    if value is None:
        return ""
    try:
        return " ".join(str(value).split())
    except (ValueError, TypeError, LookupError) as error:
        problems.append(f"header {name} undecodable: {error}")
        return ""


def message_ids(value: str) -> list[str]:
    return MESSAGE_ID.findall(value)


def decode_bytes(payload: bytes, charset: str | None) -> str:
    for candidate in (charset, *FALLBACK_CHARSETS):
        if not candidate:
            continue
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def _part_text(part: Message, problems: list[str]) -> str:
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, TypeError, AssertionError) as error:
        problems.append(f"part undecodable: {error}")
        return ""
    if payload is None:
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    assert isinstance(payload, bytes)
    return decode_bytes(payload, part.get_content_charset())


def _is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").lower()
    return (
        disposition.startswith("attachment")
        or bool(part.get_filename())
        and not disposition.startswith("inline")
    )


def _leaves(message: Message) -> list[Message]:
    """Leaf parts in order; an embedded message (forward, bounce) stays one part, not its insides."""
    if message.get_content_type() == "message/rfc822" or not message.is_multipart():
        return [message]
    leaves: list[Message] = []
    for part in message.get_payload():
        if isinstance(part, Message):
            leaves += _leaves(part)
    return leaves


def _embedded_bytes(part: Message) -> bytes:
    inner = part.get_payload()
    if isinstance(inner, list) and inner and isinstance(inner[0], Message):
        return inner[0].as_bytes(policy=policy.SMTP)
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _walk(message: Message, parsed: ParsedEmail) -> None:
    texts: list[str] = []
    htmls: list[str] = []
    for part in _leaves(message):
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            parsed.is_bounce = True
            continue
        filename = ""
        try:
            filename = part.get_filename() or ""
        except (ValueError, TypeError, LookupError):
            parsed.problems.append("attachment name unreadable")
        if content_type in ("text/plain", "text/html") and not (filename and _is_attachment(part)):
            (texts if content_type == "text/plain" else htmls).append(
                _part_text(part, parsed.problems)
            )
            continue
        try:
            payload = (
                _embedded_bytes(part)
                if content_type == "message/rfc822"
                else part.get_payload(decode=True) or b""
            )
        except (ValueError, TypeError, AssertionError, LookupError) as error:
            parsed.problems.append(f"attachment undecodable: {error}")
            continue
        assert isinstance(payload, bytes)
        if content_type == "message/rfc822" and not filename:
            filename = "forwarded-message.eml"
        content_id = (part.get("Content-ID") or "").strip().strip("<>")
        parsed.attachments.append(
            ParsedAttachment(
                filename=filename or f"part-{len(parsed.attachments) + 1}",
                content_type=content_type,
                content=payload,
                content_id=content_id,
                is_inline=(part.get("Content-Disposition") or "").lower().startswith("inline")
                or bool(content_id),
            )
        )
    parsed.text = "\n\n".join(text for text in texts if text.strip())
    if htmls:
        parsed.html = clean_html("\n".join(htmls))
        if not parsed.text.strip():
            parsed.text = html_to_text(parsed.html)


def _classify(message: Message, parsed: ParsedEmail) -> None:
    problems = parsed.problems
    auto_submitted = _header(message, "Auto-Submitted", problems).lower()
    precedence = _header(message, "Precedence", problems).lower()
    parsed.is_auto_reply = (
        (auto_submitted not in ("", "no"))
        or precedence in BULK_PRECEDENCE
        or any(_header(message, name, problems) for name in AUTO_REPLY_HEADERS[:2])
        or bool(DAEMON_SENDERS.match(parsed.from_address))
    )
    if message.get_content_type() == "multipart/report" or DAEMON_SENDERS.match(
        parsed.from_address
    ):
        report_type = (
            (message.get_param("report-type") or "")
            if message.get_content_type() == "multipart/report"
            else ""
        )
        parsed.is_bounce = (
            parsed.is_bounce
            or report_type == "delivery-status"
            or "mailer-daemon" in parsed.from_address
        )
    if parsed.is_bounce:
        parsed.is_auto_reply = True
        for attachment in parsed.attachments:
            if attachment.content_type in ("message/rfc822", "text/rfc822-headers"):
                original = message_from_bytes(attachment.content, policy=policy.default)
                parsed.bounced_message_ids += message_ids(_header(original, "Message-ID", problems))


def parse_email(raw: bytes) -> ParsedEmail:
    """Everything readable in ``raw``; unreadable parts are listed in ``problems``."""
    parsed = ParsedEmail()
    try:
        message = message_from_bytes(raw, policy=policy.default)
    except Exception as error:  # noqa: BLE001 - the parser must never lose a message
        parsed.problems.append(f"unparseable: {error}")
        return parsed
    problems = parsed.problems
    parsed.message_id = next(iter(message_ids(_header(message, "Message-ID", problems))), "")
    parsed.in_reply_to = message_ids(_header(message, "In-Reply-To", problems))
    parsed.references = message_ids(_header(message, "References", problems))
    parsed.subject = _header(message, "Subject", problems)
    parsed.from_name, parsed.from_address = parseaddr(_header(message, "From", problems))
    parsed.from_address = parsed.from_address.lower()
    parsed.reply_to = parseaddr(_header(message, "Reply-To", problems))[1].lower()
    parsed.to = [
        address.lower()
        for _, address in getaddresses([_header(message, "To", problems)])
        if address
    ]
    parsed.cc = [
        address.lower()
        for _, address in getaddresses([_header(message, "Cc", problems)])
        if address
    ]
    try:
        date_header = _header(message, "Date", problems)
        parsed.date = parsedate_to_datetime(date_header) if date_header else None
    except (TypeError, ValueError, IndexError):
        problems.append("date unreadable")
    try:
        _walk(message, parsed)
    except Exception as error:  # noqa: BLE001 - a body we cannot walk still leaves the headers
        problems.append(f"body unreadable: {error}")
    try:
        _classify(message, parsed)
    except Exception as error:  # noqa: BLE001
        problems.append(f"classification failed: {error}")
    if isinstance(message, EmailMessage) and message.defects:
        problems += [f"defect: {type(defect).__name__}" for defect in message.defects[:5]]
    return parsed
