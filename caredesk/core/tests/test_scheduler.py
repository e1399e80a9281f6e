from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from caredesk.core.leases import acquire_lease, release_lease
from caredesk.core.models import SchedulerLease
from caredesk.core.scheduler import PeriodicTask, Scheduler
from caredesk.core.tasks import optimize_database

NOON = datetime(2026, 11, 23, 12, tzinfo=UTC)
MINUTE = timedelta(minutes=1)

pytestmark = pytest.mark.django_db


@task()
def sweep_for_tests() -> None:
    """A stand-in periodic task; core's tests may not import the domain apps' tasks."""


@task()
def hourly_for_tests() -> None:
    """A stand-in periodic task with its own, longer period."""


def enqueued_paths() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_first_holder_keeps_the_lease_until_it_expires():
    acquire_lease("sweep", holder="a", duration=MINUTE, now=NOON)

    taken_by_b = acquire_lease(
        "sweep", holder="b", duration=MINUTE, now=NOON + timedelta(seconds=59)
    )
    renewed_by_a = acquire_lease(
        "sweep", holder="a", duration=MINUTE, now=NOON + timedelta(seconds=30)
    )

    assert (taken_by_b, renewed_by_a) == (False, True)
    lease = SchedulerLease.objects.get(name="sweep")
    assert (lease.holder, lease.expires_at) == ("a", NOON + timedelta(seconds=90))


def test_an_expired_lease_is_taken_over():
    acquire_lease("sweep", holder="a", duration=MINUTE, now=NOON)

    taken_by_b = acquire_lease("sweep", holder="b", duration=MINUTE, now=NOON + MINUTE)
    renewed_by_a = acquire_lease("sweep", holder="a", duration=MINUTE, now=NOON + MINUTE)

    assert (taken_by_b, renewed_by_a) == (True, False)
    assert SchedulerLease.objects.get(name="sweep").holder == "b"


def test_a_released_lease_is_free_at_once_and_only_its_holder_releases_it():
    acquire_lease("sweep", holder="a", duration=MINUTE, now=NOON)

    released_by_b = release_lease("sweep", holder="b", now=NOON)
    released_by_a = release_lease("sweep", holder="a", now=NOON)

    assert (released_by_b, released_by_a) == (False, True)
    assert acquire_lease("sweep", holder="b", duration=MINUTE, now=NOON) is True


def test_leases_with_different_names_do_not_meet():
    acquire_lease("sweep", holder="a", duration=MINUTE, now=NOON)

    assert acquire_lease("reports", holder="b", duration=MINUTE, now=NOON) is True


def test_only_the_lease_holder_enqueues_the_periodic_tasks():
    periodic = [PeriodicTask(sweep_for_tests)]
    first = Scheduler(periodic, interval=30, holder="worker-1")
    second = Scheduler(periodic, interval=30, holder="worker-2")

    enqueued = [
        first.tick(now=NOON),
        second.tick(now=NOON + timedelta(seconds=1)),
        first.tick(now=NOON + timedelta(seconds=30)),
        second.tick(now=NOON + timedelta(seconds=31)),
    ]

    path = "caredesk.core.tests.test_scheduler.sweep_for_tests"
    assert enqueued == [[path], [], [path], []]
    assert enqueued_paths() == [path, path]


def test_a_standby_scheduler_takes_over_two_intervals_after_the_holder_stops():
    periodic = [PeriodicTask(sweep_for_tests)]
    first = Scheduler(periodic, interval=30, holder="worker-1")
    second = Scheduler(periodic, interval=30, holder="worker-2")
    first.tick(now=NOON)

    still_held = second.tick(now=NOON + timedelta(seconds=59))
    taken_over = second.tick(now=NOON + timedelta(seconds=60))

    assert still_held == []
    assert taken_over == ["caredesk.core.tests.test_scheduler.sweep_for_tests"]


def test_a_task_with_its_own_period_waits_for_it():
    scheduler = Scheduler(
        [PeriodicTask(sweep_for_tests), PeriodicTask(hourly_for_tests, every=timedelta(hours=1))],
        interval=30,
        holder="worker-1",
    )

    ticks = [scheduler.tick(now=NOON + timedelta(minutes=minutes)) for minutes in (0, 30, 60)]

    sweep = "caredesk.core.tests.test_scheduler.sweep_for_tests"
    hourly = "caredesk.core.tests.test_scheduler.hourly_for_tests"
    assert ticks == [[sweep, hourly], [sweep], [sweep, hourly]]


def test_optimize_database_runs_on_the_configured_engine(db):
    result = optimize_database.call()

    assert result == ("optimized" if connection.vendor == "sqlite" else "not needed")
