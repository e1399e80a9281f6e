"""Rule screens, included under the ``web`` namespace (``caredesk/web/urls.py``)."""

from django.urls import path

from caredesk.automation.rules.ui import views

urlpatterns = [
    path("settings/rules/", views.rule_list, name="rules"),
    path("settings/rules/new/", views.rule_form, name="rule_new"),
    path("settings/rules/<int:rule_id>/", views.rule_form, name="rule"),
    path(
        "settings/rules/<int:rule_id>/move/<str:direction>/",
        views.rule_move,
        name="rule_move",
    ),
    path("settings/rules/<int:rule_id>/toggle/", views.rule_toggle, name="rule_toggle"),
    path("settings/rules/<int:rule_id>/delete/", views.rule_delete, name="rule_delete"),
    path("tickets/<int:ticket_id>/rules/", views.ticket_rules, name="ticket_rules"),
]
