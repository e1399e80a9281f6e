"""Automatic acknowledgement of a new ticket, quoting when a person will answer."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import translation
from django.utils.formats import date_format

from caredesk.core.errors import ValidationFailed
from caredesk.sla.choices import SlaTarget
from caredesk.sla.models import AcknowledgementTemplate, TicketClock
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.messages import add_message

PLACEHOLDERS = ("greeting_name", "ticket_number", "subject", "expected_reply")
NO_TARGET_PROMISE = {
    "en": "as soon as we can",
    "es": "lo antes posible",
    "de": "so schnell wie möglich",
    "fr": "dès que possible",
}


class _Placeholders(dict[str, str]):
    def __missing__(self, key: str) -> str:
        raise ValidationFailed(
            f"Unknown placeholder {{{key}}}; use {', '.join(PLACEHOLDERS)}.", field="body"
        )


def render(body: str, values: dict[str, str]) -> str:
    try:
        return body.format_map(_Placeholders(values))
    except (ValueError, IndexError) as error:
        raise ValidationFailed(f"The template is malformed: {error}.", field="body") from error


def expected_reply_text(
    due: datetime | None, *, now: datetime, language: str, timezone: str
) -> str:
    """'Tuesday 10:00' in the customer's zone and language; a date is added beyond six days."""
    if due is None:
        return NO_TARGET_PROMISE.get(language, NO_TARGET_PROMISE["en"])
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = due.astimezone(zone)
    pattern = "l H:i" if due - now < timedelta(days=6) else "l j F Y, H:i"
    with translation.override(language):
        return f"{date_format(local, pattern)} ({zone.key})"


def template_for(channel: str, language: str) -> AcknowledgementTemplate | None:
    templates = {
        t.language: t
        for t in AcknowledgementTemplate.objects.filter(channel=channel, is_active=True)
    }
    return templates.get(language) or templates.get(language.split("-")[0]) or templates.get("en")


def acknowledge(ticket: Ticket, *, now: datetime) -> Message | None:
    """Send the channel's acknowledgement; the first-response clock must already be running."""
    customer = ticket.requester
    template = template_for(ticket.channel, customer.language)
    if template is None:
        return None
    clock = (
        TicketClock.objects.filter(ticket=ticket, target=SlaTarget.FIRST_RESPONSE)
        .order_by("-id")
        .first()
    )
    text = render(
        template.body,
        {
            "greeting_name": customer.greeting_name,
            "ticket_number": str(ticket.pk),
            "subject": ticket.subject,
            "expected_reply": expected_reply_text(
                clock.due_at if clock else None,
                now=now,
                language=template.language,
                timezone=customer.timezone,
            ),
        },
    )
    # One acknowledgement per ticket, however often the reaction that sends it runs.
    return add_message(
        ticket,
        actor=Actor.system(),
        body=text,
        channel=ticket.channel,
        external_id=f"acknowledgement:{ticket.pk}",
    )
