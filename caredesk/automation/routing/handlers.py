"""How routing follows tickets and agents. Subscribed in ``caredesk/subscriptions.py``.

Routing a new ticket happens inside the opening transaction (one ticket, then its team's routing
row: the order every routing write takes). Work that touches many tickets (capacity freed, an
agent gone offline) runs after the commit as a task, one ticket per transaction, so it never
holds one ticket's lock while waiting for another's.
"""

from collections.abc import Sequence

from django.db import transaction

from caredesk.accounts.choices import Availability
from caredesk.accounts.domain_events import AvailabilityChanged
from caredesk.automation.routing.services.assignment import LOAD_STATUSES, route_ticket
from caredesk.automation.routing.tasks import (
    reassign_from_offline_agent_task,
    route_waiting_tickets_task,
)
from caredesk.tickets.actors import Actor
from caredesk.tickets.domain_events import StatusChanged, TicketChanged, TicketOpened


def _drain_after_commit(team_ids: Sequence[int]) -> None:
    ids = sorted(set(team_ids))
    if ids:
        transaction.on_commit(lambda: route_waiting_tickets_task.enqueue(ids))


def on_ticket_opened(event: TicketOpened) -> None:
    """After intelligence (language, team) and rules; before the SLA clocks, which need not wait."""
    if event.ticket.assignee_id is not None:
        return
    outcome = route_ticket(event.ticket, actor=Actor.system())
    if outcome.ticket is not event.ticket and outcome.ticket.assignee_id is not None:
        # Later handlers of this event hold the instance the event carries: bring it up to date.
        event.ticket.refresh_from_db()


def on_status_changed(event: StatusChanged) -> None:
    """A ticket left new/open (solved, pending...): its agent has room for a waiting one."""
    ticket = event.ticket
    freed = event.previous in LOAD_STATUSES and ticket.status not in LOAD_STATUSES
    if freed and ticket.assignee is not None:
        _drain_after_commit(list(ticket.assignee.teams.values_list("pk", flat=True)))


def on_ticket_changed(event: TicketChanged) -> None:
    """Someone moved a ticket by hand: the previous agent may have room now; a ticket moved to
    another team unassigned is routed there. Routing's own changes (the system's) are skipped."""
    if event.actor.is_system:
        return
    if "assignee" in event.fields and event.ticket.team_id is not None:
        _drain_after_commit([event.ticket.team_id])
    if "team" in event.fields and event.ticket.assignee_id is None:
        route_ticket(event.ticket, actor=Actor.system())


def on_availability_changed(event: AvailabilityChanged) -> None:
    """Online: the agent's teams hand out waiting tickets. Offline: their tickets go back to
    routing in teams that ask for it."""
    agent = event.agent
    if event.availability == Availability.ONLINE:
        _drain_after_commit(list(agent.teams.values_list("pk", flat=True)))
    elif event.availability == Availability.OFFLINE:
        agent_id = agent.pk
        transaction.on_commit(lambda: reassign_from_offline_agent_task.enqueue(agent_id))
