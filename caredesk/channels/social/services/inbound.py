"""Messages bridged from a messaging network: stored raw, then threaded by conversation."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from caredesk.channels.social.choices import PayloadState
from caredesk.channels.social.models import Conversation, InboundPayload, SocialChannel
from caredesk.channels.social.payloads import IncomingSocialMessage
from caredesk.channels.social.services.outbound import queue_pending_replies
from caredesk.core import clock
from caredesk.core.errors import DomainError
from caredesk.customers.choices import IdentityKind
from caredesk.customers.models import Customer
from caredesk.customers.services.identities import resolve_customer_by_identity
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel
from caredesk.tickets.models import Message
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.open_ticket import open_ticket


def store_payload(channel: SocialChannel, *, body: bytes) -> InboundPayload:
    """Keep the body as sent, committed on its own before anything may fail on it."""
    with transaction.atomic():
        return InboundPayload.objects.create(
            channel=channel, received_at=clock.now(), raw_body=body
        )


def flag_payload(payload: InboundPayload, error: DomainError) -> None:
    payload.state = PayloadState.FLAGGED
    payload.problem = error.message
    payload.field = (error.field or "")[:100]
    payload.save(update_fields=["state", "problem", "field"])


@dataclass(frozen=True)
class Received:
    message: Message
    conversation: Conversation | None
    created: bool


def message_external_id(channel: SocialChannel, message_id: str) -> str:
    return f"{channel.pk}:{message_id}"


def _thread(
    channel: SocialChannel,
    incoming: IncomingSocialMessage,
    customer: Customer,
    external_id: str,
) -> tuple[Message, Conversation]:
    now = clock.now()
    actor = Actor.of_customer(customer)
    conversation = (
        Conversation.objects.select_for_update()
        .filter(channel=channel, external_id=incoming.conversation_id)
        .first()
    )
    if conversation is None:
        ticket = open_ticket(
            requester=customer,
            actor=actor,
            subject=incoming.subject,
            body=incoming.text,
            channel=Channel.SOCIAL,
            team=channel.team,
            external_id=external_id,
        )
        conversation = Conversation.objects.create(
            channel=channel,
            external_id=incoming.conversation_id,
            ticket=ticket,
            customer=customer,
            created_at=now,
            updated_at=now,
        )
        # The acknowledgement was written as the ticket opened, before the conversation existed.
        queue_pending_replies(conversation)
        return ticket.messages.get(channel=Channel.SOCIAL, external_id=external_id), conversation
    message = add_message(
        conversation.ticket,
        actor=actor,
        body=incoming.text,
        channel=Channel.SOCIAL,
        external_id=external_id,
    )
    # A closed ticket got a follow-up, or a merged one its survivor: the thread moves along.
    conversation.ticket_id = message.ticket_id
    conversation.updated_at = now
    conversation.save(update_fields=["ticket", "updated_at"])
    return message, conversation


def receive_message(payload: InboundPayload, incoming: IncomingSocialMessage) -> Received:
    """Put the message on its conversation's ticket (opening one for a new conversation).

    Idempotent on the bridge's message id: a redelivery returns the message already stored.
    The sender is found by the external id "<channel kind>:<sender id>", created on first contact.
    """
    channel = payload.channel
    external_id = message_external_id(channel, incoming.message_id)
    payload.external_message_id = incoming.message_id
    for attempt in range(2):
        seen = Message.objects.filter(channel=Channel.SOCIAL, external_id=external_id).first()
        if seen is not None:
            conversation = (
                Conversation.objects.filter(
                    channel=channel, external_id=incoming.conversation_id
                ).first()
                or Conversation.objects.filter(channel=channel, ticket_id=seen.ticket_id).first()
            )
            return _finish(payload, seen, conversation, PayloadState.DUPLICATE, created=False)
        try:
            with transaction.atomic():
                customer = resolve_customer_by_identity(
                    IdentityKind.EXTERNAL,
                    f"{channel.kind}:{incoming.sender_id}",
                    name=incoming.sender_name,
                )
                message, conversation = _thread(channel, incoming, customer, external_id)
                return _finish(payload, message, conversation, PayloadState.ACCEPTED, created=True)
        except IntegrityError:
            # A concurrent delivery opened the conversation (or stored the message) first.
            if attempt:
                raise
        except DomainError as error:
            flag_payload(payload, error)
            raise
    raise AssertionError("unreachable")


def _finish(
    payload: InboundPayload,
    message: Message,
    conversation: Conversation | None,
    state: str,
    *,
    created: bool,
) -> Received:
    payload.state = state
    payload.message = message
    payload.save(update_fields=["state", "message", "external_message_id"])
    return Received(message=message, conversation=conversation, created=created)


def move_conversations(source: Customer, *, into: Customer) -> int:
    """A duplicate customer was merged: their conversations belong to the survivor now."""
    return Conversation.objects.filter(customer=source).update(customer=into)
