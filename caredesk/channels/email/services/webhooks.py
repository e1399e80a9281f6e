"""Email providers' webhooks through django-anymail (Mailgun, Postmark, …): inbound mail and
delivery reports.

Anymail verifies the provider's signature or basic auth and announces each message with its
``inbound`` signal and each delivery report, normalised, with its ``tracking`` signal: that is
the library's interface, so the receivers here are the adapter boundary. The inbound receiver only
stores the raw message and queues it, exactly like the SMTP receiver; the tracking receiver hands
the report to ``delivery_reports``.
"""

import logging
from typing import Any

from anymail.signals import inbound, tracking

from caredesk.channels.email.services.delivery_reports import (
    DeliveryReport,
    record_delivery_report,
)
from caredesk.channels.email.services.ingest import mailbox_for_recipients, store_raw

logger = logging.getLogger(__name__)


def on_inbound(sender: Any, event: Any, esp_name: str, **kwargs: Any) -> None:
    from caredesk.channels.email.tasks import enqueue_processing

    message = event.message
    raw = message.as_bytes()
    recipients = [str(address.addr_spec) for address in (message.to or [])]
    envelope = getattr(message, "envelope_recipient", None)
    if envelope:
        recipients.insert(0, str(envelope))
    stored = store_raw(
        raw, source=esp_name.lower()[:10], mailbox=mailbox_for_recipients(recipients)
    )
    try:
        enqueue_processing(stored.pk)
    except Exception:
        logger.exception("email_enqueue_failed", extra={"inbound_id": stored.pk})


def on_tracking(sender: Any, event: Any, esp_name: str, **kwargs: Any) -> None:
    reason = event.description or event.mta_response or event.reject_reason or ""
    record_delivery_report(
        DeliveryReport(
            provider=esp_name,
            event=str(event.event_type),
            message_id=str(event.message_id or ""),
            metadata=dict(event.metadata or {}),
            reason=str(reason),
        )
    )


def connect() -> None:
    inbound.connect(on_inbound, dispatch_uid="caredesk-email-inbound")
    tracking.connect(on_tracking, dispatch_uid="caredesk-email-tracking")
