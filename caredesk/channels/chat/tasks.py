"""Live chat's background entry points: they take nothing and are idempotent."""

from django_tasks import task

from caredesk.channels.chat.services.timeouts import expire_due_chats


@task()
def expire_chats_task() -> int:
    """Answer by email the chats nobody accepted in time; close the chats gone idle."""
    return expire_due_chats()
