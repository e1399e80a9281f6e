"""Phone channel background entry points. They take no arguments and are idempotent."""

from django_tasks import task

from caredesk.channels.voice.services.callbacks import notify_overdue_callbacks
from caredesk.core import clock


@task()
def notify_overdue_callbacks_task() -> int:
    """Tell the team about callbacks past due; each callback is announced once."""
    return notify_overdue_callbacks(now=clock.now())
