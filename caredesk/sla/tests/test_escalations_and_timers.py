from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from caredesk.accounts.models import Notification
from caredesk.core import clock
from caredesk.sla.models import EscalationRule, TicketTimer, TimerKind
from caredesk.sla.services.due_work import run_due_work
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, Priority, TicketStatus
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=BERLIN)


@pytest.fixture
def assigned_ticket(standard_policy, customer, team, agent):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer, assignee=agent)
    return ticket


def test_warning_notifies_the_assignee(assigned_ticket, agent, django_capture_on_commit_callbacks):
    EscalationRule.objects.create(name="Warn assignee", trigger="warning", notify_assignee=True)

    with django_capture_on_commit_callbacks(execute=True):
        done = run_due_work(now=MONDAY_9 + timedelta(hours=1, minutes=31))

    assert done.warnings == 1
    notification = Notification.objects.get(user=agent)
    assert (
        notification.subject
        == f"Ticket #{assigned_ticket.pk} is close to its first response target"
    )
    assert mail.outbox[0].to == [agent.email]
    escalated = assigned_ticket.events.get(kind="sla.escalated")
    assert escalated.data["notified"] == [agent.name]


def test_breach_raises_priority_tags_and_assigns_the_on_call_supervisor(
    assigned_ticket, team, supervisor
):
    team.on_call = supervisor
    team.save()
    EscalationRule.objects.create(
        name="Breach level 2",
        trigger="breach",
        target="first_response",
        raise_priority_to=Priority.HIGH,
        assign_to_on_call=True,
        notify_team_supervisors=True,
        add_tag="escalated",
    )

    run_due_work(now=MONDAY_9 + timedelta(hours=2, minutes=1))

    assigned_ticket.refresh_from_db()
    assert assigned_ticket.priority == Priority.HIGH
    assert assigned_ticket.assignee == supervisor
    assert list(assigned_ticket.tags.values_list("name", flat=True)) == ["escalated"]
    assert Notification.objects.filter(user=supervisor).count() == 1
    assert assigned_ticket.events.get(kind="sla.escalated").data["actions"] == [
        "priority raised to high",
        f"assigned to on-call {supervisor.name}",
        "tagged escalated",
    ]


def test_delayed_level_waits_and_is_dropped_when_the_clock_stops(assigned_ticket, agent):
    EscalationRule.objects.create(
        name="Level 3", trigger="breach", target="first_response", delay_minutes=60, add_tag="late"
    )
    run_due_work(now=MONDAY_9 + timedelta(hours=2, minutes=1))

    assert run_due_work(now=MONDAY_9 + timedelta(hours=2, minutes=30)).escalations == 0
    with clock.pinned(MONDAY_9 + timedelta(hours=2, minutes=40)):
        add_message(assigned_ticket, actor=Actor.of_user(agent), body="Sorry for the wait.")

    assert run_due_work(now=MONDAY_9 + timedelta(hours=3, minutes=5)).escalations == 0
    assert not assigned_ticket.tags.exists()


def test_delayed_level_fires_when_still_breached(assigned_ticket):
    EscalationRule.objects.create(
        name="Level 3", trigger="breach", target="first_response", delay_minutes=60, add_tag="late"
    )
    run_due_work(now=MONDAY_9 + timedelta(hours=2, minutes=1))

    done = run_due_work(now=MONDAY_9 + timedelta(hours=3, minutes=1))

    assert done.escalations == 1
    assert list(assigned_ticket.tags.values_list("name", flat=True)) == ["late"]


def solve_at(ticket, agent, moment):
    with clock.pinned(moment):
        add_message(
            ticket, actor=Actor.of_user(agent), body="Fixed it.", status=TicketStatus.SOLVED
        )


def test_solved_ticket_gets_a_follow_up_then_closes(assigned_ticket, agent):
    solve_at(assigned_ticket, agent, MONDAY_9 + timedelta(hours=1))

    after_follow_up = run_due_work(now=MONDAY_9 + timedelta(days=3, hours=2))
    after_close = run_due_work(now=MONDAY_9 + timedelta(days=7, hours=2))

    assert (after_follow_up.timers, after_close.timers) == (1, 1)
    follow_up = assigned_ticket.messages.filter(author_kind=AuthorKind.SYSTEM).get()
    assert follow_up.body_text.startswith("Hello Cora,\n\nwe solved your request")
    assigned_ticket.refresh_from_db()
    assert assigned_ticket.status == TicketStatus.CLOSED


def test_customer_reply_cancels_follow_up_and_closing(assigned_ticket, agent, customer):
    solve_at(assigned_ticket, agent, MONDAY_9 + timedelta(hours=1))

    with clock.pinned(MONDAY_9 + timedelta(days=1)):
        add_message(assigned_ticket, actor=Actor.of_customer(customer), body="Still broken.")

    assert run_due_work(now=MONDAY_9 + timedelta(days=8)).timers == 0
    assigned_ticket.refresh_from_db()
    assert assigned_ticket.status == TicketStatus.OPEN
    assert set(TicketTimer.objects.values_list("cancelled_at", flat=True)) != {None}


def test_timer_for_a_ticket_that_moved_on_is_cancelled_not_fired(assigned_ticket, agent):
    solve_at(assigned_ticket, agent, MONDAY_9 + timedelta(hours=1))
    TicketTimer.objects.filter(kind=TimerKind.FOLLOW_UP).update(cancelled_at=None)
    with clock.pinned(MONDAY_9 + timedelta(days=1)):
        update_ticket(
            assigned_ticket,
            actor=Actor.of_user(agent),
            changes=TicketChanges(status=TicketStatus.CLOSED),
        )

    assert run_due_work(now=MONDAY_9 + timedelta(days=10)).timers == 0
