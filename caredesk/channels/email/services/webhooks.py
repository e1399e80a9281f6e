"""Inbound mail from email providers through django-anymail (Mailgun, Postmark, …).

Anymail verifies the provider's signature or basic auth and announces each message with its
``inbound`` signal; the receiver is the adapter boundary and only stores the raw message and
queues it, exactly like the SMTP receiver.
"""

import logging
from typing import Any

from anymail.signals import inbound

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


def connect() -> None:
    inbound.connect(on_inbound, dispatch_uid="caredesk-email-inbound")
