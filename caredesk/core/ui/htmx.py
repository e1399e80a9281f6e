"""htmx requests: typed, and told apart from full-page loads."""

import json

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx swap wants a fragment; a history restore after a cache miss wants the full page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """The same URL answers a page or a fragment, so caches must keep them apart."""
    patch_vary_headers(response, ["HX-Request"])
    return response


def ticket_changed(response: HttpResponse, *, frame: bool = True) -> HttpResponse:
    """Tell the ticket page that this answer changed the ticket: every other panel reloads itself,
    and so does the page's frame (header, fields, timeline) unless it is the frame that answered
    (``web/static/web/panels.js``)."""
    response["HX-Trigger"] = json.dumps({"ticket-changed": {"frame": frame}})
    return response
