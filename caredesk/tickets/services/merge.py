"""Merging duplicate tickets, and splitting a message out into a ticket of its own."""

from django.db import transaction

from caredesk.accounts import policy
from caredesk.core import bus, clock
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets import search
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel, TicketStatus
from caredesk.tickets.domain_events import TicketsMerged
from caredesk.tickets.events import EventKind, record_event
from caredesk.tickets.locks import locked_tickets
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.stamping import save_change


def merge_tickets(source: Ticket, *, into: Ticket, actor: Actor) -> Ticket:
    """Move every message of ``source`` into ``into``; close ``source`` pointing at the survivor.

    The survivor keeps its own status, clocks and requester; both timelines record the merge, and
    tags are united. Returns the survivor.
    """
    if not policy.can_merge_tickets(actor.user):
        raise PermissionDenied("You may not merge tickets.")
    if source.pk == into.pk:
        raise ValidationFailed("A ticket cannot be merged into itself.", field="target")
    with transaction.atomic():
        locked = {ticket.pk: ticket for ticket in locked_tickets([source.pk, into.pk])}
        source, into = locked[source.pk], locked[into.pk]
        for ticket, role in ((source, "source"), (into, "target")):
            if ticket.merged_into_id is not None:
                raise ValidationFailed(f"Ticket #{ticket.pk} was already merged.", field=role)
            if ticket.status == TicketStatus.CLOSED:
                raise ValidationFailed(f"Ticket #{ticket.pk} is closed.", field=role)
        now = clock.now()
        moved = Message.objects.filter(ticket=source).update(ticket=into)
        into.tags.add(*source.tags.all())
        previous_status = source.status
        source.status = TicketStatus.CLOSED
        source.closed_at = now
        source.merged_into = into
        save_change(source, now, ["status", "closed_at", "merged_into"])
        save_change(into, now, [])
        record_event(
            source,
            EventKind.MERGED_INTO,
            actor=actor,
            channel=Channel.INTERNAL,
            data={"target_id": into.pk, "messages_moved": moved, "status_before": previous_status},
        )
        record_event(
            into,
            EventKind.MERGED_FROM,
            actor=actor,
            channel=Channel.INTERNAL,
            data={
                "source_id": source.pk,
                "messages_moved": moved,
                "source_requester_id": source.requester_id,
            },
        )
        search.index_ticket(source)
        search.index_ticket(into)
        bus.publish(TicketsMerged(source=source, target=into, actor=actor, at=now))
    return into


def split_message(message: Message, *, actor: Actor, subject: str = "") -> Ticket:
    """Move one message into a new ticket for the same requester; both timelines say so."""
    if not policy.can_update_ticket(actor.user, message.ticket):
        raise PermissionDenied("You may not split this ticket.")
    with transaction.atomic():
        original = locked_tickets([message.ticket_id]).get()
        message = Message.objects.select_for_update().get(pk=message.pk, ticket=original)
        if original.messages.count() < 2:
            raise ValidationFailed(
                "The ticket's only message cannot be split out.", field="message_id"
            )
        now = clock.now()
        new_ticket = Ticket.objects.create(
            subject=(subject.strip() or f"Split from #{original.pk}: {original.subject}")[:300],
            status=TicketStatus.OPEN,
            priority=original.priority,
            channel=message.channel if message.channel in Channel.values else original.channel,
            requester=original.requester,
            team=original.team,
            category=original.category,
            language=original.language,
            created_at=now,
            updated_at=now,
        )
        message.ticket = new_ticket
        message.save(update_fields=["ticket"])
        save_change(original, now, [])
        record_event(
            new_ticket,
            EventKind.SPLIT_FROM,
            actor=actor,
            channel=Channel.INTERNAL,
            data={"ticket_id": original.pk, "message_id": message.pk},
        )
        record_event(
            original,
            EventKind.SPLIT_TO,
            actor=actor,
            channel=Channel.INTERNAL,
            data={"ticket_id": new_ticket.pk, "message_id": message.pk},
        )
        search.index_ticket(original)
        search.index_ticket(new_ticket)
    return new_ticket


def move_message(message: Message, *, to: Ticket, actor: Actor) -> Ticket:
    """Move one message to another ticket (it was threaded into the wrong conversation).

    Both timelines record the move with the message and the other ticket, so the reason a message
    sits where it does stays visible. A ticket's only message cannot leave it: merge the tickets.
    """
    if not policy.can_update_ticket(actor.user, message.ticket):
        raise PermissionDenied("You may not move messages.")
    if message.ticket_id == to.pk:
        raise ValidationFailed("The message is already on that ticket.", field="ticket_id")
    with transaction.atomic():
        locked = {ticket.pk: ticket for ticket in locked_tickets([message.ticket_id, to.pk])}
        source, target = locked[message.ticket_id], locked[to.pk]
        if target.status == TicketStatus.CLOSED or target.merged_into_id is not None:
            raise ValidationFailed(f"Ticket #{target.pk} is closed.", field="ticket_id")
        message = Message.objects.select_for_update().get(pk=message.pk, ticket=source)
        if source.messages.count() < 2:
            raise ValidationFailed(
                "The ticket's only message cannot be moved; merge the tickets instead.",
                field="message_id",
            )
        now = clock.now()
        message.ticket = target
        message.save(update_fields=["ticket"])
        save_change(source, now, [])
        save_change(target, now, [])
        record_event(
            source,
            EventKind.MESSAGE_MOVED_OUT,
            actor=actor,
            channel=Channel.INTERNAL,
            data={"message_id": message.pk, "ticket_id": target.pk},
        )
        record_event(
            target,
            EventKind.MESSAGE_MOVED_IN,
            actor=actor,
            channel=Channel.INTERNAL,
            data={"message_id": message.pk, "ticket_id": source.pk},
        )
        search.index_ticket(source)
        search.index_ticket(target)
    return target
