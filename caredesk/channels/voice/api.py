"""Phone channel API: the generic call-event webhook, and agents logging calls on tickets."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from caredesk.accounts.api_auth import api_caller
from caredesk.channels.voice.authentication import integration_for_token
from caredesk.channels.voice.payloads import parse_generic
from caredesk.channels.voice.responses import processed_body
from caredesk.channels.voice.services.calls import log_call
from caredesk.channels.voice.services.intake import (
    flag_call_event,
    process_call_event,
    store_call_event,
)
from caredesk.channels.webhook_requests import BodyTooLarge, problem, read_body, too_large
from caredesk.core.errors import DomainError
from caredesk.tickets import selectors
from caredesk.tickets.actors import Actor

router = Router(tags=["phone"])


@router.post("/channels/voice/events", auth=None, include_in_schema=True)
def receive_call_event(request: HttpRequest) -> HttpResponse:
    """A phone system reports a call: ``Authorization: Bearer <integration secret>`` and a JSON
    body with ``call_id``, ``direction``, ``from``, ``to``, ``outcome``, and optionally
    ``duration_seconds``, ``recording_url``, ``notes``, ``caller_name``.

    201 when the call was logged, 200 for a redelivery; 422 naming the field when the event cannot
    be understood (it is kept, flagged, for a person to look at).
    """
    integration = integration_for_token(request.headers.get("Authorization", ""))
    if integration is None:
        return problem(
            "Send the integration's secret as a bearer token.", field="Authorization", status=401
        )
    try:
        body = read_body(request)
    except BodyTooLarge:
        return too_large()
    event = store_call_event(
        integration, body=body, content_type=request.headers.get("Content-Type", "")
    )
    try:
        facts = parse_generic(body)
    except DomainError as error:
        flag_call_event(event, error)
        return problem(error.message, field=error.field, status=422, event_id=event.pk)
    try:
        processed = process_call_event(event, facts)
    except DomainError as error:
        return problem(error.message, field=error.field, status=422, event_id=event.pk)
    return JsonResponse(processed_body(processed), status=201 if processed.logged.created else 200)


class CallIn(Schema):
    model_config = ConfigDict(extra="forbid")

    direction: Literal["inbound", "outbound"]
    from_number: str = Field(min_length=1, max_length=40)
    to_number: str = Field(min_length=1, max_length=40)
    outcome: Literal["answered", "missed", "voicemail", "busy", "failed"]
    duration_seconds: int = Field(default=0, ge=0, le=7 * 24 * 3600)
    notes: str = Field(default="", max_length=10_000)
    recording_url: str = Field(default="", max_length=500)
    public: bool = False


class CallOut(Schema):
    id: int
    ticket_id: int
    message_id: int
    direction: str
    from_number: str
    to_number: str
    outcome: str
    duration_seconds: int
    notes: str
    recording_url: str
    created_at: datetime

    @staticmethod
    def resolve_ticket_id(call: object) -> int:
        return call.message.ticket_id  # type: ignore[attr-defined]


@router.post("/tickets/{ticket_id}/calls", response={201: CallOut})
def post_call(request: HttpRequest, ticket_id: int, payload: CallIn) -> Status:
    """Log a call the agent made or took on this ticket (an internal note unless ``public``)."""
    user = api_caller(request)
    ticket = selectors.get_ticket_for(user, ticket_id)
    call = log_call(
        ticket,
        actor=Actor.of_user(user),
        direction=payload.direction,
        from_number=payload.from_number,
        to_number=payload.to_number,
        outcome=payload.outcome,
        duration_seconds=payload.duration_seconds,
        notes=payload.notes,
        recording_url=payload.recording_url,
        is_public=payload.public,
    )
    return Status(201, call)
