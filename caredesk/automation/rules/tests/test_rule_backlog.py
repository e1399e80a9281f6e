"""A time automation created or enabled on a large helpdesk is scheduled on the open tickets by a
task, in short batches, after the edit committed: the edit never holds the database for the whole
backlog, and a later edit's backlog replaces an earlier one's."""

import pytest
from django_tasks_db.models import DBTaskResult

from caredesk.automation.models import RuleSchedule
from caredesk.automation.rules import tasks
from caredesk.automation.rules.services import schedules
from caredesk.automation.rules.services.config import RuleChanges, set_rule_enabled, update_rule
from caredesk.automation.rules.services.schedules import schedule_backlog_batch
from caredesk.automation.rules.tests.rule_fixtures import condition
from caredesk.tickets.models import Ticket
from caredesk.tickets.tests.factories import make_ticket

REMIND = [{"type": "send_reply", "body": "Do you still need help?"}]


@pytest.fixture
def open_tickets(customer, team):
    tickets = [make_ticket(customer, subject=f"Open {n}", team=team) for n in range(5)]
    Ticket.objects.filter(pk=tickets[2].pk).update(status="closed")
    return tickets


@pytest.fixture
def new_time_rule(make_rule):
    def make():
        return make_rule(
            "Nudge new tickets",
            REMIND,
            kind="time",
            all=[
                condition("ticket.status", "is", "new"),
                condition("ticket.created_at", "hours_since", 4),
            ],
        )

    return make


def test_the_edit_schedules_nothing_in_its_own_transaction(open_tickets, new_time_rule):
    new_time_rule()  # its on-commit callback never runs: the test's transaction never commits

    assert not RuleSchedule.objects.exists()


def test_after_the_commit_batches_schedule_every_ticket_not_closed(
    open_tickets, new_time_rule, monkeypatch, tasks_run_inline, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(schedules, "BACKLOG_BATCH", 2)

    with django_capture_on_commit_callbacks(execute=True):
        new_time_rule()

    scheduled = set(RuleSchedule.objects.values_list("ticket_id", flat=True))
    assert scheduled == {t.pk for t in open_tickets} - {open_tickets[2].pk}


def test_a_task_out_of_time_hands_the_rest_to_the_next(open_tickets, new_time_rule, monkeypatch):
    monkeypatch.setattr(schedules, "BACKLOG_BATCH", 1)
    monkeypatch.setattr(tasks, "BACKLOG_SECONDS_PER_TASK", 0.0)
    rule = new_time_rule()
    version = rule.updated_at.isoformat()

    scheduled = tasks.schedule_rule_backlog_task.call(rule.pk, version)

    assert scheduled == 1
    assert list(RuleSchedule.objects.values_list("ticket_id", flat=True)) == [open_tickets[0].pk]
    follow_up = DBTaskResult.objects.get(task_path__endswith="schedule_rule_backlog_task")
    assert follow_up.args_kwargs["args"] == [rule.pk, version, open_tickets[0].pk]


def test_a_later_edit_stops_the_earlier_backlog(open_tickets, new_time_rule, admin_user):
    rule = new_time_rule()
    earlier = rule.updated_at.isoformat()
    update_rule(rule, actor=admin_user, changes=RuleChanges(name="Nudge after 4 hours"))

    batch = schedule_backlog_batch(rule.pk, version=earlier, after_id=0)

    assert (batch.scheduled, batch.after_id) == (0, None)
    assert not RuleSchedule.objects.exists()


def test_a_disabled_rule_schedules_no_backlog(open_tickets, new_time_rule, admin_user):
    rule = set_rule_enabled(new_time_rule(), actor=admin_user, enabled=False)

    batch = schedule_backlog_batch(rule.pk, version=rule.updated_at.isoformat(), after_id=0)

    assert batch.scheduled == 0
    assert not RuleSchedule.objects.exists()


def test_one_batch_reads_only_tickets_after_its_cursor(open_tickets, new_time_rule):
    rule = new_time_rule()
    version = rule.updated_at.isoformat()

    batch = schedule_backlog_batch(rule.pk, version=version, after_id=open_tickets[3].pk)

    assert batch.scheduled == 1
    assert batch.after_id is None
    assert list(RuleSchedule.objects.values_list("ticket_id", flat=True)) == [open_tickets[4].pk]
