"""Approval screens, included under the ``web`` namespace (``caredesk/web/urls.py``)."""

from django.urls import path

from caredesk.automation.approvals.ui import authority_views, views

urlpatterns = [
    path("workspace/tickets/<int:ticket_id>/approvals/", views.propose, name="ticket_propose"),
    path(
        "workspace/approvals/<int:approval_id>/decide/",
        views.decide_approval,
        name="approval_decide",
    ),
    path(
        "workspace/approvals/<int:approval_id>/cancel/",
        views.cancel_approval,
        name="approval_cancel",
    ),
    path(
        "settings/authority-limits/",
        authority_views.authority_limits,
        name="authority_limits",
    ),
]
