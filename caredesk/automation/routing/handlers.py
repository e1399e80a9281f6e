"""How routing follows tickets and agents. Subscribed in ``caredesk/subscriptions.py`` to run
after the commit.

Routing one ticket is its own transaction (the ticket, then its team's routing row: the order
every routing write takes). Work that touches many tickets (capacity freed, an agent gone
offline) is a task of its own, one ticket per transaction, so it never holds one ticket's lock
while waiting for another's.
"""

from collections.abc import Sequence

from caredesk.accounts.choices import Availability
from caredesk.accounts.domain_events import AvailabilityChanged
from caredesk.automation.routing.services.assignment import LOAD_STATUSES, route_ticket
from caredesk.automation.routing.tasks import (
    reassign_from_offline_agent_task,
    route_waiting_tickets_task,
)
from caredesk.tickets.actors import Actor
from caredesk.tickets.domain_events import StatusChanged, TicketChanged, TicketOpened


def _drain(team_ids: Sequence[int]) -> None:
    ids = sorted(set(team_ids))
    if ids:
        route_waiting_tickets_task.enqueue(ids)


def on_ticket_opened(event: TicketOpened) -> None:
    """After intelligence (language, team) and rules, which may have chosen the team."""
    if event.ticket.assignee_id is None:
        route_ticket(event.ticket, actor=Actor.system())


def on_status_changed(event: StatusChanged) -> None:
    """A ticket left new/open (solved, pending...): its agent has room for a waiting one."""
    ticket = event.ticket
    freed = event.previous in LOAD_STATUSES and ticket.status not in LOAD_STATUSES
    if freed and ticket.assignee is not None:
        _drain(list(ticket.assignee.teams.values_list("pk", flat=True)))


def on_ticket_changed(event: TicketChanged) -> None:
    """Someone moved a ticket by hand: the previous agent may have room now; a ticket moved to
    another team unassigned is routed there. Routing's own changes (the system's) are skipped."""
    if event.actor.is_system:
        return
    if "assignee" in event.fields and event.ticket.team_id is not None:
        _drain([event.ticket.team_id])
    if "team" in event.fields and event.ticket.assignee_id is None:
        route_ticket(event.ticket, actor=Actor.system())


def on_availability_changed(event: AvailabilityChanged) -> None:
    """Online: the agent's teams hand out waiting tickets. Offline: their tickets go back to
    routing in teams that ask for it."""
    agent = event.agent
    if event.availability == Availability.ONLINE:
        _drain(list(agent.teams.values_list("pk", flat=True)))
    elif event.availability == Availability.OFFLINE:
        reassign_from_offline_agent_task.enqueue(agent.pk)
