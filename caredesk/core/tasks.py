"""The kernel's own background work: housekeeping of the task queue itself."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django_tasks import task, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from caredesk.core import bus, clock

# Enough to look into yesterday's failures; the sweep alone stores a result every interval.
FINISHED_RESULTS_KEPT_FOR = timedelta(days=3)


@task()
def prune_task_results() -> int:
    """Delete finished results of database-backed tasks older than a few days; return how many.

    Redis (django-tasks-rq) expires its own results, so only database backends are pruned.
    """
    aliases = [
        alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)
    ]
    deleted, _ = (
        DBTaskResult.objects.finished()
        .filter(backend_name__in=aliases, finished_at__lte=clock.now() - FINISHED_RESULTS_KEPT_FOR)
        .delete()
    )
    return deleted


@task()
def optimize_database() -> str:
    """Keep SQLite's planner statistics fresh; PostgreSQL's autovacuum does this by itself.

    Without statistics SQLite starts a search from the visibility scope (most of the table)
    instead of the full-text match: 27 ms against 6 ms at 100k tickets in bench/. ``PRAGMA
    optimize`` re-analyses only the tables whose contents changed enough, so it is cheap to run.
    """
    if connection.vendor != "sqlite":
        return "not needed"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return "optimized"


@task()
def run_reactions_task(events: list[dict[str, Any]], carried: dict[str, Any]) -> int:
    """The after-commit reactions to one committed transaction's events (``caredesk.core.bus``)."""
    return bus.run_reactions(events, carried)
