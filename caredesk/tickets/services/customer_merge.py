"""Merging duplicate customers: one person who reached us by email, phone and a social account.

It lives in tickets, not customers, because the tickets move too and customers may not import
tickets; the customers app moves the identities and the portal login (``absorb_customer``).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from caredesk.accounts import policy
from caredesk.core import bus, clock
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.customers.models import Customer
from caredesk.customers.services.identities import absorb_customer
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.domain_events import CustomersMerged
from caredesk.tickets.events import record_event
from caredesk.tickets.locks import locked_tickets
from caredesk.tickets.models import Message, Ticket

CUSTOMER_MERGED = "customer.merged"


@dataclass(frozen=True)
class CustomerMerge:
    customer: Customer
    tickets_moved: int
    identities_moved: int
    portal_user_moved: bool


def merge_customers(source: Customer, *, into: Customer, actor: Actor) -> CustomerMerge:
    """Make ``into`` the one customer behind everything ``source`` had.

    Moves identities, tickets (as requester), authorship of messages and, when ``into`` has none,
    the portal login. Each moved ticket's timeline records the merge. ``source`` stays as a record
    pointing at ``into``, so references held elsewhere still resolve.
    """
    if not actor.is_system and not policy.can_merge_customers(actor.user):
        raise PermissionDenied("You may not merge customers.")
    if source.pk == into.pk:
        raise ValidationFailed("A customer cannot be merged into itself.", field="source_id")
    with transaction.atomic():
        locked = {
            customer.pk: customer
            for customer in Customer.objects.select_for_update()
            .filter(pk__in=sorted({source.pk, into.pk}))
            .order_by("pk")
        }
        source, into = locked[source.pk], locked[into.pk]
        for customer, field in ((source, "source_id"), (into, "customer_id")):
            if customer.merged_into_id is not None:
                raise ValidationFailed(
                    f"Customer {customer.pk} was already merged into {customer.merged_into_id}.",
                    field=field,
                )
        now = clock.now()
        ticket_ids = list(
            Ticket.objects.filter(requester=source).order_by("pk").values_list("pk", flat=True)
        )
        tickets = list(locked_tickets(ticket_ids))
        Ticket.objects.filter(pk__in=ticket_ids).update(
            requester=into, version=F("version") + 1, updated_at=now
        )
        Message.objects.filter(author_customer=source).update(author_customer=into)
        absorbed = absorb_customer(source, into=into)
        for ticket in tickets:
            record_event(
                ticket,
                CUSTOMER_MERGED,
                actor=actor,
                channel=Channel.INTERNAL,
                data={
                    "from_customer_id": source.pk,
                    "from_customer_name": source.name,
                    "to_customer_id": into.pk,
                    "to_customer_name": into.name,
                },
            )
        bus.publish(CustomersMerged(source=source, target=into, actor=actor, at=now))
    return CustomerMerge(
        customer=into,
        tickets_moved=len(ticket_ids),
        identities_moved=absorbed.identities_moved,
        portal_user_moved=absorbed.portal_user_moved,
    )
