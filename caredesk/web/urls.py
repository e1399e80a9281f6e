from django.urls import path

from caredesk.web.views import (
    approvals,
    attachments,
    auth,
    notifications,
    portal,
    sla_settings,
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
    path("notifications/", notifications.notifications_page, name="notifications"),
    path("notifications/read/", notifications.mark_notifications_read, name="notifications_read"),
    path("tickets/<int:ticket_id>/", notifications.ticket_link, name="ticket_link"),
    path("settings/sla/", sla_settings.sla_settings, name="sla_settings"),
    path("settings/sla/calendars/new/", sla_settings.calendar_form, name="sla_calendar_new"),
    path(
        "settings/sla/calendars/<int:calendar_id>/",
        sla_settings.calendar_form,
        name="sla_calendar",
    ),
    path("settings/sla/policies/new/", sla_settings.policy_form, name="sla_policy_new"),
    path("settings/sla/policies/<int:policy_id>/", sla_settings.policy_form, name="sla_policy"),
    path("attachments/<int:attachment_id>/", attachments.download_attachment, name="attachment"),
    path("portal/", portal.portal_home, name="portal"),
    path("portal/new/", portal.new_request, name="portal_new"),
    path("portal/requests/<int:ticket_id>/", portal.portal_ticket, name="portal_ticket"),
    path("portal/requests/<int:ticket_id>/reply/", portal.portal_reply, name="portal_reply"),
]
