"""How the social channel follows tickets and customers. Subscribed in caredesk/subscriptions.py."""

from caredesk.channels.social.models import Conversation
from caredesk.channels.social.services.inbound import move_conversations
from caredesk.channels.social.services.outbound import queue_delivery
from caredesk.tickets.domain_events import CustomersMerged, MessageAdded


def on_message_added(event: MessageAdded) -> None:
    """The team's public messages on a ticket that came in by a bridge go back out through it."""
    if not event.message.is_public or event.actor.is_customer:
        return
    conversation = (
        Conversation.objects.select_related("channel")
        .filter(ticket=event.ticket, channel__is_active=True)
        .order_by("-updated_at", "-id")
        .first()
    )
    if conversation is not None:
        queue_delivery(event.message, conversation)


def on_customers_merged(event: CustomersMerged) -> None:
    move_conversations(event.source, into=event.target)
