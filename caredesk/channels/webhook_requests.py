"""Reading the body of an inbound webhook: bounded, so a sender cannot make us buffer gigabytes.

Shared by the phone and social/API channel adapters; it knows no domain app.
"""

import json
from typing import Any, TypeVar

from django.http import HttpRequest, JsonResponse
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from caredesk.core.errors import ValidationFailed

Payload = TypeVar("Payload", bound=BaseModel)

# Call events and bridged chat messages are small; attachments travel as links, not inline.
MAX_WEBHOOK_BYTES = 256 * 1024


class BodyTooLarge(Exception):
    pass


def read_body(request: HttpRequest, *, limit: int = MAX_WEBHOOK_BYTES) -> bytes:
    """The raw body, refused before reading when the declared length is over ``limit``, and after
    reading ``limit + 1`` bytes when the sender declared none (chunked) or lied."""
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    body = request.read(limit + 1)
    if len(body) > limit:
        raise BodyTooLarge
    return body


def parse_json_payload(body: bytes, schema: type[Payload]) -> Payload:
    """The body as ``schema``, or ValidationFailed naming the first field at fault."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationFailed(f"The body is not JSON: {error}", field="body") from error
    if not isinstance(data, dict):
        raise ValidationFailed("The body must be a JSON object.", field="body")
    try:
        return schema.model_validate(data)
    except PydanticValidationError as error:
        item = error.errors()[0]
        field = ".".join(str(part) for part in item.get("loc", ())) or "body"
        raise ValidationFailed(f"{field}: {item.get('msg', 'invalid')}", field=field) from error


def problem(detail: str, *, field: str | None, status: int, **extra: Any) -> JsonResponse:
    """The API's error shape (``detail`` and ``field``) for plain Django views."""
    return JsonResponse({"detail": detail, "field": field, **extra}, status=status)


def too_large() -> JsonResponse:
    return problem(
        f"The request body is larger than {MAX_WEBHOOK_BYTES} bytes.", field="body", status=413
    )
