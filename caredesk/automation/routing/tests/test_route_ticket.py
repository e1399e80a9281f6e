"""Routing through the real services: a new ticket is assigned, explained once on its timeline."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from caredesk.accounts.choices import Role
from caredesk.accounts.services.agent_profiles import (
    ProfileChanges,
    set_availability,
    update_agent_profile,
)
from caredesk.accounts.tests.factories import UserFactory
from caredesk.automation.models import AnswerDeadline, RoutingPolicy
from caredesk.automation.routing.services.assignment import route_waiting_tickets, weighted_loads
from caredesk.automation.routing.services.policies import RoutingChanges, set_routing_policy
from caredesk.automation.routing.services.reassignment import reassign_unanswered
from caredesk.automation.routing.tasks import reassign_unanswered_task
from caredesk.core import clock
from caredesk.customers.services.customers import update_customer
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority, TicketStatus
from caredesk.tickets.models import TicketEvent
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=BERLIN)


def routing_events(ticket):
    return list(
        TicketEvent.objects.filter(ticket=ticket, kind__startswith="routing.").order_by("id")
    )


@pytest.fixture
def routed_team(team, supervisor):
    set_routing_policy(team, actor=supervisor, changes=RoutingChanges(mode="skills_based"))
    return team


@pytest.fixture
def ana(team, supervisor):
    user = UserFactory(email="ana@example.com", name="Ana", teams=[team])
    update_agent_profile(
        user,
        actor=supervisor,
        changes=ProfileChanges(languages=["en", "es"], skills=["billing"], max_open_load=3),
    )
    set_availability(user, availability="online")
    return user


@pytest.fixture
def ben(team, supervisor):
    user = UserFactory(email="ben@example.com", name="Ben", teams=[team])
    update_agent_profile(user, actor=supervisor, changes=ProfileChanges(languages=["en", "de"]))
    set_availability(user, availability="online")
    return user


def test_a_new_ticket_is_routed_with_one_explained_event(
    routed_team, supervisor, ana, ben, customer
):
    ticket = make_ticket(
        customer,
        team=routed_team,
        subject="Mi pedido no ha llegado",
        body="Hola, hice un pedido hace dos semanas y todavía no ha llegado. ¿Pueden ayudarme?",
    )

    ticket.refresh_from_db()
    assert ticket.assignee == ana
    [event] = routing_events(ticket)
    assert event.kind == "routing.assigned"
    assert event.actor_kind == "system"
    assert event.data["summary"] == "assigned to Ana: speaks es, load 0/3"
    assert event.data["considered"] == [ana.pk, ben.pk]
    assert event.data["skipped"] == [
        {"agent_id": supervisor.pk, "name": "Sam Supervisor", "reason": "offline"},
        {"agent_id": ben.pk, "name": "Ben", "reason": "does not speak es"},
    ]


def test_a_manual_team_leaves_tickets_alone(team, ana, customer):
    ticket = make_ticket(customer, team=team)

    ticket.refresh_from_db()
    assert ticket.assignee is None
    assert routing_events(ticket) == []


def test_nobody_available_leaves_the_ticket_waiting_with_the_reason(
    routed_team, supervisor, ana, customer
):
    set_availability(ana, availability="away")

    ticket = make_ticket(customer, team=routed_team)

    ticket.refresh_from_db()
    assert ticket.assignee is None
    [event] = routing_events(ticket)
    assert event.kind == "routing.waiting"
    assert event.data["summary"] == "left in the team queue: no agent is available with room"
    assert event.data["skipped"] == [
        {"agent_id": supervisor.pk, "name": "Sam Supervisor", "reason": "offline"},
        {"agent_id": ana.pk, "name": "Ana", "reason": "away"},
    ]


def test_load_is_weighted_by_priority_in_one_query(
    routed_team, ana, customer, django_assert_num_queries
):
    for priority in (Priority.LOW, Priority.URGENT):
        make_ticket(customer, team=routed_team, assignee=ana, priority=priority)
    solved = make_ticket(customer, team=routed_team, assignee=ana)
    update_ticket(
        solved, actor=Actor.of_user(ana), changes=TicketChanges(status=TicketStatus.SOLVED)
    )

    weights = RoutingPolicy.objects.get(pk=routed_team.pk).weights()

    with django_assert_num_queries(1):
        loads = weighted_loads([ana.pk], weights)

    assert loads == {ana.pk: 2.5}


def test_an_agent_at_capacity_is_skipped(routed_team, ana, customer):
    for _ in range(3):
        make_ticket(customer, team=routed_team, assignee=ana)

    ticket = make_ticket(customer, team=routed_team)

    ticket.refresh_from_db()
    assert ticket.assignee is None
    assert routing_events(ticket)[0].data["skipped"][-1] == {
        "agent_id": ana.pk,
        "name": "Ana",
        "reason": "at capacity, load 3/3",
    }


def test_freed_capacity_goes_to_urgent_and_vip_tickets_first(
    routed_team, supervisor, ana, customer, other_customer
):
    set_routing_policy(
        routed_team, actor=supervisor, changes=RoutingChanges(weight_high=1, weight_urgent=1)
    )
    set_availability(ana, availability="away")
    update_customer(other_customer, changes={"is_vip": True})
    with clock.pinned(MONDAY_9):
        oldest_normal = make_ticket(customer, team=routed_team)
    with clock.pinned(MONDAY_9 + timedelta(minutes=1)):
        high = make_ticket(customer, team=routed_team, priority=Priority.HIGH)
    with clock.pinned(MONDAY_9 + timedelta(minutes=2)):
        vip = make_ticket(other_customer, team=routed_team)
    with clock.pinned(MONDAY_9 + timedelta(minutes=3)):
        urgent = make_ticket(customer, team=routed_team, priority=Priority.URGENT)
    set_availability(ana, availability="online")

    assigned = route_waiting_tickets([routed_team.pk], actor=Actor.system())

    assert assigned == 3
    order = [t.pk for t in (vip, urgent, high, oldest_normal)]
    assert [t.pk for t in ana.assigned_tickets.order_by("pk")] == sorted(order[:3])
    oldest_normal.refresh_from_db()
    assert oldest_normal.assignee is None


def test_going_online_hands_out_waiting_tickets(
    routed_team, ana, customer, tasks_run_inline, django_capture_on_commit_callbacks
):
    set_availability(ana, availability="away")
    ticket = make_ticket(customer, team=routed_team)

    with django_capture_on_commit_callbacks(execute=True):
        set_availability(ana, availability="online")

    ticket.refresh_from_db()
    assert ticket.assignee == ana
    assert [event.kind for event in routing_events(ticket)] == [
        "routing.waiting",
        "routing.assigned",
    ]


def test_solving_a_ticket_frees_capacity_for_a_waiting_one(
    routed_team, ana, customer, tasks_run_inline, django_capture_on_commit_callbacks
):
    held = [make_ticket(customer, team=routed_team) for _ in range(3)]
    waiting = make_ticket(customer, team=routed_team)
    waiting.refresh_from_db()
    assert waiting.assignee is None

    with django_capture_on_commit_callbacks(execute=True):
        update_ticket(
            held[0], actor=Actor.of_user(ana), changes=TicketChanges(status=TicketStatus.SOLVED)
        )

    waiting.refresh_from_db()
    assert waiting.assignee == ana


def test_going_offline_sends_tickets_back_to_routing(
    routed_team, ana, ben, customer, tasks_run_inline, django_capture_on_commit_callbacks
):
    ticket = make_ticket(customer, team=routed_team)
    ticket.refresh_from_db()
    first = ticket.assignee

    with django_capture_on_commit_callbacks(execute=True):
        set_availability(first, availability="offline")

    ticket.refresh_from_db()
    second = ben if first == ana else ana
    assert ticket.assignee == second
    event = routing_events(ticket)[-1]
    assert event.kind == "routing.reassigned"
    assert event.data["summary"].startswith(f"{first.name} went offline; assigned to {second.name}")
    assert event.data["from_agent_id"] == first.pk


def test_going_offline_with_nobody_else_puts_the_ticket_in_the_queue(
    routed_team, ana, customer, tasks_run_inline, django_capture_on_commit_callbacks
):
    ticket = make_ticket(customer, team=routed_team)

    with django_capture_on_commit_callbacks(execute=True):
        set_availability(ana, availability="offline")

    ticket.refresh_from_db()
    assert ticket.assignee is None
    assert routing_events(ticket)[-1].data["summary"] == (
        "Ana went offline; left in the team queue: no agent is available with room"
    )


def test_a_team_that_keeps_tickets_when_offline(
    routed_team, ana, supervisor, customer, tasks_run_inline, django_capture_on_commit_callbacks
):
    set_routing_policy(
        routed_team, actor=supervisor, changes=RoutingChanges(reassign_when_offline=False)
    )
    ticket = make_ticket(customer, team=routed_team)

    with django_capture_on_commit_callbacks(execute=True):
        set_availability(ana, availability="offline")

    ticket.refresh_from_db()
    assert ticket.assignee == ana


@pytest.fixture
def timed_team(routed_team, supervisor):
    set_routing_policy(
        routed_team,
        actor=supervisor,
        changes=RoutingChanges(mode="round_robin", reassign_unanswered_after_minutes=30),
    )
    return routed_team


def test_an_unanswered_ticket_is_reassigned_when_due(timed_team, ana, ben, customer):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer, team=timed_team)
    ticket.refresh_from_db()
    assert ticket.assignee == ana

    early = reassign_unanswered(now=MONDAY_9 + timedelta(minutes=29))
    swept = reassign_unanswered(now=MONDAY_9 + timedelta(minutes=30))

    assert (early.due, swept.due, swept.reassigned) == (0, 1, 1)
    ticket.refresh_from_db()
    assert ticket.assignee == ben
    event = routing_events(ticket)[-1]
    assert event.data["summary"] == (
        "Ana did not answer within 30 minutes; assigned to Ben: next in turn, load 0/8"
    )
    assert AnswerDeadline.objects.get(ticket=ticket).assignee == ben


def test_an_answered_ticket_stays(timed_team, ana, ben, customer):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer, team=timed_team)
    with clock.pinned(MONDAY_9 + timedelta(minutes=10)):
        add_message(ticket, actor=Actor.of_user(ana), body="Looking into it.")

    swept = reassign_unanswered(now=MONDAY_9 + timedelta(minutes=30))

    assert (swept.due, swept.settled, swept.reassigned) == (1, 1, 0)
    ticket.refresh_from_db()
    assert ticket.assignee == ana
    assert not AnswerDeadline.objects.exists()


def test_an_unanswered_ticket_nobody_else_can_take_stays_once(timed_team, ana, customer):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer, team=timed_team)

    reassign_unanswered(now=MONDAY_9 + timedelta(minutes=30))
    again = reassign_unanswered(now=MONDAY_9 + timedelta(minutes=60))

    ticket.refresh_from_db()
    assert ticket.assignee == ana
    assert again.due == 0
    assert routing_events(ticket)[-1].data["summary"] == (
        "Ana did not answer within 30 minutes, but nobody else can take it: left in the team "
        "queue: no agent is available with room"
    )


def test_round_robin_moves_the_team_cursor(timed_team, ana, ben, customer):
    tickets = [make_ticket(customer, team=timed_team) for _ in range(4)]

    assignees = [t.__class__.objects.get(pk=t.pk).assignee for t in tickets]

    assert assignees == [ana, ben, ana, ben]
    assert RoutingPolicy.objects.get(pk=timed_team.pk).last_assigned == ben


def test_supervisor_only_for_agents_role(team, agent):
    other = UserFactory(role=Role.AGENT, teams=[team])

    with pytest.raises(Exception, match="Only supervisors"):
        update_agent_profile(other, actor=agent, changes=ProfileChanges(skills=["x"]))


def test_the_periodic_task_sweeps_due_deadlines(timed_team, ana, ben, customer, tasks_run_inline):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer, team=timed_team)

    with clock.pinned(MONDAY_9 + timedelta(hours=1)):
        result = reassign_unanswered_task.enqueue()

    assert result.return_value == {"due": 1, "settled": 0, "reassigned": 1}
    ticket.refresh_from_db()
    assert ticket.assignee == ben


def test_a_ticket_moved_by_hand_is_left_alone_by_the_sweep(timed_team, ana, ben, customer):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer, team=timed_team)
        update_ticket(ticket, actor=Actor.of_user(ana), changes=TicketChanges(assignee=ben))

    swept = reassign_unanswered(now=MONDAY_9 + timedelta(minutes=30))

    assert (swept.due, swept.settled, swept.reassigned) == (1, 1, 0)
    ticket.refresh_from_db()
    assert ticket.assignee == ben


def test_a_ticket_moved_to_a_routed_team_is_routed_there(
    routed_team, other_team, ana, supervisor, customer
):
    ticket = make_ticket(customer, team=other_team)

    update_ticket(ticket, actor=Actor.of_user(supervisor), changes=TicketChanges(team=routed_team))

    ticket.refresh_from_db()
    assert ticket.assignee == ana
    assert routing_events(ticket)[0].kind == "routing.assigned"
