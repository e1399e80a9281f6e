"""Twilio's voice webhook: a signed form post, answered with empty TwiML."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from caredesk.channels.voice.authentication import twilio_integration
from caredesk.channels.voice.payloads import parse_form, parse_twilio
from caredesk.channels.voice.services.intake import (
    flag_call_event,
    process_call_event,
    store_call_event,
)
from caredesk.channels.webhook_requests import BodyTooLarge, problem, read_body, too_large
from caredesk.core.errors import DomainError

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@csrf_exempt
@require_POST
def twilio_call_event(request: HttpRequest) -> HttpResponse:
    """Status and recording callbacks. Twilio retries on failure, so a 4xx means "do not retry":
    the event is kept, flagged, whenever its signature proved where it came from."""
    try:
        body = read_body(request)
    except BodyTooLarge:
        return too_large()
    try:
        params = parse_form(body)
    except DomainError as error:
        # Unreadable, so its signature cannot be checked either: nothing proves who sent it.
        return problem(error.message, field=error.field, status=400)
    integration = twilio_integration(
        params,
        signature=request.headers.get("X-Twilio-Signature", ""),
        request_url=request.build_absolute_uri(),
    )
    if integration is None:
        return problem(
            "The request is not signed by a configured Twilio account.",
            field="X-Twilio-Signature",
            status=403,
        )
    event = store_call_event(
        integration, body=body, content_type=request.headers.get("Content-Type", "")
    )
    try:
        facts = parse_twilio(params)
    except DomainError as error:
        flag_call_event(event, error)
        return problem(error.message, field=error.field, status=422, event_id=event.pk)
    try:
        processed = process_call_event(event, facts)
    except DomainError as error:
        return problem(error.message, field=error.field, status=422, event_id=event.pk)
    response = HttpResponse(EMPTY_TWIML, content_type="text/xml")
    response["X-Caredesk-Call-Event"] = str(processed.event.pk)
    return response
