"""Routing a ticket to an agent of its team, and explaining the choice on the timeline.

``route_ticket`` gathers the facts (the team's agents, their weighted loads in one aggregate
query, the ticket's language and skills), asks the pure ``automation.routing.decide``, assigns
through ``update_ticket`` and records one ``routing.*`` event whose payload lists every agent
considered and why the others were skipped.

Load counts the agent's new and open tickets, weighted by priority with the routing team's
weights. Pending and on-hold tickets wait on someone else and take none of the agent's time until
the customer (or the third party) answers and the ticket is open again. Chat tickets are left to
the chat queue, where agents accept them under their concurrent-chat limit.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Case, FloatField, Sum, Value, When

from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import AgentProfile, User
from caredesk.automation.choices import RoutingEventKind, RoutingMode
from caredesk.automation.models import AnswerDeadline, RoutingPolicy
from caredesk.automation.routing.decision import Candidate, Decision, Shift, TicketFacts, decide
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel, TicketStatus
from caredesk.tickets.events import record_event
from caredesk.tickets.locks import locked_ticket
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.update import TicketChanges, update_ticket

LOAD_STATUSES = (TicketStatus.NEW, TicketStatus.OPEN)
ROUTABLE_STATUSES = LOAD_STATUSES


@dataclass(frozen=True)
class Reassignment:
    """Take the ticket from its assignee: who, why, and whether to leave it unassigned when
    nobody else can take it (yes for an agent gone offline; no for a slow answer)."""

    agent_id: int
    reason: str
    unassign_if_nobody: bool


@dataclass(frozen=True)
class RoutingOutcome:
    ticket: Ticket
    decision: Decision | None  # None: not routed at all (manual team, chat, already assigned)


def locked_policy(team_id: int) -> RoutingPolicy | None:
    """The team's routing row under lock: it serialises a team's decisions, so two tickets routed
    at once see each other's load and move the round-robin cursor one after the other."""
    return RoutingPolicy.objects.select_for_update().filter(pk=team_id).first()


def weighted_loads(agent_ids: Sequence[int], weights: Mapping[int, float]) -> dict[int, float]:
    """Each agent's weighted open tickets, in one aggregate query."""
    weight = Case(
        *(When(priority=priority, then=Value(value)) for priority, value in weights.items()),
        default=Value(1.0),
        output_field=FloatField(),
    )
    rows = (
        Ticket.objects.filter(assignee_id__in=agent_ids, status__in=LOAD_STATUSES)
        .values("assignee_id")
        .annotate(load=Sum(weight))
        .order_by()
    )
    return {row["assignee_id"]: float(row["load"] or 0) for row in rows}


def team_candidates(team_id: int, weights: Mapping[int, float]) -> list[Candidate]:
    agents = list(
        User.objects.filter(teams=team_id, is_active=True, role__in=STAFF_ROLES)
        .select_related("agent_profile")
        .prefetch_related("shifts")
        .order_by("pk")
    )
    loads = weighted_loads([agent.pk for agent in agents], weights)
    candidates = []
    for agent in agents:
        profile = getattr(agent, "agent_profile", None) or AgentProfile(user=agent)
        candidates.append(
            Candidate(
                agent_id=agent.pk,
                name=agent.name,
                availability=profile.availability,
                load=loads.get(agent.pk, 0.0),
                capacity=profile.max_open_load,
                languages=frozenset(profile.spoken_languages),
                skills=frozenset(profile.skills),
                channels=frozenset(profile.channels),
                tier=profile.tier,
                time_zone=agent.timezone,
                shifts=tuple(
                    Shift(shift.weekday, shift.starts_at, shift.ends_at)
                    for shift in agent.shifts.all()
                ),
            )
        )
    return candidates


def ticket_facts(
    ticket: Ticket, policy: RoutingPolicy, excluded: Mapping[int, str] | None = None
) -> TicketFacts:
    wanted = {name.lower() for name in ticket.tags.values_list("name", flat=True)}
    if ticket.category is not None:
        wanted.add(ticket.category.slug.lower())
    return TicketFacts(
        ticket_id=ticket.pk,
        weight=policy.weights().get(ticket.priority, 1.0),
        priority=ticket.priority,
        language=ticket.language or ticket.requester.language or "",
        channel=ticket.channel,
        wanted_skills=frozenset(wanted),
        is_vip=ticket.requester.is_vip,
        excluded=dict(excluded or {}),
    )


def _payload(decision: Decision, mode: str, reassigned: Reassignment | None) -> dict:
    data: dict = {
        "summary": decision.summary,
        "mode": mode,
        "agent_id": decision.agent_id,
        "reasons": list(decision.reasons),
        "considered": list(decision.considered),
        "skipped": [
            {"agent_id": s.agent_id, "name": s.name, "reason": s.reason} for s in decision.skipped
        ],
    }
    if reassigned is not None:
        data["from_agent_id"] = reassigned.agent_id
        data["because"] = reassigned.reason
    return data


