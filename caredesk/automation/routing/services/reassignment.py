"""Taking tickets back from agents: the agent went offline, or did not answer a routed ticket in
the team's time. Both send the ticket through routing again, with the reason on its timeline."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from caredesk.accounts.choices import Availability
from caredesk.accounts.models import User
from caredesk.automation.models import AnswerDeadline, RoutingPolicy
from caredesk.automation.routing.services.assignment import (
    LOAD_STATUSES,
    Reassignment,
    route_ticket,
)
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.models import Message, Ticket

BATCH_SIZE = 200


@dataclass(frozen=True)
class UnansweredSwept:
    due: int
    settled: int  # answered, solved or moved by someone meanwhile: nothing to do
    reassigned: int


def reassign_from_offline_agent(agent_id: int, *, limit: int = BATCH_SIZE) -> int:
    """The agent went offline: their new and open tickets in teams that say so go back to routing
    (or to the team queue when nobody can take them). Each ticket is its own transaction."""
    agent = User.objects.filter(pk=agent_id).select_related("agent_profile").first()
    if agent is None or getattr(agent, "agent_profile", None) is None:
        return 0
    if agent.agent_profile.availability != Availability.OFFLINE:
        return 0  # back online before this ran
    teams = RoutingPolicy.objects.filter(reassign_when_offline=True).values_list("pk", flat=True)
    ticket_ids = list(
        Ticket.objects.filter(assignee_id=agent_id, status__in=LOAD_STATUSES, team_id__in=teams)
        .order_by("-priority", "created_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    reason = f"{agent.name} went offline"
    for ticket_id in ticket_ids:
        route_ticket(
            Ticket(pk=ticket_id),
            actor=Actor.system(),
            reassign=Reassignment(agent_id, reason, unassign_if_nobody=True),
        )
    return len(ticket_ids)


def _answered(ticket: Ticket, deadline: AnswerDeadline) -> bool:
    return Message.objects.filter(
        ticket=ticket,
        author_kind=AuthorKind.AGENT,
        author_user_id=deadline.assignee_id,
        is_public=True,
        created_at__gte=deadline.assigned_at,
    ).exists()


def reassign_unanswered(*, now: datetime | None = None, limit: int = BATCH_SIZE) -> UnansweredSwept:
    """Pass on routed tickets whose assignee has not answered by the due time.

    Reads only due rows through the ``answer_deadline_due`` index. Each row is handled in its own
    transaction, locking the ticket first and then the row (routing's order), and is skipped if
    another sweep took it meanwhile; several workers may run this at once.
    """
    now = now or clock.now()
    due = list(
        AnswerDeadline.objects.filter(due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", "ticket_id")[:limit]
    )
    settled = reassigned = 0
    for deadline_id, ticket_id in due:
        with transaction.atomic():
            ticket = locked_ticket(ticket_id)
            deadline = (
                AnswerDeadline.objects.select_for_update(skip_locked=True)
                .filter(pk=deadline_id, due_at__lte=now)
                .first()
            )
            if deadline is None:
                continue
            still_waiting = (
                ticket.assignee_id == deadline.assignee_id
                and ticket.status in LOAD_STATUSES
                and not _answered(ticket, deadline)
            )
            if not still_waiting:
                deadline.delete()
                settled += 1
                continue
            minutes = round((deadline.due_at - deadline.assigned_at).total_seconds() / 60)
            name = User.objects.filter(pk=deadline.assignee_id).values_list("name", flat=True)
            reason = f"{name.first()} did not answer within {minutes} minutes"
            route_ticket(
                ticket,
                actor=Actor.system(),
                reassign=Reassignment(deadline.assignee_id, reason, unassign_if_nobody=False),
            )
            reassigned += 1
    return UnansweredSwept(due=len(due), settled=settled, reassigned=reassigned)
