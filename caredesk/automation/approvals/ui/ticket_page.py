"""The ticket page the approvals section sits on.

The page and its timeline are the shell's (``caredesk.web``), which automation must not import;
the shell provides both at start-up (``caredesk.web.apps``).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from caredesk.accounts.models import User
from caredesk.tickets.models import Ticket

# ``render_page(request, ticket, status=..., approval_parts=...)``: the whole page.
RenderPage = Callable[..., HttpResponse]
# ``timeline_of(user, ticket)``: the timeline entries the page shows to ``user``.
TimelineOf = Callable[[User, Ticket], Any]
_page: list[tuple[RenderPage, TimelineOf]] = []


def provide_ticket_page(render_page: RenderPage, timeline_of: TimelineOf) -> None:
    """Register the shell's page and timeline; registering again replaces them."""
    _page[:] = [(render_page, timeline_of)]


def render_page(
    request: HttpRequest, ticket: Ticket, *, status: int, approval_parts: dict[str, Any]
) -> HttpResponse:
    return _page[0][0](request, ticket, status=status, approval_parts=approval_parts)


def timeline_of(user: User, ticket: Ticket) -> Any:
    return _page[0][1](user, ticket)
