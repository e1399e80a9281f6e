"""Automation's background entry points. They take ids (or nothing) and are idempotent."""

from django_tasks import task

from caredesk.automation.services.time_rules import run_due_time_rules
from caredesk.automation.services.webhooks import attempt_delivery, send_due_webhooks


@task()
def deliver_webhook_task(delivery_id: int) -> str | None:
    """First attempt at a rule's webhook call, right after the commit; retries come from the sweep."""
    return attempt_delivery(delivery_id)


@task()
def send_due_webhooks_task() -> int:
    """Retry webhook calls whose pause after a failure has run out."""
    return send_due_webhooks()


@task()
def run_due_time_rules_task() -> int:
    """Fire the time automations that have come due. Overlapping runs share the rows (SKIP LOCKED)."""
    return run_due_time_rules()
