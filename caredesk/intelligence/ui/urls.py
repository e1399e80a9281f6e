from django.urls import path

from caredesk.intelligence.ui import panel, settings
from caredesk.tickets.ui.panels import panel_view

urlpatterns = [
    path(
        "workspace/tickets/<int:ticket_id>/triage/",
        panel_view(panel.PANEL),
        name="ticket_triage_panel",
    ),
    path(
        "workspace/tickets/<int:ticket_id>/triage/apply/",
        panel.apply_suggestion_view,
        name="ticket_apply_suggestion",
    ),
    path("settings/triage/try/", settings.triage_trial, name="triage_trial"),
    path(
        "settings/triage/try/columns/",
        settings.triage_trial_columns,
        name="triage_trial_columns",
    ),
    path("settings/triage/models/", settings.triage_models, name="triage_models"),
    path(
        "settings/triage/models/<int:version_id>/activate/",
        settings.triage_model_activate,
        name="triage_model_activate",
    ),
    path(
        "settings/triage/<slug:target>/rollback/",
        settings.triage_rollback,
        name="triage_rollback",
    ),
    path("settings/triage/<slug:target>/train/", settings.triage_train, name="triage_train"),
]
