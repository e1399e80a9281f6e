from django.urls import include, path

from caredesk.core.screens import screens
from caredesk.web.views import (
    approvals,
    attachments,
    auth,
    authority_settings,
    macro_settings,
    message_actions,
    portal,
    routing,
    rule_settings,
    supervisor,
    ticket_page,
    workspace,
)

app_name = "web"

urlpatterns = [
    path("", auth.home, name="home"),
    path("login/", auth.login_page, name="login"),
    path("logout/", auth.logout_page, name="logout"),
    path("login/link/", auth.request_login_link, name="login_link_request"),
    path("login/link/<str:secret>/", auth.portal_login_link, name="portal_login_link"),
    path("workspace/", workspace.workspace, name="workspace"),
    path("workspace/queue/<slug:view>/", workspace.queue_page, name="queue"),
    path("workspace/tickets/<int:ticket_id>/", ticket_page.ticket_page, name="ticket"),
    path("workspace/tickets/<int:ticket_id>/reply/", ticket_page.reply, name="ticket_reply"),
    path("workspace/tickets/<int:ticket_id>/frame/", ticket_page.frame_parts, name="ticket_frame"),
    path(
        "workspace/tickets/<int:ticket_id>/macro/",
        ticket_page.macro_preview,
        name="ticket_macro_preview",
    ),
    path("workspace/messages/<int:message_id>/move/", message_actions.move, name="message_move"),
    path("workspace/messages/<int:message_id>/split/", message_actions.split, name="message_split"),
    path(
        "workspace/tickets/<int:ticket_id>/fields/",
        ticket_page.update_fields,
        name="ticket_fields",
    ),
    path(
        "workspace/tickets/<int:ticket_id>/presence/",
        ticket_page.presence_notice,
        name="ticket_presence",
    ),
    path(
        "workspace/tickets/<int:ticket_id>/approvals/",
        approvals.propose,
        name="ticket_propose",
    ),
    path(
        "workspace/approvals/<int:approval_id>/decide/",
        approvals.decide_approval,
        name="approval_decide",
    ),
    path(
        "workspace/approvals/<int:approval_id>/cancel/",
        approvals.cancel_approval,
        name="approval_cancel",
    ),
    path("supervisor/", supervisor.supervisor_page, name="supervisor"),
    path("settings/rules/", rule_settings.rule_list, name="rules"),
    path("settings/rules/new/", rule_settings.rule_form, name="rule_new"),
    path("settings/rules/<int:rule_id>/", rule_settings.rule_form, name="rule"),
    path(
        "settings/rules/<int:rule_id>/move/<str:direction>/",
        rule_settings.rule_move,
        name="rule_move",
    ),
    path("settings/rules/<int:rule_id>/toggle/", rule_settings.rule_toggle, name="rule_toggle"),
    path("settings/rules/<int:rule_id>/delete/", rule_settings.rule_delete, name="rule_delete"),
    path("tickets/<int:ticket_id>/rules/", rule_settings.ticket_rules, name="ticket_rules"),
    path("workspace/availability/", routing.availability, name="availability"),
    path("workspace/routing/", routing.routing_page, name="routing"),
    path("workspace/routing/teams/<int:team_id>/", routing.team_routing, name="team_routing"),
    path("workspace/routing/agents/<int:agent_id>/", routing.agent_routing, name="agent_routing"),
    path(
        "settings/authority-limits/",
        authority_settings.authority_limits,
        name="authority_limits",
    ),
    path("settings/macros/", macro_settings.macro_list, name="macros"),
    path("settings/macros/new/", macro_settings.macro_form, name="macro_new"),
    path("settings/macros/<int:macro_id>/", macro_settings.macro_form, name="macro"),
    path(
        "settings/macros/<int:macro_id>/delete/", macro_settings.macro_delete, name="macro_delete"
    ),
    path("attachments/<int:attachment_id>/", attachments.download_attachment, name="attachment"),
    path("portal/", portal.portal_home, name="portal"),
    path("portal/new/", portal.new_request, name="portal_new"),
    path("portal/requests/<int:ticket_id>/", portal.portal_ticket, name="portal_ticket"),
    path("portal/requests/<int:ticket_id>/reply/", portal.portal_reply, name="portal_reply"),
    # Each app's own screens (its ui/urls.py, registered in caredesk/screens.py), under the
    # same "web" namespace so that every URL name reads "web:...".
    *(path("", include(module)) for module in screens.url_modules()),
]
