from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "caredesk.web"
    label = "web"

    def ready(self) -> None:
        # The approvals section redraws the ticket page it sits on, which automation may not import.
        from caredesk.automation.approvals.ui import ticket_page as approvals_page
        from caredesk.web.views import ticket_page

        approvals_page.provide_ticket_page(ticket_page.render_page, ticket_page.timeline_of)
