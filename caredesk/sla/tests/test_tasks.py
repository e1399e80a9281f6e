from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from caredesk.core import clock
from caredesk.core.scheduler import Scheduler
from caredesk.periodic import PERIODIC_TASKS
from caredesk.sla.tasks import run_due_work_task
from caredesk.tickets.tests.factories import make_ticket

MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/Berlin"))
FIRST_RESPONSE_OVERDUE = MONDAY_9 + timedelta(hours=2, minutes=1)


@pytest.fixture
def overdue_ticket(standard_policy, customer):
    with clock.pinned(MONDAY_9):
        return make_ticket(customer)


def breach_targets(ticket) -> list[str]:
    return [event.data["target"] for event in ticket.events.filter(kind="sla.breached")]


def test_the_task_fires_what_is_due_and_reports_counts(overdue_ticket):
    with clock.pinned(FIRST_RESPONSE_OVERDUE):
        done = run_due_work_task.call()

    assert done == {
        "clocks_checked": 1,
        "warnings": 1,
        "breaches": 1,
        "escalations": 0,
        "timers": 0,
    }
    assert breach_targets(overdue_ticket) == ["first_response"]


def test_running_the_task_twice_fires_the_breach_once(overdue_ticket):
    with clock.pinned(FIRST_RESPONSE_OVERDUE):
        run_due_work_task.call()
        again = run_due_work_task.call()

    assert (again["warnings"], again["breaches"]) == (0, 0)
    assert breach_targets(overdue_ticket) == ["first_response"]


def test_enqueueing_stores_the_task_for_a_worker(overdue_ticket):
    with clock.pinned(FIRST_RESPONSE_OVERDUE):
        result = run_due_work_task.enqueue()

    stored = DBTaskResult.objects.get(id=result.id)
    assert (stored.task_path, stored.status) == (
        "caredesk.sla.tasks.run_due_work_task",
        TaskResultStatus.READY,
    )
    assert breach_targets(overdue_ticket) == []


def test_an_inline_backend_runs_the_task_at_once(overdue_ticket, tasks_run_inline):
    with clock.pinned(FIRST_RESPONSE_OVERDUE):
        result = run_due_work_task.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["breaches"] == 1
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_the_scheduler_enqueues_the_sweep():
    enqueued = Scheduler(PERIODIC_TASKS, interval=30).tick()

    assert "caredesk.sla.tasks.run_due_work_task" in enqueued
    assert (
        DBTaskResult.objects.filter(
            task_path="caredesk.sla.tasks.run_due_work_task", status=TaskResultStatus.READY
        ).count()
        == 1
    )
