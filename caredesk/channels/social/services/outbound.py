"""The team's replies on social tickets, posted to the channel's callback URL with retries.

An attempt is claimed under the row lock (``next_attempt_at`` pushed past the request's timeout)
and the HTTP request runs outside any transaction, so a slow bridge holds no lock and a worker that
dies mid-request leaves a delivery that is simply tried again.
"""

import json
import logging
from datetime import datetime

from django.db import transaction

from caredesk.accounts.services.notifications import notify
from caredesk.channels.social.choices import DeliveryState
from caredesk.channels.social.models import Conversation, OutboundDelivery
from caredesk.core import clock
from caredesk.core.signed_posts import (
    CLAIM,
    REQUEST_TIMEOUT_SECONDS,
    post_signed,
    retry_delay,
)
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, Channel
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Message

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
DELIVERY_FAILED = "social.delivery_failed"  # the timeline event once every attempt failed


def queue_delivery(message: Message, conversation: Conversation) -> OutboundDelivery:
    """Queue ``message`` for the bridge and enqueue its first attempt after the commit."""
    # The task module imports this one; importing it here keeps the cycle out of module loading.
    from caredesk.channels.social.tasks import deliver_reply_task

    now = clock.now()
    delivery, created = OutboundDelivery.objects.get_or_create(
        message=message,
        defaults={
            "channel_id": conversation.channel_id,
            "conversation": conversation,
            "next_attempt_at": now,
            "created_at": now,
        },
    )
    if created:
        transaction.on_commit(lambda: deliver_reply_task.enqueue(delivery.pk))
    return delivery


def queue_pending_replies(conversation: Conversation) -> int:
    """Queue the team's public messages on the conversation's ticket that have no delivery yet."""
    pending = Message.objects.filter(
        ticket_id=conversation.ticket_id, is_public=True, social_delivery__isnull=True
    ).exclude(author_kind=AuthorKind.CUSTOMER)
    queued = 0
    for message in pending.order_by("created_at", "id"):
        queue_delivery(message, conversation)
        queued += 1
    return queued


def _claim(delivery_id: int, *, now: datetime) -> OutboundDelivery | None:
    with transaction.atomic():
        delivery = (
            OutboundDelivery.objects.select_for_update()
            .filter(pk=delivery_id, state=DeliveryState.QUEUED, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = now + CLAIM
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return (
        OutboundDelivery.objects.select_related(
            "channel", "conversation", "message", "message__author_user"
        )
        .filter(pk=delivery_id)
        .get()
    )


def _body(delivery: OutboundDelivery) -> bytes:
    message = delivery.message
    author = message.author_user.name if message.author_user else "caredesk"
    return json.dumps(
        {
            "conversation_id": delivery.conversation.external_id,
            "message_id": message.pk,
            "ticket_id": message.ticket_id,
            "text": message.body_text,
            "html": message.body_html,
            "author_name": author,
            "sent_at": message.created_at.isoformat(),
        },
        separators=(",", ":"),
    ).encode()


def _post(delivery: OutboundDelivery) -> tuple[int | None, str]:
    """POST the reply; the status code (None if no answer came) and what went wrong, if anything."""
    return post_signed(
        delivery.channel.callback_url,
        _body(delivery),
        secret=delivery.channel.secret,
        # Retries carry the same key, so a bridge that got the first attempt can drop the rest.
        headers={"Idempotency-Key": f"caredesk-message-{delivery.message_id}"},
        timeout=REQUEST_TIMEOUT_SECONDS,
    )


def _record_result(delivery_id: int, code: int | None, error: str, *, now: datetime) -> str:
    with transaction.atomic():
        delivery = (
            OutboundDelivery.objects.select_for_update(of=("self",))
            .select_related("message__ticket__assignee", "message__ticket__team__on_call")
            .get(pk=delivery_id)
        )
        delivery.response_code = code
        delivery.last_error = error
        if not error:
            delivery.state = DeliveryState.SENT
            delivery.sent_at = now
            delivery.next_attempt_at = None
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.state = DeliveryState.FAILED
            delivery.next_attempt_at = None
            _report_failure(delivery)
        else:
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        delivery.save(
            update_fields=["response_code", "last_error", "state", "sent_at", "next_attempt_at"]
        )
    return delivery.state


def _report_failure(delivery: OutboundDelivery) -> None:
    ticket = delivery.message.ticket
    record_event(
        ticket,
        DELIVERY_FAILED,
        actor=Actor.system(),
        channel=Channel.SOCIAL,
        data={
            "message_id": delivery.message_id,
            "attempts": delivery.attempts,
            "error": delivery.last_error[:200],
        },
    )
    told = ticket.assignee or (ticket.team.on_call if ticket.team else None)
    if told is not None:
        notify(
            [told],
            subject=f"A reply on ticket #{ticket.pk} could not be delivered",
            body=f"{ticket.subject}\nGave up after {delivery.attempts} attempts: {delivery.last_error}",
            url=f"/tickets/{ticket.pk}/",
        )


def attempt_delivery(delivery_id: int, *, now: datetime | None = None) -> str | None:
    """Try to deliver once, if the delivery is queued and due; return its state afterwards.

    Returns None when there was nothing to do (already sent, or not due yet).
    """
    now = now or clock.now()
    delivery = _claim(delivery_id, now=now)
    if delivery is None:
        return None
    code, error = _post(delivery)
    if error:
        logger.warning(
            "social_delivery_failed",
            extra={"delivery": delivery_id, "attempt": delivery.attempts, "code": code},
        )
    return _record_result(delivery_id, code, error, now=clock.now())


def send_due_deliveries(*, now: datetime | None = None, limit: int = 200) -> int:
    """Attempt every queued delivery whose time has come; return how many were sent."""
    now = now or clock.now()
    due_ids = list(
        OutboundDelivery.objects.filter(state=DeliveryState.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
    return sum(
        attempt_delivery(delivery_id, now=now) == DeliveryState.SENT for delivery_id in due_ids
    )
