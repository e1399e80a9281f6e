"""Routing's background entry points. They take ids (or nothing) and are idempotent: a ticket is
checked again under its lock, so one routed or changed meanwhile is left alone."""

from dataclasses import asdict

from django_tasks import task

from caredesk.automation.routing.services.assignment import route_waiting_tickets
from caredesk.automation.routing.services.reassignment import (
    reassign_from_offline_agent,
    reassign_unanswered,
)
from caredesk.tickets.actors import Actor


@task()
def reassign_unanswered_task() -> dict[str, int]:
    """Pass on routed tickets their agent did not answer in the team's time."""
    return asdict(reassign_unanswered())


@task()
def route_waiting_tickets_task(team_ids: list[int]) -> int:
    """Capacity freed up in these teams: hand their waiting tickets out, urgent and VIP first."""
    return route_waiting_tickets(team_ids, actor=Actor.system())


@task()
def reassign_from_offline_agent_task(agent_id: int) -> int:
    return reassign_from_offline_agent(agent_id)