def _schedule_answer(
    ticket: Ticket, policy: RoutingPolicy, agent: User | None, now: datetime
) -> None:
    AnswerDeadline.objects.filter(ticket=ticket).delete()
    minutes = policy.reassign_unanswered_after_minutes
    if agent is not None and minutes:
        AnswerDeadline.objects.create(
            ticket=ticket, assignee=agent, assigned_at=now, due_at=now + timedelta(minutes=minutes)
        )


def route_ticket(
    ticket: Ticket,
    *,
    actor: Actor,
    reassign: Reassignment | None = None,
    record_waiting: bool = True,
) -> RoutingOutcome:
    """Choose an agent for ``ticket`` by its team's routing policy and assign them.

    One transaction: the ticket is locked, then its team's policy row. Without ``reassign`` an
    assigned ticket is left alone. ``record_waiting=False`` skips the "left in the queue" event,
    for the queue drain that retries waiting tickets whenever capacity frees up.
    """
    with transaction.atomic():
        ticket = locked_ticket(ticket.pk)
        if (
            ticket.team_id is None
            or ticket.status not in ROUTABLE_STATUSES
            or ticket.channel == Channel.CHAT
        ):
            return RoutingOutcome(ticket, None)
        if reassign is None and ticket.assignee_id is not None:
            return RoutingOutcome(ticket, None)
        if reassign is not None and ticket.assignee_id != reassign.agent_id:
            return RoutingOutcome(ticket, None)  # someone moved it meanwhile
        policy = locked_policy(ticket.team_id)
        routes_by_hand = policy is None or policy.mode == RoutingMode.MANUAL
        if routes_by_hand and (reassign is None or not reassign.unassign_if_nobody):
            return RoutingOutcome(ticket, None)
        weights = policy.weights() if policy else RoutingPolicy().weights()
        mode = policy.mode if policy else RoutingMode.MANUAL
        excluded = {reassign.agent_id: reassign.reason} if reassign else {}
        decision = decide(
            ticket_facts(ticket, policy or RoutingPolicy(), excluded),
            team_candidates(ticket.team_id, weights),
            mode=mode,
            now=clock.now(),
            last_agent_id=policy.last_assigned_id if policy else None,
        )
        chosen = User.objects.get(pk=decision.agent_id) if decision.agent_id else None
        data = _payload(decision, mode, reassign)
        if chosen is None and reassign is None:
            if record_waiting:
                record_event(ticket, RoutingEventKind.WAITING, actor=actor, data=data)
            return RoutingOutcome(ticket, decision)
        if chosen is None and reassign is not None and not reassign.unassign_if_nobody:
            AnswerDeadline.objects.filter(ticket=ticket).delete()
            data["summary"] = f"{reassign.reason}, but nobody else can take it: {decision.summary}"
            record_event(ticket, RoutingEventKind.REASSIGNED, actor=actor, data=data)
            return RoutingOutcome(ticket, decision)
        ticket = update_ticket(ticket, actor=actor, changes=TicketChanges(assignee=chosen))
        if policy is not None:
            _schedule_answer(ticket, policy, chosen, clock.now())
            if chosen is not None:
                policy.last_assigned = chosen
                policy.save(update_fields=["last_assigned"])
        kind = RoutingEventKind.ASSIGNED
        if reassign is not None:
            kind = RoutingEventKind.REASSIGNED
            data["summary"] = f"{reassign.reason}; {decision.summary}"
        record_event(ticket, kind, actor=actor, data=data)
    return RoutingOutcome(ticket, decision)


def waiting_ticket_ids(team_ids: Sequence[int], *, limit: int) -> list[int]:
    """A bounded batch of the teams' unassigned tickets: urgent or VIP first, then by priority,
    then the oldest. Served by the ``ticket_waiting_for_agent`` partial index."""
    first = Case(
        When(priority__gte=4, then=Value(1)),
        When(requester__is_vip=True, then=Value(1)),
        default=Value(0),
    )
    return list(
        Ticket.objects.filter(team_id__in=team_ids, assignee__isnull=True, status__in=LOAD_STATUSES)
        .exclude(channel=Channel.CHAT)
        .annotate(first=first)
        .order_by("-first", "-priority", "created_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def route_waiting_tickets(team_ids: Sequence[int], *, actor: Actor, limit: int = 20) -> int:
    """Capacity freed up in these teams: route their waiting tickets in order. Returns how many
    found an agent. Teams routed by hand are left alone."""
    routed_teams = list(
        RoutingPolicy.objects.filter(pk__in=team_ids)
        .exclude(mode=RoutingMode.MANUAL)
        .values_list("pk", flat=True)
    )
    if not routed_teams:
        return 0
    assigned = 0
    for ticket_id in waiting_ticket_ids(routed_teams, limit=limit):
        outcome = route_ticket(Ticket(pk=ticket_id), actor=actor, record_waiting=False)
        if outcome.decision is not None and outcome.decision.agent_id is not None:
            assigned += 1
    return assigned
