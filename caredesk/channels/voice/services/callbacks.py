"""Callbacks owed to callers who did not get through, and telling the team when one is overdue."""

from datetime import datetime, timedelta

from django.db import transaction

from caredesk.accounts.choices import STAFF_ROLES
from caredesk.accounts.models import User
from caredesk.accounts.services.notifications import notify
from caredesk.channels.voice.models import CallbackRequest, CallRecord, VoiceIntegration
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import UNRESOLVED_STATUSES, Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.update import add_tag

CALLBACK_TAG = "callback"
# Timeline event kinds of callbacks.
CALLBACK_SCHEDULED = "callback.scheduled"
CALLBACK_COMPLETED = "callback.completed"
CALLBACK_OVERDUE = "callback.overdue"
DEFAULT_CALLBACK_MINUTES = 60


def schedule_callback(
    call: CallRecord, *, integration: VoiceIntegration | None, now: datetime
) -> CallbackRequest:
    """Owe the caller a callback: tag the ticket and put the due time on its timeline.

    Trusted: call inside the transaction that logged ``call``.
    """
    ticket = call.message.ticket
    minutes = integration.callback_within_minutes if integration else DEFAULT_CALLBACK_MINUTES
    callback = CallbackRequest.objects.create(
        call=call,
        ticket=ticket,
        phone_number=call.from_number,
        due_at=now + timedelta(minutes=minutes),
        created_at=now,
    )
    add_tag(ticket, CALLBACK_TAG, actor=Actor.system(), channel=Channel.PHONE)
    record_event(
        ticket,
        CALLBACK_SCHEDULED,
        actor=Actor.system(),
        channel=Channel.PHONE,
        data={
            "call_id": call.pk,
            "phone": callback.phone_number,
            "outcome": call.outcome,
            "due_at": callback.due_at.isoformat(),
        },
    )
    return callback


def complete_callbacks(ticket: Ticket, *, call: CallRecord, actor: Actor, now: datetime) -> int:
    """An answered outbound call to the customer settles every callback owed on the ticket."""
    owed = list(
        CallbackRequest.objects.select_for_update().filter(ticket=ticket, completed_at__isnull=True)
    )
    for callback in owed:
        callback.completed_at = now
        callback.save(update_fields=["completed_at"])
        record_event(
            ticket,
            CALLBACK_COMPLETED,
            actor=actor,
            channel=Channel.PHONE,
            data={"callback_call_id": callback.call_id, "by_call_id": call.pk},
        )
    return len(owed)


def _recipients(ticket: Ticket) -> list[User]:
    if ticket.assignee is not None and ticket.assignee.is_active:
        return [ticket.assignee]
    if ticket.team is None:
        return []
    return list(ticket.team.members.filter(is_active=True, role__in=STAFF_ROLES))


def _settle_overdue(callback: CallbackRequest, *, now: datetime) -> bool:
    ticket = callback.ticket
    if ticket.status not in UNRESOLVED_STATUSES:
        # Solved without a callback logged: nobody needs reminding any more.
        callback.completed_at = now
        callback.save(update_fields=["completed_at"])
        return False
    recipients = _recipients(ticket)
    notify(
        recipients,
        subject=f"Callback overdue: {callback.phone_number} (ticket #{ticket.pk})",
        body=f"{ticket.subject}\nThe callback was due {callback.due_at:%Y-%m-%d %H:%M %Z}.",
        url=f"/tickets/{ticket.pk}/",
    )
    callback.overdue_notified_at = now
    callback.save(update_fields=["overdue_notified_at"])
    record_event(
        ticket,
        CALLBACK_OVERDUE,
        actor=Actor.system(),
        channel=Channel.PHONE,
        data={
            "call_id": callback.call_id,
            "due_at": callback.due_at.isoformat(),
            "notified": sorted(user.name for user in recipients),
        },
    )
    return True


def notify_overdue_callbacks(*, now: datetime, limit: int = 500) -> int:
    """Tell the team about callbacks past due; each is announced once. Returns how many."""
    due_ids = list(
        CallbackRequest.objects.filter(
            completed_at__isnull=True, overdue_notified_at__isnull=True, due_at__lte=now
        )
        .order_by("due_at")
        .values_list("id", flat=True)[:limit]
    )
    notified = 0
    for callback_id in due_ids:
        with transaction.atomic():
            callback = (
                CallbackRequest.objects.select_for_update(of=("self",))
                .select_related("ticket", "ticket__assignee", "ticket__team")
                .filter(pk=callback_id, completed_at__isnull=True, overdue_notified_at__isnull=True)
                .first()
            )
            if callback is not None:
                notified += _settle_overdue(callback, now=now)
    return notified
