"""Refusing request bodies no service could accept, before their files are read."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from caredesk.tickets.attachments import MAX_ATTACHMENTS_PER_MESSAGE


def largest_acceptable_request() -> int:
    """The most files a message may carry, each at the size limit, plus the form's own fields."""
    return (
        settings.CAREDESK_MAX_ATTACHMENT_BYTES * MAX_ATTACHMENTS_PER_MESSAGE
        + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )


def is_too_large(request: HttpRequest) -> bool:
    length = request.META.get("CONTENT_LENGTH") or "0"
    return length.isdigit() and int(length) > largest_acceptable_request()


def too_large_response(request: HttpRequest) -> HttpResponse:
    limit = filesizeformat(settings.CAREDESK_MAX_ATTACHMENT_BYTES)
    return render(request, "web/request_too_large.html", {"attachment_limit": limit}, status=413)
