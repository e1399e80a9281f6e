"""Reading every inbound customer message: language, sentiment and frustration, and for the
message that opens a ticket, its category, team and priority."""

from datetime import timedelta

from django.db import transaction

from caredesk.core import clock
from caredesk.customers.models import Customer
from caredesk.customers.services.customers import update_customer
from caredesk.intelligence import options
from caredesk.intelligence.language import detect_language
from caredesk.intelligence.models import Insight
from caredesk.intelligence.sentiment import analyse_sentiment
from caredesk.intelligence.services.classification import classify_ticket, predict_ahead
from caredesk.intelligence.services.training import ticket_text
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, Priority
from caredesk.tickets.events import record_event
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket

FRUSTRATION_EVENT = "intelligence.frustration"
RECENT_CONTACTS = timedelta(days=7)


def _previous_contacts(ticket: Ticket, message: Message, *, opened: bool) -> int:
    # The message that opens a ticket has no earlier one on it.
    earlier_here = 0
    if not opened:
        earlier_here = (
            Message.objects.filter(ticket=ticket, author_kind=AuthorKind.CUSTOMER, is_public=True)
            .exclude(pk=message.pk)
            .count()
        )
    other_tickets = (
        Ticket.objects.filter(
            requester_id=ticket.requester_id, created_at__gte=message.created_at - RECENT_CONTACTS
        )
        .exclude(pk=ticket.pk)
        .count()
    )
    return earlier_here + other_tickets


def _keep_language(ticket: Ticket, message: Message, language: str) -> None:
    """The ticket speaks the language of the customer's latest message. The customer's own
    language (what acknowledgements and replies use) follows at once only while it is the
    default; a language someone chose changes after two messages in a row say otherwise."""
    if ticket.language != language:
        # Derived metadata, not an edit: no version bump, no timeline entry, no ETag conflict.
        Ticket.objects.filter(pk=ticket.pk).update(language=language)
        ticket.language = language
    customer = ticket.requester
    if customer.language == language:
        return
    default = Customer._meta.get_field("language").get_default()
    previous = (
        Insight.objects.filter(ticket__requester=customer)
        .exclude(language="")
        .exclude(message=message)
        .order_by("-created_at", "-id")
        .values_list("language", flat=True)
        .first()
    )
    if customer.language == default or previous == language:
        update_customer(customer, changes={"language": language})


def read_ahead(*, subject: str, text: str) -> None:
    """Compute, outside any transaction, the text-only part of analysing the message that opens
    a ticket: the caches of ``detect_language`` and ``tone_of``, and ``predict_ahead``, keep it
    for ``analyse_message``, which reads the same text after the commit."""
    detect_language(f"{subject}\n{text}")
    analyse_sentiment(text)
    predict_ahead(ticket_text(subject, text))


def analyse_committed_message(
    ticket_id: int, message_id: int, *, opened: bool
) -> tuple[Ticket, Insight] | None:
    """Analyse a committed message once: a reaction run again finds its insight and stops.

    ``None`` when the message was analysed already or has moved on (merged into another ticket).
    """
    with transaction.atomic():
        ticket = locked_ticket(ticket_id)
        message = Message.objects.filter(pk=message_id, ticket_id=ticket_id).first()
        if message is None or Insight.objects.filter(message_id=message_id).exists():
            return None
        return analyse_message(ticket, message, opened=opened)


def analyse_message(ticket: Ticket, message: Message, *, opened: bool) -> tuple[Ticket, Insight]:
    """Trusted: call inside a transaction with the ticket locked.

    ``opened``: this message opened the ticket, so the ticket is classified too.
    """
    text = message.body_text
    language = detect_language(f"{ticket.subject}\n{text}" if opened else text) or ""
    sentiment = analyse_sentiment(
        text, previous_contacts=_previous_contacts(ticket, message, opened=opened)
    )
    is_heated = sentiment.frustration >= options.heated_at()
    predictions: dict = {}
    if opened:
        ticket, predictions = classify_ticket(ticket, text=ticket_text(ticket.subject, text))
    if language and message.author_kind == AuthorKind.CUSTOMER:
        _keep_language(ticket, message, language)
    raise_at = options.raise_priority_at()
    if raise_at is not None and sentiment.frustration >= raise_at:
        system = Actor.system()
        record_event(
            ticket,
            FRUSTRATION_EVENT,
            actor=system,
            data={
                "message_id": message.pk,
                "frustration": sentiment.frustration,
                "reasons": sentiment.reasons,
            },
        )
        if ticket.priority < Priority.HIGH:
            ticket = update_ticket(
                ticket, actor=system, changes=TicketChanges(priority=Priority.HIGH)
            )
    insight = Insight.objects.create(
        ticket=ticket,
        message=message,
        language=language,
        sentiment=sentiment.compound,
        frustration=sentiment.frustration,
        frustration_reasons=sentiment.reasons,
        is_heated=is_heated,
        predictions=predictions,
        created_at=clock.now(),
    )
    return ticket, insight
