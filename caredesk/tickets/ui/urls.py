from django.urls import path

from caredesk.tickets.ui import customer_panel
from caredesk.tickets.ui.panels import panel_view

urlpatterns = [
    path(
        "workspace/tickets/<int:ticket_id>/customer/",
        panel_view(customer_panel.PANEL),
        name="ticket_customer_panel",
    ),
]
