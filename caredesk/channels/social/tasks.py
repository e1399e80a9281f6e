"""Social channel background entry points: they take ids (or nothing) and are idempotent."""

from django_tasks import task

from caredesk.channels.social.services.outbound import attempt_delivery, send_due_deliveries


@task()
def deliver_reply_task(delivery_id: int) -> str | None:
    """First attempt at a reply, right after it was written; retries come from the sweep."""
    return attempt_delivery(delivery_id)


@task()
def send_due_deliveries_task() -> int:
    """Retry replies whose pause after a failure has run out."""
    return send_due_deliveries()
