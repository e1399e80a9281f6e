"""Reads of tickets, always scoped to the viewer through ``accounts.policy``."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from caredesk.accounts import policy
from caredesk.core.errors import NotFound
from caredesk.tickets import search
from caredesk.tickets.choices import UNRESOLVED_STATUSES
from caredesk.tickets.models import Message, Ticket, TicketEvent


def tickets_visible_to(user: Any) -> QuerySet[Ticket]:
    return Ticket.objects.filter(policy.ticket_scope(user))


def with_list_relations(queryset: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """Everything a list row shows, in a constant number of queries whatever the page size."""
    return queryset.select_related(
        "requester", "requester__organisation", "assignee", "team", "category"
    ).prefetch_related("tags", "sla_clocks")


def get_ticket_for(user: Any, ticket_id: int) -> Ticket:
    """The ticket if ``user`` may see it; NotFound alike for missing and hidden tickets."""
    ticket = with_list_relations(tickets_visible_to(user)).filter(pk=ticket_id).first()
    if ticket is None:
        raise NotFound("Ticket not found.")
    return ticket


def get_message_for(user: Any, message_id: int) -> Message:
    message = (
        Message.objects.filter(policy.message_scope(user))
        .filter(ticket__in=tickets_visible_to(user))
        .select_related("ticket")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        raise NotFound("Message not found.")
    return message


def messages_of(user: Any, ticket: Ticket) -> QuerySet[Message]:
    return (
        ticket.messages.filter(policy.message_scope(user))
        .select_related("author_user", "author_customer")
        .prefetch_related("attachments")
    )


def events_of(user: Any, ticket: Ticket) -> QuerySet[TicketEvent]:
    return ticket.events.filter(policy.event_scope(user))


@dataclass
class TicketFilters:
    status: list[str] | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    team_id: int | None = None
    requester_id: int | None = None
    priority: int | None = None
    category: str | None = None
    tag: str | None = None
    text: str | None = None
    updated_since: datetime | None = None


def filter_tickets(
    queryset: QuerySet[Ticket], filters: TicketFilters, *, viewer: Any
) -> QuerySet[Ticket]:
    if filters.status:
        queryset = queryset.filter(status__in=filters.status)
    if filters.unassigned:
        queryset = queryset.filter(assignee__isnull=True)
    elif filters.assignee_id is not None:
        queryset = queryset.filter(assignee_id=filters.assignee_id)
    if filters.team_id is not None:
        queryset = queryset.filter(team_id=filters.team_id)
    if filters.requester_id is not None:
        queryset = queryset.filter(requester_id=filters.requester_id)
    if filters.priority is not None:
        queryset = queryset.filter(priority=filters.priority)
    if filters.category:
        queryset = queryset.filter(category__slug=filters.category)
    if filters.tag:
        queryset = queryset.filter(tags__name=filters.tag.strip().lower())
    if filters.updated_since is not None:
        queryset = queryset.filter(updated_at__gte=filters.updated_since)
    if filters.text:
        matches = search.matching_ticket_ids(filters.text, include_internal=policy.is_staff(viewer))
        if matches is not None:
            queryset = queryset.filter(id__in=matches)
    return queryset


def my_open_tickets(user: Any) -> QuerySet[Ticket]:
    return tickets_visible_to(user).filter(assignee_id=user.id, status__in=UNRESOLVED_STATUSES)


def unassigned_in_my_teams(user: Any) -> QuerySet[Ticket]:
    return Ticket.objects.filter(
        team_id__in=user.team_ids, assignee__isnull=True, status__in=UNRESOLVED_STATUSES
    )


def customer_history(user: Any, customer_id: int, *, limit: int = 20) -> list[Ticket]:
    return list(
        with_list_relations(tickets_visible_to(user).filter(requester_id=customer_id)).order_by(
            "-updated_at", "-id"
        )[:limit]
    )


def customer_timeline(user: Any, customer_id: int) -> QuerySet[Message]:
    """Every message of the customer's tickets ``user`` may read, across all channels."""
    return (
        Message.objects.filter(policy.message_scope(user))
        .filter(ticket__in=tickets_visible_to(user).filter(requester_id=customer_id))
        .select_related("ticket", "author_user", "author_customer")
        .prefetch_related("attachments")
    )
