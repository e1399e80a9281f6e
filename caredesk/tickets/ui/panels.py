"""The htmx fragment behind each ticket-page panel, one generic view for all of them.

An app's panel (``caredesk.core.screens.TicketPanel``) renders itself for a ticket; this view
answers its URL, so the panel can reload itself after a change without the page around it.
"""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from caredesk.accounts.ui.access import View, current_user, staff_only
from caredesk.core.screens import TicketPanel
from caredesk.core.ui.htmx import HtmxHttpRequest
from caredesk.tickets.ui.access import visible_ticket


def panel_view(panel: TicketPanel) -> View:
    @require_GET
    @staff_only
    def view(request: HtmxHttpRequest, ticket_id: int) -> HttpResponse:
        user = current_user(request)
        if not panel.visible_to(user):
            raise Http404("No such panel.")
        return HttpResponse(panel.render(request, visible_ticket(user, ticket_id)))

    return view
