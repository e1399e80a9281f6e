"""Time automations fire once, at their due time, from indexed due rows."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from caredesk.automation.models import RuleSchedule
from caredesk.automation.rules.services.time_rules import due_schedules, run_due_time_rules
from caredesk.automation.rules.tests.rule_fixtures import condition
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REMIND = [{"type": "send_reply", "body": "Hello {{customer.name}}, do you still need help?"}]


@pytest.fixture
def reminder(make_rule):
    return make_rule(
        "Remind after 3 days pending",
        REMIND,
        kind="time",
        all=[
            condition("ticket.status", "is", "pending"),
            condition("ticket.status_changed_at", "hours_since", 72),
        ],
    )


def _set_status(ticket, agent, status, at):
    with clock.pinned(at):
        update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status=status))


def _sweep(at):
    with clock.pinned(at):
        return run_due_time_rules()


def _reminders(ticket):
    return Message.objects.filter(ticket=ticket, author_kind="system").count()


def test_fires_once_at_its_due_time(reminder, ticket, agent):
    _set_status(ticket, agent, "pending", T0)
    assert RuleSchedule.objects.get().due_at == T0 + timedelta(hours=72)

    assert _sweep(T0 + timedelta(hours=71, minutes=59)) == 0
    assert _sweep(T0 + timedelta(hours=72)) == 1
    assert _sweep(T0 + timedelta(hours=90)) == 0

    assert _reminders(ticket) == 1
    row = RuleSchedule.objects.get()
    assert (row.due_at, row.fired_at) == (None, T0 + timedelta(hours=72))
    reply = Message.objects.get(ticket=ticket, author_kind="system")
    assert reply.body_text == "Hello Cora Customer, do you still need help?"


def test_a_new_state_schedules_again_and_a_left_state_never_fires(reminder, ticket, agent):
    _set_status(ticket, agent, "pending", T0)
    _sweep(T0 + timedelta(hours=72))
    _set_status(ticket, agent, "open", T0 + timedelta(hours=73))
    assert RuleSchedule.objects.get().due_at is None
    _set_status(ticket, agent, "pending", T0 + timedelta(hours=74))

    assert _sweep(T0 + timedelta(hours=74 + 71)) == 0
    assert _sweep(T0 + timedelta(hours=74 + 72)) == 1
    assert _reminders(ticket) == 2


def test_a_customer_reply_before_the_due_time_cancels_it(reminder, ticket, agent, customer):
    _set_status(ticket, agent, "pending", T0)
    with clock.pinned(T0 + timedelta(hours=5)):
        add_message(ticket, actor=Actor.of_customer(customer), body="Here is the photo.")

    assert RuleSchedule.objects.get().due_at is None
    assert _sweep(T0 + timedelta(hours=100)) == 0


def test_solved_for_five_days_closes(make_rule, ticket, agent):
    make_rule(
        "Close after 5 days solved",
        [{"type": "set_status", "status": "closed"}],
        kind="time",
        all=[
            condition("ticket.status", "is", "solved"),
            condition("ticket.solved_at", "hours_since", 120),
        ],
    )
    _set_status(ticket, agent, "solved", T0)

    assert _sweep(T0 + timedelta(days=5)) == 1

    ticket.refresh_from_db()
    assert ticket.status == "closed"
    assert (
        ticket.events.filter(kind="status.changed", data__rule="Close after 5 days solved").count()
        == 1
    )


def test_the_sweep_reads_only_due_rows(
    reminder, customer, team, agent, django_assert_max_num_queries
):
    tickets = [make_ticket(customer, team=team) for _ in range(6)]
    for index, ticket in enumerate(tickets):
        _set_status(ticket, agent, "pending", T0 + timedelta(hours=index))

    assert list(
        due_schedules(T0 + timedelta(hours=73, minutes=30), 200).values_list("ticket", flat=True)
    ) == [
        tickets[0].pk,
        tickets[1].pk,
    ]
    assert _sweep(T0 + timedelta(hours=73, minutes=30)) == 2


def test_a_rule_created_later_schedules_the_open_tickets(
    make_rule, ticket, agent, tasks_run_inline, django_capture_on_commit_callbacks
):
    _set_status(ticket, agent, "pending", T0)

    with clock.pinned(T0 + timedelta(hours=1)), django_capture_on_commit_callbacks(execute=True):
        make_rule(
            "Late rule",
            REMIND,
            kind="time",
            all=[
                condition("ticket.status", "is", "pending"),
                condition("ticket.updated_at", "hours_since", 2),
            ],
        )

    assert RuleSchedule.objects.get().due_at == T0 + timedelta(hours=2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_due_query_uses_the_partial_index(reminder, ticket, agent):
    _set_status(ticket, agent, "pending", T0)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    plan = due_schedules(T0, 200).explain()

    assert "rule_schedule_due" in plan
