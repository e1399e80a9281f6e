"""Service levels' background entry points. They take no arguments and are idempotent."""

from dataclasses import asdict

from django_tasks import task

from caredesk.sla.services.due_work import run_due_work


@task()
def run_due_work_task() -> dict[str, int]:
    """Fire due warnings and breaches, delayed escalations and follow-up/auto-close timers.

    Safe to run at any time and any number of times at once: each due item is re-checked under its
    row lock, so an item handled by one run is skipped by the next.
    """
    return asdict(run_due_work())
