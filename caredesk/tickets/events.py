"""Timeline event kinds and the one function that writes them."""

from typing import Any

from django.db import models

from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket, TicketEvent


class EventKind(models.TextChoices):
    CREATED = "ticket.created"
    MESSAGE_ADDED = "message.added"
    NOTE_ADDED = "note.added"
    FIELD_CHANGED = "field.changed"
    STATUS_CHANGED = "status.changed"
    REOPENED = "ticket.reopened"
    FOLLOW_UP_OPENED = "ticket.follow_up_opened"
    MERGED_INTO = "ticket.merged_into"
    MERGED_FROM = "ticket.merged_from"
    SPLIT_FROM = "ticket.split_from"
    SPLIT_TO = "ticket.split_to"
    MESSAGE_MOVED_OUT = "message.moved_out"
    MESSAGE_MOVED_IN = "message.moved_in"
    LINKED = "ticket.linked"
    UNLINKED = "ticket.unlinked"


# Events a customer sees in the portal; everything else is the team's business.
PUBLIC_KINDS = frozenset(
    {EventKind.CREATED, EventKind.MESSAGE_ADDED, EventKind.STATUS_CHANGED, EventKind.REOPENED}
)


def record_event(
    ticket: Ticket,
    kind: str,
    *,
    actor: Actor,
    channel: str = "",
    data: dict[str, Any] | None = None,
) -> TicketEvent:
    event = new_event(ticket, kind, actor=actor, channel=channel, data=data)
    event.save()
    return event


def new_event(
    ticket: Ticket,
    kind: str,
    *,
    actor: Actor,
    channel: str = "",
    data: dict[str, Any] | None = None,
) -> TicketEvent:
    """An unsaved event, for writers that store many at once (``bulk_create``)."""
    data = data or {}
    if actor.rule:
        data = {**data, "rule": actor.rule}
    return TicketEvent(
        ticket=ticket,
        kind=kind,
        actor_kind=actor.kind,
        actor_user=actor.user,
        actor_name=actor.name,
        channel=channel,
        is_public=kind in PUBLIC_KINDS,
        data=data,
        created_at=clock.now(),
    )
