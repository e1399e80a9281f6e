"""Rules' background entry points. They take ids (or nothing) and are idempotent: a ticket is
checked again under its lock, so one changed meanwhile is judged as it is now."""

import time

from django_tasks import task

from caredesk.automation.rules.services.schedules import schedule_backlog_batch
from caredesk.automation.rules.services.time_rules import run_due_time_rules
from caredesk.automation.rules.services.webhooks import attempt_delivery, send_due_webhooks


@task()
def deliver_webhook_task(delivery_id: int) -> str | None:
    """First attempt at a rule's webhook call, right after the commit; retries come from the sweep."""
    return attempt_delivery(delivery_id)


@task()
def send_due_webhooks_task() -> int:
    """Retry webhook calls whose pause after a failure has run out."""
    return send_due_webhooks()


# A backlog task hands the rest to a new task after this long, so no worker is held for minutes.
BACKLOG_SECONDS_PER_TASK = 20.0


@task()
def schedule_rule_backlog_task(rule_id: int, version: str, after_id: int = 0) -> int:
    """Schedule a new or edited time automation on the tickets that are not closed, batch by batch;
    how many this task scheduled."""
    deadline = time.monotonic() + BACKLOG_SECONDS_PER_TASK
    scheduled = 0
    cursor: int | None = after_id
    while cursor is not None:
        batch = schedule_backlog_batch(rule_id, version=version, after_id=cursor)
        scheduled += batch.scheduled
        cursor = batch.after_id
        if cursor is not None and time.monotonic() > deadline:
            schedule_rule_backlog_task.enqueue(rule_id, version, cursor)
            break
    return scheduled


@task()
def run_due_time_rules_task() -> int:
    """Fire the time automations that have come due. Overlapping runs share the rows (SKIP LOCKED)."""
    return run_due_time_rules()
