from django.urls import path

from caredesk.web.views import attachments, auth, portal, ticket_page, workspace

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
    path("attachments/<int:attachment_id>/", attachments.download_attachment, name="attachment"),
    path("portal/", portal.portal_home, name="portal"),
    path("portal/new/", portal.new_request, name="portal_new"),
    path("portal/requests/<int:ticket_id>/", portal.portal_ticket, name="portal_ticket"),
    path("portal/requests/<int:ticket_id>/reply/", portal.portal_reply, name="portal_reply"),
]
