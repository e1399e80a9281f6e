"""Routing screens, included under the ``web`` namespace (``caredesk/web/urls.py``)."""

from django.urls import path

from caredesk.automation.routing.ui import views

urlpatterns = [
    path("workspace/availability/", views.availability, name="availability"),
    path("workspace/routing/", views.routing_page, name="routing"),
    path("workspace/routing/teams/<int:team_id>/", views.team_routing, name="team_routing"),
]
