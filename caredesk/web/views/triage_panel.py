"""The agent taking a triage suggestion from the ticket page's triage panel."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from caredesk.accounts.ui.access import current_user, staff_only
from caredesk.core.errors import DomainError, StaleVersion
from caredesk.core.ui.htmx import HtmxHttpRequest, wants_fragment
from caredesk.intelligence.services.suggestions import apply_suggestion
from caredesk.tickets.actors import Actor
from caredesk.tickets.ui.access import visible_ticket
from caredesk.web.views.ticket_page import STALE_MESSAGE, page_context, render_page


def _version(request: HtmxHttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


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
        ticket = visible_ticket(user, ticket_id)
        if wants_fragment(request):
            context = page_context(request, ticket, triage_notice=notice)
            return render(
                request, "web/ticket/triage_result.html", context, status=error.status_code
            )
        return render_page(request, ticket, status=error.status_code, triage_notice=notice)
    ticket = visible_ticket(user, ticket_id)
    if wants_fragment(request):
        context = page_context(request, ticket, triage_notice="Suggestion applied.")
        return render(request, "web/ticket/triage_result.html", context)
    messages.success(request, "Suggestion applied.")
    return redirect("web:ticket", ticket_id=ticket.pk)
