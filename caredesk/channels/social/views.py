"""The inbound webhook bridges post customers' messages to: /hooks/social/<channel id>."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from caredesk.channels.social.models import SocialChannel
from caredesk.channels.social.payloads import parse_inbound
from caredesk.channels.social.services.inbound import flag_payload, receive_message, store_payload
from caredesk.channels.webhook_requests import BodyTooLarge, problem, read_body, too_large
from caredesk.core.errors import DomainError
from caredesk.core.signed_posts import SIGNATURE_HEADER, is_signed_by


@csrf_exempt
@require_POST
def receive(request: HttpRequest, channel_id: int) -> HttpResponse:
    """201 with the stored message for a new message, 200 for a redelivery; 422 naming the field
    for a body that cannot be understood (kept, flagged). Unsigned bodies are not stored."""
    channel = SocialChannel.objects.filter(pk=channel_id, is_active=True).first()
    if channel is None:
        return problem("There is no such channel.", field=None, status=404)
    try:
        body = read_body(request)
    except BodyTooLarge:
        return too_large()
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if not signature:
        return problem(f"{SIGNATURE_HEADER} is missing.", field=SIGNATURE_HEADER, status=401)
    if not is_signed_by(channel.secret, body, signature):
        return problem(
            f"{SIGNATURE_HEADER} does not match the body.", field=SIGNATURE_HEADER, status=401
        )
    payload = store_payload(channel, body=body)
    try:
        incoming = parse_inbound(body)
    except DomainError as error:
        flag_payload(payload, error)
        return problem(error.message, field=error.field, status=422, payload_id=payload.pk)
    try:
        received = receive_message(payload, incoming)
    except DomainError as error:
        return problem(error.message, field=error.field, status=422, payload_id=payload.pk)
    return JsonResponse(
        {
            "payload_id": payload.pk,
            "state": payload.state,
            "ticket_id": received.message.ticket_id,
            "message_id": received.message.pk,
        },
        status=201 if received.created else 200,
    )
