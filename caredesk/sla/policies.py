"""Which SLA policy applies to a ticket: the first active one, in order, whose conditions match."""

from typing import Any

from caredesk.sla.models import SlaPolicy
from caredesk.tickets.choices import Priority
from caredesk.tickets.models import Ticket

CONDITION_KEYS = frozenset({"priority", "category", "channel", "organisation_ids", "vip"})


def matches(conditions: dict[str, Any], ticket: Ticket) -> bool:
    """Every given condition must hold; each list condition holds when the ticket's value is in it."""
    if "priority" in conditions and Priority(ticket.priority).label not in conditions["priority"]:
        return False
    if (
        "category" in conditions
        and (ticket.category.slug if ticket.category else None) not in conditions["category"]
    ):
        return False
    if "channel" in conditions and ticket.channel not in conditions["channel"]:
        return False
    if (
        "organisation_ids" in conditions
        and ticket.requester.organisation_id not in conditions["organisation_ids"]
    ):
        return False
    return not ("vip" in conditions and bool(ticket.requester.is_vip) != bool(conditions["vip"]))


def policy_for(ticket: Ticket) -> SlaPolicy | None:
    for policy in SlaPolicy.objects.filter(is_active=True).select_related("calendar"):
        if matches(policy.conditions, ticket):
            return policy
    return None
