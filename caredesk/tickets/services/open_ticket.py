"""Opening tickets: from any channel, for a customer, and as follow-ups of closed tickets."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import Team, User
from caredesk.core import bus, clock
from caredesk.core.errors import ValidationFailed
from caredesk.customers.models import Customer
from caredesk.customers.services.customers import resolve_customer_by_email
from caredesk.tickets import search
from caredesk.tickets.actors import Actor
from caredesk.tickets.attachments import CheckedFile, IncomingFile, check_files
from caredesk.tickets.choices import AuthorKind, Channel, LinkKind, Priority
from caredesk.tickets.custom_fields import validate_custom_fields
from caredesk.tickets.domain_events import TicketOpened, TicketOpening
from caredesk.tickets.events import EventKind, record_event
from caredesk.tickets.models import Category, Ticket, TicketLink
from caredesk.tickets.services.message_rows import (
    create_message,
    find_by_external_id,
    message_bodies,
)
from caredesk.tickets.tagging import normalise_tags, tag_rows

MAX_SUBJECT_LENGTH = 300


@dataclass(frozen=True)
class RequesterByEmail:
    """A requester named by address only: found, or created on first contact, inside the
    ticket's transaction, so a ticket refused for bad input leaves no customer behind."""

    email: str
    name: str = ""


def default_team() -> Team | None:
    return Team.objects.filter(is_default=True).first()


def clean_subject(subject: str, text: str) -> str:
    subject = " ".join(subject.split())
    if not subject:
        subject = " ".join(text.split())[:80] or "(no subject)"
    if len(subject) > MAX_SUBJECT_LENGTH:
        raise ValidationFailed(
            f"The subject is longer than {MAX_SUBJECT_LENGTH} characters.", field="subject"
        )
    return subject


def check_assignee(assignee: User | None) -> None:
    if assignee is not None and (not assignee.is_active or assignee.role not in STAFF_ROLES):
        raise ValidationFailed(
            "Tickets can be assigned only to active team members.", field="assignee"
        )


def _create(
    *,
    requester: Customer,
    actor: Actor,
    subject: str,
    text: str,
    html: str,
    files: Sequence[CheckedFile],
    channel: str,
    priority: int,
    category: Category | None,
    tags: list[str],
    custom_fields: dict[str, Any],
    team: Team | None,
    assignee: User | None,
    external_id: str,
    follow_up_of: Ticket | None = None,
) -> Ticket:
    now = clock.now()
    ticket = Ticket.objects.create(
        subject=subject,
        priority=priority,
        channel=channel,
        requester=requester,
        assignee=assignee,
        team=team if team is not None else default_team(),
        category=category,
        custom_fields=custom_fields,
        language=requester.language,
        created_at=now,
        updated_at=now,
        follow_up_of=follow_up_of,
    )
    if tags:
        ticket.tags.set(tag_rows(tags))
    record_event(
        ticket,
        EventKind.CREATED,
        actor=actor,
        channel=channel,
        data={
            "requester_id": requester.pk,
            "team_id": ticket.team_id,
            "priority": Priority(priority).label,
            "category": category.slug if category else None,
            "follow_up_of": follow_up_of.pk if follow_up_of else None,
        },
    )
    message = create_message(
        ticket,
        actor=actor,
        text=text,
        html=html,
        is_public=True,
        channel=channel,
        files=files,
        external_id=external_id,
    )
    search.index_ticket(ticket)
    bus.publish(TicketOpened(ticket=ticket, message=message, actor=actor, at=now))
    return ticket


def open_ticket(
    *,
    requester: Customer | RequesterByEmail,
    actor: Actor | None,
    subject: str,
    body: str,
    channel: str = Channel.WEB,
    body_html: str = "",
    priority: int = Priority.NORMAL,
    category: Category | None = None,
    tags: Sequence[str] = (),
    custom_fields: dict[str, Any] | None = None,
    team: Team | None = None,
    assignee: User | None = None,
    attachments: Sequence[IncomingFile] = (),
    external_id: str = "",
) -> Ticket:
    """Open a ticket with its first message. Idempotent on ``(channel, external_id)``.

    The first message is written by the actor: the customer on inbound channels, or the agent who
    opened the ticket on the customer's behalf. ``actor`` None: the requester writes it.
    Everything is checked before the first write, so bad input writes nothing.
    """
    text, html = message_bodies(body, body_html)
    subject = clean_subject(subject, text)
    tag_names = normalise_tags(tags)
    fields = validate_custom_fields(custom_fields or {})
    files = check_files(list(attachments))
    check_assignee(assignee)
    # Handlers of the opening ask only what kind of author writes; a first contact's customer
    # row does not exist yet.
    opening_actor = actor if actor is not None else Actor(kind=AuthorKind.CUSTOMER)
    bus.publish(TicketOpening(subject=subject, text=text, actor=opening_actor))
    with transaction.atomic():
        seen = find_by_external_id(channel, external_id)
        if seen is not None:
            return seen.ticket
        if isinstance(requester, RequesterByEmail):
            requester = resolve_customer_by_email(requester.email, name=requester.name)
        return _create(
            requester=requester,
            actor=actor if actor is not None else Actor.of_customer(requester),
            subject=subject,
            text=text,
            html=html,
            files=files,
            channel=channel,
            priority=priority,
            category=category,
            tags=tag_names,
            custom_fields=fields,
            team=team,
            assignee=assignee,
            external_id=external_id,
        )


def open_follow_up(
    closed: Ticket,
    *,
    actor: Actor,
    text: str,
    html: str,
    files: Sequence[CheckedFile],
    channel: str,
    external_id: str,
) -> Any:
    """A customer wrote to a closed ticket: open a new one linked to it, carrying the message.

    Trusted: called inside the caller's transaction with ``closed`` locked. Returns the message.
    """
    follow_up = _create(
        requester=closed.requester,
        actor=actor,
        subject=closed.subject,
        text=text,
        html=html,
        files=files,
        channel=channel,
        priority=closed.priority,
        category=closed.category,
        tags=list(closed.tags.values_list("name", flat=True)),
        custom_fields={},
        team=closed.team,
        assignee=closed.assignee if closed.assignee and closed.assignee.is_active else None,
        external_id=external_id,
        follow_up_of=closed,
    )
    TicketLink.objects.create(source=closed, target=follow_up, kind=LinkKind.RELATED)
    record_event(
        closed,
        EventKind.FOLLOW_UP_OPENED,
        actor=actor,
        channel=channel,
        data={"follow_up_id": follow_up.pk},
    )
    return follow_up.messages.get()
