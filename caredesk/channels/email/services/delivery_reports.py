"""Delivery reports from email providers (Mailgun, Postmark… through django-anymail).

A provider that could not deliver a reply says so on its tracking webhook; the email is marked
failed with the provider's reason and the agent who wrote it is told, exactly as for a bounce that
comes back by mail (``ingest._bounce``). Reports of anything else (delivered, opened, deferred)
change nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from caredesk.channels.email.models import OutboundEmail
from caredesk.channels.email.services.outbound import METADATA_KEY, mark_failed

# Anymail's normalised event types that mean the email will not arrive.
UNDELIVERABLE = frozenset({"bounced", "rejected", "failed"})


@dataclass(frozen=True)
class DeliveryReport:
    provider: str
    event: str
    message_id: str  # the Message-ID header as the provider reports it, brackets or not
    metadata: dict[str, str]
    reason: str


def _outbound_for(report: DeliveryReport) -> OutboundEmail | None:
    outbound_id = str(report.metadata.get(METADATA_KEY, ""))
    if outbound_id.isdigit():
        found = OutboundEmail.objects.filter(pk=int(outbound_id)).first()
        if found is not None:
            return found
    header = report.message_id.strip().strip("<>")
    if not header:
        return None
    return OutboundEmail.objects.filter(header_message_id=header).first()


def record_delivery_report(report: DeliveryReport) -> OutboundEmail | None:
    """Mark the reported email failed if the report says it will not arrive; return it."""
    if report.event not in UNDELIVERABLE:
        return None
    outbound = _outbound_for(report)
    if outbound is None:
        return None
    reason = " ".join(report.reason.split())[:500] or "no reason given"
    with transaction.atomic():
        mark_failed(outbound, reason=f"{report.provider} reports {report.event}: {reason}")
    outbound.refresh_from_db()
    return outbound
