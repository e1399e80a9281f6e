"""After a ticket is solved: a follow-up message after N days, and closing after M days unless
the customer replies (which reopens the ticket and cancels both)."""

from datetime import datetime, timedelta

from django.db import transaction

from caredesk.sla.models import LifecycleSettings, TicketTimer, TimerKind
from caredesk.sla.services.acknowledgement import render
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import TicketStatus
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket


def lifecycle_settings() -> LifecycleSettings:
    settings, _ = LifecycleSettings.objects.get_or_create(pk=1)
    return settings


def cancel_timers(ticket: Ticket, *, at: datetime) -> int:
    return TicketTimer.objects.filter(
        ticket=ticket, done_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=at)


def schedule_after_solving(ticket: Ticket, *, at: datetime) -> None:
    cancel_timers(ticket, at=at)
    settings = lifecycle_settings()
    timers = []
    if settings.follow_up_after_days:
        timers.append(
            TicketTimer(
                ticket=ticket,
                kind=TimerKind.FOLLOW_UP,
                due_at=at + timedelta(days=settings.follow_up_after_days),
            )
        )
    if settings.close_after_days:
        timers.append(
            TicketTimer(
                ticket=ticket,
                kind=TimerKind.AUTO_CLOSE,
                due_at=at + timedelta(days=settings.close_after_days),
            )
        )
    TicketTimer.objects.bulk_create(timers)


def _fire(timer: TicketTimer, *, now: datetime) -> bool:
    ticket = timer.ticket
    if ticket.status != TicketStatus.SOLVED:
        timer.cancelled_at = now
        return False
    if timer.kind == TimerKind.FOLLOW_UP:
        customer = ticket.requester
        body = render(
            lifecycle_settings().follow_up_body,
            {
                "greeting_name": customer.greeting_name,
                "ticket_number": str(ticket.pk),
                "subject": ticket.subject,
                "expected_reply": "",
            },
        )
        add_message(ticket, actor=Actor.system(), body=body, channel=ticket.channel)
    else:
        update_ticket(
            ticket, actor=Actor.system(), changes=TicketChanges(status=TicketStatus.CLOSED)
        )
    timer.done_at = now
    return True


def run_due_timers(*, now: datetime, limit: int = 500) -> int:
    fired = 0
    due_ids = list(
        TicketTimer.objects.filter(done_at__isnull=True, cancelled_at__isnull=True, due_at__lte=now)
        .order_by("due_at")
        .values_list("id", flat=True)[:limit]
    )
    for timer_id in due_ids:
        with transaction.atomic():
            timer = (
                TicketTimer.objects.select_for_update(of=("self",))
                .select_related("ticket", "ticket__requester")
                .filter(pk=timer_id, done_at__isnull=True, cancelled_at__isnull=True)
                .first()
            )
            if timer is None:
                continue
            fired += _fire(timer, now=now)
            timer.save(update_fields=["done_at", "cancelled_at"])
    return fired
