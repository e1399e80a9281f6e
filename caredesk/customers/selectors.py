"""Reads of customers, always scoped to the viewer through the policy."""

from typing import Any

from django.db.models import Q, QuerySet

from caredesk.accounts import policy
from caredesk.core.errors import NotFound
from caredesk.customers.models import Customer, Organisation


def customers_visible_to(user: Any) -> QuerySet[Customer]:
    return (
        Customer.objects.filter(policy.customer_scope(user))
        .filter(merged_into__isnull=True)
        .select_related("organisation")
    )


def get_customer_for(user: Any, customer_id: int) -> Customer:
    customer = customers_visible_to(user).filter(pk=customer_id).first()
    if customer is None:
        raise NotFound("Customer not found.")
    return customer


def search_customers(queryset: QuerySet[Customer], text: str) -> QuerySet[Customer]:
    return queryset.filter(
        Q(name__icontains=text) | Q(email__icontains=text) | Q(identities__value__icontains=text)
    ).distinct()


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    if not policy.can_view_directory(user):
        return Organisation.objects.none()
    return Organisation.objects.prefetch_related("domains")


def get_organisation_for(user: Any, organisation_id: int) -> Organisation:
    organisation = organisations_visible_to(user).filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound("Organisation not found.")
    return organisation


HISTORY_LENGTH = 50


def ticket_history(user: Any, customer: Customer) -> list[Any]:
    """The customer's tickets that ``user`` may see, newest first (the reverse of Ticket.requester)."""
    tickets = customer.tickets.filter(policy.ticket_scope(user))
    return list(tickets.order_by("-updated_at", "-id")[:HISTORY_LENGTH])
