"""The email channel's background entry points. They take ids, are idempotent, call services."""

from django_tasks import task

from caredesk.channels.email.services import imap, ingest, outbound


@task()
def process_inbound_task(inbound_id: int) -> str:
    return str(ingest.process_inbound(inbound_id).state)


@task()
def send_outbound_task(outbound_id: int) -> str:
    return str(outbound.send_outbound(outbound_id).state)


@task()
def poll_mailboxes_task() -> int:
    """Fetch new mail from every active IMAP mailbox; return how many messages were stored."""
    return imap.poll_all()


@task()
def email_due_work_task() -> dict[str, int]:
    """Process mail stored but never processed (a worker died) and retry due outbound email."""
    return {"inbound": ingest.process_pending(), "outbound": outbound.send_due()}


def enqueue_processing(inbound_id: int) -> None:
    process_inbound_task.enqueue(inbound_id)
