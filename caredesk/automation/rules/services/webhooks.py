"""Rules' webhook calls: a JSON POST after the commit, signed, retried, with a delivery state.

An attempt is claimed under the row lock (``next_attempt_at`` pushed past the request's timeout)
and the HTTP request runs outside any transaction, so a slow receiver holds no lock and a worker
that dies mid-request leaves a delivery that is simply tried again by the sweep.
"""

import json
import logging
from datetime import datetime
from typing import Any

from django.db import transaction

from caredesk.automation.choices import RuleEventKind, WebhookState
from caredesk.automation.models import Rule, WebhookDelivery
from caredesk.core import clock
from caredesk.core.signed_posts import (
    CLAIM,
    REQUEST_TIMEOUT_SECONDS,
    post_signed,
    retry_delay,
)
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Ticket

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


def ticket_payload(ticket: Ticket) -> dict[str, Any]:
    return {
        "id": ticket.pk,
        "subject": ticket.subject,
        "status": ticket.status,
        "priority": Priority(ticket.priority).label,
        "channel": ticket.channel,
        "team": ticket.team.slug if ticket.team else None,
        "assignee": ticket.assignee.email if ticket.assignee else None,
        "category": ticket.category.slug if ticket.category else None,
        "tags": sorted(ticket.tags.values_list("name", flat=True)),
        "customer": {"name": ticket.requester.name, "email": ticket.requester.email},
        "updated_at": ticket.updated_at.isoformat(),
    }


def queue_webhook(rule: Rule, ticket: Ticket, *, url: str, event: str) -> WebhookDelivery:
    """Store the call and enqueue its first attempt after the commit. Call inside a transaction."""
    from caredesk.automation.rules.tasks import deliver_webhook_task

    now = clock.now()
    delivery = WebhookDelivery.objects.create(
        rule=rule,
        rule_name=rule.name,
        ticket=ticket,
        url=url,
        payload={
            "event": event,
            "rule": {"id": rule.pk, "name": rule.name},
            "ticket": ticket_payload(ticket),
            "sent_at": now.isoformat(),
        },
        secret=rule.webhook_secret,
        next_attempt_at=now,
        created_at=now,
    )
    transaction.on_commit(lambda: deliver_webhook_task.enqueue(delivery.pk))
    return delivery


def attempt_delivery(delivery_id: int, *, now: datetime | None = None) -> str | None:
    """One attempt; the state after it, or None when the delivery was not due (done or claimed)."""
    now = now or clock.now()
    delivery = _claim(delivery_id, now=now)
    if delivery is None:
        return None
    code, error = _post(delivery)
    return _record_result(delivery_id, code, error, now=clock.now())


def send_due_webhooks(*, now: datetime | None = None, limit: int = 100) -> int:
    now = now or clock.now()
    due = list(
        WebhookDelivery.objects.filter(state=WebhookState.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )
    return sum(attempt_delivery(delivery_id, now=now) is not None for delivery_id in due)


def _claim(delivery_id: int, *, now: datetime) -> WebhookDelivery | None:
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(pk=delivery_id, state=WebhookState.QUEUED, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = now + CLAIM
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    return post_signed(
        delivery.url,
        json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode(),
        secret=delivery.secret,
        # Retries carry the same id, so a receiver that got an earlier attempt can drop the rest.
        headers={"X-Caredesk-Delivery": str(delivery.pk)},
        timeout=REQUEST_TIMEOUT_SECONDS,
    )


def _record_result(delivery_id: int, code: int | None, error: str, *, now: datetime) -> str:
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update(of=("self",)).get(pk=delivery_id)
        delivery.response_code = code
        delivery.last_error = error
        kind = None
        if not error:
            delivery.state = WebhookState.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            kind = RuleEventKind.WEBHOOK_DELIVERED
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.state = WebhookState.FAILED
            delivery.next_attempt_at = None
            kind = RuleEventKind.WEBHOOK_FAILED
            logger.warning("rule_webhook_failed", extra={"delivery_id": delivery_id})
        else:
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        delivery.save()
        if kind is not None:
            record_event(
                delivery.ticket,
                kind,
                actor=Actor.for_rule(delivery.rule_name),
                data={
                    "delivery_id": delivery.pk,
                    "url": delivery.url,
                    "attempts": delivery.attempts,
                    "response_code": code,
                    "error": error,
                },
            )
    return str(delivery.state)
