"""Links between tickets, and solving a problem together with its incidents."""

from django.db import IntegrityError, transaction

from caredesk.accounts import policy
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel, LinkKind, TicketStatus
from caredesk.tickets.events import EventKind, record_event
from caredesk.tickets.models import Ticket, TicketLink
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket


@transaction.atomic
def link_tickets(source: Ticket, target: Ticket, *, kind: str, actor: Actor) -> TicketLink:
    """``source`` is the parent (parent_child) or the problem (problem_incident)."""
    if not policy.can_update_ticket(actor.user, source):
        raise PermissionDenied("You may not link tickets.")
    if kind not in LinkKind.values:
        raise ValidationFailed(f"Unknown link kind {kind!r}.", field="kind")
    if source.pk == target.pk:
        raise ValidationFailed("A ticket cannot be linked to itself.", field="target")
    try:
        with transaction.atomic():
            link = TicketLink.objects.create(source=source, target=target, kind=kind)
    except IntegrityError as error:
        raise Conflict("These tickets are already linked that way.", field="target") from error
    record_event(
        source,
        EventKind.LINKED,
        actor=actor,
        channel=Channel.INTERNAL,
        data={"kind": kind, "role": "source", "ticket_id": target.pk},
    )
    record_event(
        target,
        EventKind.LINKED,
        actor=actor,
        channel=Channel.INTERNAL,
        data={"kind": kind, "role": "target", "ticket_id": source.pk},
    )
    return link


@transaction.atomic
def unlink_tickets(link: TicketLink, *, actor: Actor) -> None:
    if not policy.can_update_ticket(actor.user, link.source):
        raise PermissionDenied("You may not unlink tickets.")
    for ticket, other in ((link.source, link.target), (link.target, link.source)):
        record_event(
            ticket,
            EventKind.UNLINKED,
            actor=actor,
            channel=Channel.INTERNAL,
            data={"kind": link.kind, "ticket_id": other.pk},
        )
    link.delete()


def solve_problem(problem: Ticket, *, actor: Actor, reply_to_incidents: str) -> list[Ticket]:
    """Solve a problem ticket and each unresolved incident linked to it, replying to each requester.

    Runs as one transaction: either every incident is answered and solved, or none is.
    """
    if not policy.can_update_ticket(actor.user, problem):
        raise PermissionDenied("You may not solve this problem.")
    with transaction.atomic():
        incidents = list(
            Ticket.objects.filter(
                links_in__source=problem, links_in__kind=LinkKind.PROBLEM_INCIDENT
            )
            .exclude(status__in=[TicketStatus.SOLVED, TicketStatus.CLOSED])
            .order_by("pk")
        )
        for incident in incidents:
            add_message(incident, actor=actor, body=reply_to_incidents, status=TicketStatus.SOLVED)
        if problem.status not in (TicketStatus.SOLVED, TicketStatus.CLOSED):
            update_ticket(problem, actor=actor, changes=TicketChanges(status=TicketStatus.SOLVED))
    return incidents
