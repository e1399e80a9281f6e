"""The ticket page's customer panel: who wrote in, and their other tickets."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from caredesk.accounts import policy
from caredesk.accounts.ui.access import current_user
from caredesk.core.screens import TicketPanel
from caredesk.tickets import selectors
from caredesk.tickets.models import Ticket


def render_panel(request: HttpRequest, ticket: Ticket) -> str:
    history = selectors.customer_history(current_user(request), ticket.requester_id)
    context = {
        "ticket": ticket,
        "customer": ticket.requester,
        "history": [past for past in history if past.pk != ticket.pk],
    }
    return render_to_string("tickets/_customer_panel.html", context, request)


PANEL = TicketPanel(
    name="customer",
    order=50,
    url_name="web:ticket_customer_panel",
    render=render_panel,
    visible_to=policy.is_staff,
)
