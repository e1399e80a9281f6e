from django.urls import path

from caredesk.accounts.ui.access import admin_only
from caredesk.sla.ui import panel, settings
from caredesk.tickets.ui.panels import panel_view

urlpatterns = [
    path(
        "workspace/tickets/<int:ticket_id>/sla/", panel_view(panel.PANEL), name="ticket_sla_panel"
    ),
    path("settings/sla/", admin_only(settings.sla_settings), name="sla_settings"),
    path(
        "settings/sla/calendars/new/", admin_only(settings.calendar_form), name="sla_calendar_new"
    ),
    path(
        "settings/sla/calendars/<int:record_id>/",
        admin_only(settings.calendar_form),
        name="sla_calendar",
    ),
    path("settings/sla/policies/new/", admin_only(settings.policy_form), name="sla_policy_new"),
    path(
        "settings/sla/policies/<int:record_id>/",
        admin_only(settings.policy_form),
        name="sla_policy",
    ),
    path("settings/escalations/", admin_only(settings.escalation_rules), name="escalation_rules"),
    path(
        "settings/escalations/new/",
        admin_only(settings.escalation_rule_form),
        name="escalation_rule_new",
    ),
    path(
        "settings/escalations/<int:record_id>/",
        admin_only(settings.escalation_rule_form),
        name="escalation_rule",
    ),
]
