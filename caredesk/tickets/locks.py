"""Row locks taken by services. Lock in ascending id order so two services never deadlock."""

from collections.abc import Iterable

from django.db.models import QuerySet

from caredesk.tickets.models import Ticket


def locked_ticket(ticket_id: int) -> Ticket:
    """Fetch the ticket again under a row lock. Call inside ``transaction.atomic``."""
    return Ticket.objects.select_for_update().get(pk=ticket_id)


def locked_tickets(ticket_ids: Iterable[int]) -> QuerySet[Ticket]:
    return Ticket.objects.select_for_update().filter(pk__in=sorted(set(ticket_ids))).order_by("pk")
