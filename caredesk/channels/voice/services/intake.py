"""Receiving call events: store the raw event first, then parse and log it, flagging failures."""

from dataclasses import dataclass

from django.db import transaction

from caredesk.channels.voice.choices import CallEventState
from caredesk.channels.voice.models import CallEvent, VoiceIntegration
from caredesk.channels.voice.payloads import CallFacts
from caredesk.channels.voice.services.calls import CallLogged, handle_call_event
from caredesk.core import clock
from caredesk.core.errors import DomainError


def store_call_event(integration: VoiceIntegration, *, body: bytes, content_type: str) -> CallEvent:
    """Keep the event as sent, committed on its own before anything may fail on it."""
    with transaction.atomic():
        return CallEvent.objects.create(
            integration=integration,
            received_at=clock.now(),
            content_type=content_type[:100],
            raw_body=body,
        )


def flag_call_event(event: CallEvent, error: DomainError) -> None:
    event.state = CallEventState.FLAGGED
    event.problem = error.message
    event.field = (error.field or "")[:100]
    event.save(update_fields=["state", "problem", "field"])


@dataclass(frozen=True)
class Processed:
    event: CallEvent
    logged: CallLogged


def process_call_event(event: CallEvent, facts: CallFacts) -> Processed:
    """Log the call the event reports; a domain error flags the event and propagates."""
    event.provider_call_id = facts.provider_call_id
    try:
        logged = handle_call_event(event.integration, facts)
    except DomainError as error:
        flag_call_event(event, error)
        raise
    if logged.call is None:
        event.state = CallEventState.IGNORED
    elif logged.created:
        event.state = CallEventState.ACCEPTED
    elif (
        facts.recording_url
        and logged.call.recording_url == facts.recording_url
        and facts.outcome is None
    ):
        event.state = CallEventState.UPDATED
    else:
        event.state = CallEventState.DUPLICATE
    event.call = logged.call
    event.save(update_fields=["state", "provider_call_id", "call"])
    return Processed(event=event, logged=logged)
