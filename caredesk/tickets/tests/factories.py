"""Tickets are made through the real service, so tests never see a state production cannot reach."""

from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.open_ticket import open_ticket


def make_ticket(
    customer, *, subject="Help with my order", body="It has not arrived.", **fields
) -> Ticket:
    return open_ticket(
        requester=customer, actor=Actor.of_customer(customer), subject=subject, body=body, **fields
    )
