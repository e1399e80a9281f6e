"""The ticket page's SLA panel: each clock with its due time, badge and the arithmetic behind it."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from caredesk.accounts import policy
from caredesk.accounts.ui.access import current_user
from caredesk.accounts.ui.zones import zone_of
from caredesk.core import clock
from caredesk.core.screens import TicketPanel
from caredesk.sla.selectors import clocks_of
from caredesk.sla.ui.display import clock_panel, clocks_to_show
from caredesk.tickets.models import Ticket


def render_panel(request: HttpRequest, ticket: Ticket) -> str:
    now, zone = clock.now(), zone_of(current_user(request))
    clocks = [clock_panel(each, now=now, zone=zone) for each in clocks_to_show(clocks_of(ticket))]
    return render_to_string("sla/_panel.html", {"ticket": ticket, "sla_clocks": clocks}, request)


PANEL = TicketPanel(
    name="sla",
    order=10,
    url_name="web:ticket_sla_panel",
    render=render_panel,
    visible_to=policy.is_staff,
)
