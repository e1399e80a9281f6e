"""Reading the body of an inbound webhook: bounded, so a sender cannot make us buffer gigabytes.

Shared by the phone and social/API channel adapters; it knows no domain app.
"""

from typing import Any

from django.http import HttpRequest, JsonResponse

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


def problem(detail: str, *, field: str | None, status: int, **extra: Any) -> JsonResponse:
    """The API's error shape (``detail`` and ``field``) for plain Django views."""
    return JsonResponse({"detail": detail, "field": field, **extra}, status=status)


def too_large() -> JsonResponse:
    return problem(
        f"The request body is larger than {MAX_WEBHOOK_BYTES} bytes.", field="body", status=413
    )
