"""Adding replies and internal notes, with the status rules a reply implies."""

from collections.abc import Sequence

from django.db import transaction

from caredesk.accounts import policy
from caredesk.core import bus
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets import search, transitions
from caredesk.tickets.actors import Actor
from caredesk.tickets.attachments import IncomingFile, check_files
from caredesk.tickets.choices import Channel, TicketStatus
from caredesk.tickets.domain_events import MessageAdded
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.message_rows import (
    create_message,
    find_by_external_id,
    message_bodies,
)
from caredesk.tickets.services.open_ticket import open_follow_up
from caredesk.tickets.services.stamping import save_change
from caredesk.tickets.services.status import apply_status


def add_message(
    ticket: Ticket,
    *,
    actor: Actor,
    body: str,
    is_public: bool = True,
    body_html: str = "",
    channel: str = Channel.INTERNAL,
    attachments: Sequence[IncomingFile] = (),
    external_id: str = "",
    status: str | None = None,
) -> Message:
    """Add a reply or an internal note.

    A customer reply reopens a pending or solved ticket; a customer reply to a closed ticket opens
    a follow-up ticket linked to it, and the returned message belongs to that follow-up. A message
    whose ``external_id`` was seen before on this channel is returned as it is, not stored twice.
    """
    if not is_public and not actor.is_system and not policy.can_add_internal_note(actor.user):
        raise PermissionDenied("Only the team can add internal notes.", field="public")
    if status is not None and not (actor.is_agent or actor.is_system):
        raise PermissionDenied("Only the team can set the status with a reply.", field="status")
    text, html = message_bodies(body, body_html)
    files = check_files(list(attachments))
    with transaction.atomic():
        seen = find_by_external_id(channel, external_id)
        if seen is not None:
            return seen
        ticket = locked_ticket(ticket.pk)
        while ticket.merged_into_id is not None:
            # A reply to a merged duplicate belongs to the conversation that survived.
            ticket = locked_ticket(ticket.merged_into_id)
        if ticket.status == TicketStatus.CLOSED:
            if not actor.is_customer:
                raise ValidationFailed(
                    "This ticket is closed; open a new ticket or a follow-up instead.",
                    field="ticket",
                )
            return open_follow_up(
                ticket,
                actor=actor,
                text=text,
                html=html,
                files=files,
                channel=channel,
                external_id=external_id,
            )
        message = create_message(
            ticket,
            actor=actor,
            text=text,
            html=html,
            is_public=is_public,
            channel=channel,
            files=files,
            external_id=external_id,
        )
        now = message.created_at
        changed = ["status"]
        new_status = ticket.status
        if is_public and actor.is_customer:
            new_status = transitions.status_after_customer_reply(ticket.status)
        elif is_public and actor.is_agent:
            new_status = transitions.status_after_agent_reply(ticket.status)
            if ticket.first_response_at is None:
                ticket.first_response_at = now
                changed.append("first_response_at")
        if status is not None:
            transitions.check_transition(new_status, status)
            new_status = status
        status_changed = None
        if new_status != ticket.status:
            status_changed = apply_status(ticket, new_status, actor=actor, channel=channel, now=now)
            changed += ["solved_at", "closed_at"]
        save_change(ticket, now, changed)
        search.index_ticket(ticket)
        if status_changed is not None:
            bus.publish(status_changed)
        bus.publish(MessageAdded(ticket=ticket, message=message, actor=actor, at=now))
    return message
