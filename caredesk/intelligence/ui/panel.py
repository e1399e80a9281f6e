"""The ticket page's triage panel: what triage read and predicted, and taking a suggestion.

The panel answers its own fragments: applying a suggestion answers the panel with a notice and
tells the page that the ticket changed, so the page's frame and the other panels reload.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from caredesk.accounts import policy
from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.core.errors import DomainError, StaleVersion
from caredesk.core.screens import TicketPanel
from caredesk.core.ui.htmx import HtmxHttpRequest, ticket_changed, wants_fragment
from caredesk.intelligence.selectors import triage_panel
from caredesk.intelligence.services.suggestions import apply_suggestion
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.ui.access import visible_ticket

STALE_MESSAGE = (
    "Someone else changed this ticket while you were reading it. The panel now shows the "
    "latest values; check them and choose again."
)


def _context(request: HttpRequest, ticket: Ticket, notice: str = "") -> dict[str, object]:
    return {
        "ticket": ticket,
        "triage": triage_panel(current_user(request), ticket),
        "triage_notice": notice,
    }


def render_panel(request: HttpRequest, ticket: Ticket) -> str:
    return render_to_string("intelligence/_panel.html", _context(request, ticket), request)


PANEL = TicketPanel(
    name="triage",
    order=20,
    url_name="web:ticket_triage_panel",
    render=render_panel,
    visible_to=policy.is_staff,
)


def _version(request: HtmxHttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _answer(request: HtmxHttpRequest, ticket: Ticket, notice: str, status: int) -> HttpResponse:
    """The panel for htmx; without JavaScript a page of its own with a way back to the ticket."""
    context = _context(request, ticket, notice)
    if wants_fragment(request):
        return ticket_changed(render(request, "intelligence/_panel.html", context, status=status))
    return render(request, "intelligence/panel_page.html", context, status=status)


@require_POST
@staff_only
def apply_suggestion_view(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
    user = current_user(request)
    ticket = visible_ticket(user, ticket_id)
    try:
        apply_suggestion(
            ticket,
            actor=Actor.of_user(user),
            target=request.POST.get("target", ""),
            expected_version=_version(request),
        )
    except DomainError as error:
        notice = STALE_MESSAGE if isinstance(error, StaleVersion) else error.message
        return _answer(request, visible_ticket(user, ticket_id), notice, error.status_code)
    ticket = visible_ticket(user, ticket_id)
    if wants_fragment(request):
        return _answer(request, ticket, "Suggestion applied.", 200)
    messages.success(request, "Suggestion applied.")
    return redirect("web:ticket", ticket_id=ticket.pk)
