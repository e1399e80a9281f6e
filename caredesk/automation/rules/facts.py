"""The snapshot of a ticket that rule conditions read (see ``automation/rules/conditions.py``).

Apps above tickets can add facts (intelligence adds sentiment and frustration): they register a
source from ``caredesk/subscriptions.py``, since automation must not import them.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db.models import Max, Q

from caredesk.automation.rules.conditions import Facts
from caredesk.tickets.choices import AuthorKind, Priority
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Message, Ticket

FactSource = Callable[[Ticket], dict[str, Any]]
_sources: list[FactSource] = []

# TicketChanged's field names -> condition field names.
CHANGED_FIELDS = {
    "status": "ticket.status",
    "priority": "ticket.priority",
    "team": "ticket.team",
    "assignee": "ticket.assignee",
    "category": "ticket.category",
    "tags": "ticket.tags",
    "subject": "ticket.subject",
    "custom_fields": "ticket.custom_fields",
}


def provide_ticket_facts(source: FactSource) -> None:
    """Register ``source(ticket) -> {field: value}``; its keys must be fields of ``conditions``."""
    if source not in _sources:
        _sources.append(source)


def changed_fields(names: Iterable[str]) -> dict[str, Any]:
    return {CHANGED_FIELDS[name]: None for name in names if name in CHANGED_FIELDS}


def ticket_facts(
    ticket: Ticket,
    *,
    now: datetime,
    message: Message | None = None,
    changed: dict[str, Any] | None = None,
    sla_target: str = "",
) -> Facts:
    customer = ticket.requester
    values: dict[str, Any] = {
        "ticket.status": ticket.status,
        "ticket.priority": Priority(ticket.priority).label,
        "ticket.team": ticket.team.slug if ticket.team else None,
        "ticket.assignee": ticket.assignee.email if ticket.assignee else None,
        "ticket.category": ticket.category.slug if ticket.category else None,
        "ticket.channel": ticket.channel,
        "ticket.tags": sorted(ticket.tags.values_list("name", flat=True)),
        "ticket.subject": ticket.subject,
        "ticket.language": ticket.language or None,
        "ticket.custom_fields": dict(ticket.custom_fields),
        "ticket.sentiment": None,
        "ticket.frustration": None,
        "ticket.created_at": ticket.created_at,
        "ticket.updated_at": ticket.updated_at,
        "ticket.solved_at": ticket.solved_at,
        "customer.email": customer.email or None,
        "customer.organisation": customer.organisation.name if customer.organisation else None,
        "customer.vip": customer.is_vip,
        "customer.language": customer.language or None,
        "sla.target": sla_target or None,
    }
    values.update(_moments(ticket))
    if message is not None:
        values.update(
            {
                "message.body": message.body_text,
                "message.author": message.author_kind,
                "message.channel": message.channel,
                "message.is_public": message.is_public,
            }
        )
    for source in _sources:
        values.update(source(ticket))
    return Facts(values=values, now=now, changed=changed or {})


def _moments(ticket: Ticket) -> dict[str, datetime | None]:
    """When the status last changed and when each side last wrote, from indexed per-ticket rows."""
    status_changed = (
        ticket.events.filter(kind__in=[EventKind.STATUS_CHANGED, EventKind.REOPENED])
        .order_by("-created_at", "-id")
        .values_list("created_at", flat=True)
        .first()
    )
    last = ticket.messages.filter(is_public=True).aggregate(
        customer=Max("created_at", filter=Q(author_kind=AuthorKind.CUSTOMER)),
        team=Max("created_at", filter=Q(author_kind=AuthorKind.AGENT)),
    )
    return {
        "ticket.status_changed_at": status_changed or ticket.created_at,
        "ticket.last_customer_message_at": last["customer"],
        "ticket.last_agent_message_at": last["team"],
    }
