"""Table-driven SLA cases, run through the real ticket services with pinned time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F

from caredesk.core import clock
from caredesk.sla.choices import ClockState, SlaTarget
from caredesk.sla.models import TicketClock
from caredesk.sla.selectors import with_next_due
from caredesk.sla.services.sweep import due_clocks, sweep_due_clocks
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.merge import merge_tickets
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

BERLIN = ZoneInfo("Europe/Berlin")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


def open_at(moment, customer, **fields):
    with clock.pinned(moment):
        return make_ticket(customer, **fields)


def reply_at(moment, ticket, actor, *, public=True, status=None):
    with clock.pinned(moment):
        return add_message(ticket, actor=actor, body="Reply", is_public=public, status=status)


def change_at(moment, ticket, actor, **changes):
    with clock.pinned(moment):
        return update_ticket(ticket, actor=actor, changes=TicketChanges(**changes))


def the_clock(ticket, target, state=None):
    clocks = TicketClock.objects.filter(ticket=ticket, target=target)
    if state is not None:
        clocks = clocks.filter(state=state)
    return clocks.latest("id")


@pytest.mark.parametrize(
    ("opened", "target", "due"),
    [
        pytest.param(
            at(2026, 11, 23, 9), SlaTarget.FIRST_RESPONSE, at(2026, 11, 23, 11), id="within-a-day"
        ),
        pytest.param(
            at(2026, 11, 20, 16),
            SlaTarget.FIRST_RESPONSE,
            at(2026, 11, 23, 10),
            id="over-a-weekend",
        ),
        pytest.param(
            at(2026, 11, 21, 11),
            SlaTarget.FIRST_RESPONSE,
            at(2026, 11, 23, 11),
            id="opened-on-saturday",
        ),
        pytest.param(
            at(2026, 11, 23, 20),
            SlaTarget.RESOLUTION,
            at(2026, 11, 24, 17),
            id="opened-after-hours",
        ),
        pytest.param(
            at(2026, 12, 24, 16),
            SlaTarget.FIRST_RESPONSE,
            at(2026, 12, 28, 10),
            id="over-christmas-holidays",
        ),
        pytest.param(
            at(2026, 3, 27, 16), SlaTarget.FIRST_RESPONSE, at(2026, 3, 30, 10), id="over-dst-change"
        ),
    ],
)
def test_due_times_follow_the_calendar(standard_policy, customer, team, opened, target, due):
    ticket = open_at(opened, customer)

    assert the_clock(ticket, target).due_at == due


def test_urgent_policy_counts_wall_clock_time(standard_policy, urgent_policy, customer, team):
    ticket = open_at(at(2026, 11, 21, 23), customer, priority=Priority.URGENT)

    assert the_clock(ticket, SlaTarget.FIRST_RESPONSE).due_at == at(2026, 11, 21, 23, 30)
    assert the_clock(ticket, SlaTarget.RESOLUTION).due_at == at(2026, 11, 22, 3)


def test_first_reply_in_time_meets_the_first_response_target(
    standard_policy, customer, team, agent
):
    ticket = open_at(at(2026, 11, 23, 9), customer)

    reply_at(at(2026, 11, 23, 10), ticket, Actor.of_user(agent))

    first = the_clock(ticket, SlaTarget.FIRST_RESPONSE)
    assert first.state == ClockState.MET
    assert first.consumed_seconds == 3600
    assert ticket.events.filter(kind="sla.met", data__target="first_response").count() == 1


def test_late_first_reply_misses_at_the_exact_due_time(standard_policy, customer, team, agent):
    ticket = open_at(at(2026, 11, 23, 9), customer)

    reply_at(at(2026, 11, 23, 12), ticket, Actor.of_user(agent))

    first = the_clock(ticket, SlaTarget.FIRST_RESPONSE)
    assert first.state == ClockState.MISSED
    assert first.breached_at == at(2026, 11, 23, 11)


def test_internal_note_does_not_count_as_a_response(standard_policy, customer, team, agent):
    ticket = open_at(at(2026, 11, 23, 9), customer)

    reply_at(at(2026, 11, 23, 10), ticket, Actor.of_user(agent), public=False)

    assert the_clock(ticket, SlaTarget.FIRST_RESPONSE).state == ClockState.RUNNING


def test_customer_message_after_an_answer_starts_next_response(
    standard_policy, customer, team, agent
):
    ticket = open_at(at(2026, 11, 23, 9), customer)
    reply_at(at(2026, 11, 23, 9, 30), ticket, Actor.of_user(agent))

    reply_at(at(2026, 11, 23, 16), ticket, Actor.of_customer(customer))

    next_response = the_clock(ticket, SlaTarget.NEXT_RESPONSE)
    assert next_response.state == ClockState.RUNNING
    assert next_response.due_at == at(2026, 11, 24, 10)


def test_agent_reply_stops_next_response_and_restarts_periodic_update(
    standard_policy, customer, team, agent
):
    ticket = open_at(at(2026, 11, 23, 9), customer)
    reply_at(at(2026, 11, 23, 9, 30), ticket, Actor.of_user(agent))
    reply_at(at(2026, 11, 23, 10), ticket, Actor.of_customer(customer))

    reply_at(at(2026, 11, 23, 11), ticket, Actor.of_user(agent))

    assert the_clock(ticket, SlaTarget.NEXT_RESPONSE).state == ClockState.MET
    update = the_clock(ticket, SlaTarget.PERIODIC_UPDATE, ClockState.RUNNING)
    assert update.due_at == at(2026, 11, 24, 11)


def test_pending_pauses_and_customer_reply_resumes(standard_policy, customer, team, agent):
    ticket = open_at(at(2026, 11, 23, 9), customer)
    reply_at(at(2026, 11, 23, 10), ticket, Actor.of_user(agent), status="pending")

    resolution = the_clock(ticket, SlaTarget.RESOLUTION)
    assert resolution.state == ClockState.PAUSED
    assert resolution.due_at is None
    assert resolution.consumed_seconds == 3600

    reply_at(at(2026, 11, 25, 9), ticket, Actor.of_customer(customer))

    resolution.refresh_from_db()
    assert resolution.state == ClockState.RUNNING
    assert resolution.due_at == at(2026, 11, 25, 16)
    assert [event.kind for event in ticket.events.filter(kind__startswith="sla.")].count(
        "sla.paused"
    ) >= 1


def test_on_hold_pauses_only_when_the_policy_says_so(standard_policy, customer, team, agent):
    standard_policy.pause_statuses = ["pending"]
    standard_policy.save()
    ticket = open_at(at(2026, 11, 23, 9), customer)

    change_at(at(2026, 11, 23, 10), ticket, Actor.of_user(agent), status="on_hold")

    assert the_clock(ticket, SlaTarget.RESOLUTION).state == ClockState.RUNNING


def test_solving_stops_and_reopening_continues_resolution(standard_policy, customer, team, agent):
    ticket = open_at(at(2026, 11, 23, 9), customer)
    reply_at(at(2026, 11, 23, 11), ticket, Actor.of_user(agent), status="solved")

    assert the_clock(ticket, SlaTarget.RESOLUTION).state == ClockState.MET

    reply_at(at(2026, 11, 24, 9), ticket, Actor.of_customer(customer))

    reopened = the_clock(ticket, SlaTarget.RESOLUTION, ClockState.RUNNING)
    assert reopened.consumed_seconds == 2 * 3600
    assert reopened.due_at == at(2026, 11, 24, 15)


def test_policy_change_mid_ticket_replays_the_time_used(
    standard_policy, urgent_policy, customer, team, agent
):
    ticket = open_at(at(2026, 11, 23, 9), customer)

    change_at(at(2026, 11, 23, 10), ticket, Actor.of_user(agent), priority=Priority.URGENT)

    resolution = the_clock(ticket, SlaTarget.RESOLUTION)
    assert resolution.policy == urgent_policy
    assert resolution.started_at == at(2026, 11, 23, 9)
    assert resolution.due_at == at(2026, 11, 23, 13)
    assert ticket.events.filter(kind="sla.policy_changed").get().data["to"] == "Urgent"


def test_sweep_fires_warning_then_breach_at_exact_times(standard_policy, customer, team):
    ticket = open_at(at(2026, 11, 23, 9), customer)

    first = sweep_due_clocks(now=at(2026, 11, 23, 10, 45))
    second = sweep_due_clocks(now=at(2026, 11, 23, 11, 1))
    third = sweep_due_clocks(now=at(2026, 11, 23, 11, 2))

    assert (first.warnings, first.breaches) == (1, 0)
    assert (second.warnings, second.breaches) == (0, 1)
    assert third.checked == 0
    breach = ticket.events.get(kind="sla.breached")
    assert datetime.fromisoformat(breach.data["at"]) == at(2026, 11, 23, 11)
    warning = ticket.events.get(kind="sla.warning")
    assert datetime.fromisoformat(warning.data["at"]) == at(2026, 11, 23, 10, 30)


def test_sweep_reads_only_what_is_due(standard_policy, customer, team):
    due_soon = open_at(at(2026, 11, 23, 9), customer)
    open_at(at(2026, 11, 30, 9), customer)

    due = due_clocks(at(2026, 11, 23, 10, 31), limit=100)

    assert due == [the_clock(due_soon, SlaTarget.FIRST_RESPONSE)]


def test_merged_ticket_clocks_are_cancelled(standard_policy, customer, team, agent):
    survivor = open_at(at(2026, 11, 23, 9), customer)
    duplicate = open_at(at(2026, 11, 23, 9, 5), customer)

    with clock.pinned(at(2026, 11, 23, 9, 10)):
        merge_tickets(duplicate, into=survivor, actor=Actor.of_user(agent))

    assert set(TicketClock.objects.filter(ticket=duplicate).values_list("state", flat=True)) == {
        ClockState.CANCELLED
    }
    assert the_clock(survivor, SlaTarget.FIRST_RESPONSE).state == ClockState.RUNNING


def test_no_policy_means_no_clocks(customer, team):
    ticket = open_at(at(2026, 11, 23, 9), customer)

    assert not TicketClock.objects.filter(ticket=ticket).exists()


def test_queue_can_sort_by_next_due(standard_policy, urgent_policy, customer, team, agent):
    later = open_at(at(2026, 11, 23, 9), customer)
    sooner = open_at(at(2026, 11, 23, 9, 5), customer, priority=Priority.URGENT)
    paused = open_at(at(2026, 11, 23, 9, 10), customer)
    change_at(at(2026, 11, 23, 9, 15), paused, Actor.of_user(agent), status="pending")

    ordered = list(
        with_next_due(Ticket.objects.all()).order_by(F("sla_next_due_at").asc(nulls_last=True))
    )

    assert ordered == [sooner, later, paused]
    assert ordered[0].sla_next_due_at == at(2026, 11, 23, 9, 35)
