"""Direct delivery: an SMTP server (aiosmtpd) that stores each message raw, then queues it."""

import logging
from typing import Any

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async
from django.db import close_old_connections

from caredesk.channels.email.models import InboundSource
from caredesk.channels.email.services.ingest import mailbox_for_recipients, store_raw

logger = logging.getLogger(__name__)


def _accept(raw: bytes, recipients: list[str]) -> int:
    # The receiver is long-lived: drop connections the server closed, as Django does per request.
    close_old_connections()
    return accept(raw, recipients)


def accept(raw: bytes, recipients: list[str]) -> int:
    """Store one delivered message raw (committed), then queue its processing."""
    from caredesk.channels.email.tasks import enqueue_processing

    inbound = store_raw(raw, source=InboundSource.SMTP, mailbox=mailbox_for_recipients(recipients))
    # Stored and committed: from here on the message cannot be lost, so an enqueue failure only
    # delays it until the periodic sweep.
    try:
        enqueue_processing(inbound.pk)
    except Exception:
        logger.exception("email_enqueue_failed", extra={"inbound_id": inbound.pk})
    return inbound.pk


class InboundHandler:
    """aiosmtpd handler: 250 only once the raw message is committed, 451 if it could not be."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        try:
            await sync_to_async(_accept, thread_sensitive=True)(raw, list(envelope.rcpt_tos))
        except Exception:
            logger.exception("email_store_failed")
            return "451 4.3.0 Could not store the message; try again later"
        return "250 2.0.0 Message accepted"


def make_controller(*, host: str = "127.0.0.1", port: int = 2525) -> Controller:
    # Binary-safe: keep 8-bit mail as bytes rather than decoding it.
    return Controller(InboundHandler(), hostname=host, port=port, decode_data=False)
