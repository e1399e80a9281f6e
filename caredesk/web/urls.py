from django.urls import include, path

from caredesk.core.screens import screens
from caredesk.web.views import (
    agent_routing,
    attachments,
    auth,
    customer_page,
    message_actions,
    portal,
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
    path("workspace/customers/<int:customer_id>/", customer_page.customer_page, name="customer"),
    path(
        "workspace/customers/<int:customer_id>/invite/",
        customer_page.invite,
        name="customer_invite",
    ),
    path("supervisor/", supervisor.supervisor_page, name="supervisor"),
    path(
        "workspace/routing/agents/<int:agent_id>/",
        agent_routing.agent_routing,
        name="agent_routing",
    ),
    path("", include("caredesk.automation.approvals.ui.urls")),
    path("", include("caredesk.automation.rules.ui.urls")),
    path("", include("caredesk.automation.routing.ui.urls")),
    path("", include("caredesk.automation.macros.ui.urls")),
    path("attachments/<int:attachment_id>/", attachments.download_attachment, name="attachment"),
    path("portal/", portal.portal_home, name="portal"),
    path("portal/new/", portal.new_request, name="portal_new"),
    path("portal/requests/<int:ticket_id>/", portal.portal_ticket, name="portal_ticket"),
    path("portal/requests/<int:ticket_id>/reply/", portal.portal_reply, name="portal_reply"),
    # Each app's own screens (its ui/urls.py, registered in caredesk/screens.py), under the
    # same "web" namespace so that every URL name reads "web:...".
    *(path("", include(module)) for module in screens.url_modules()),
]
