"""Macro screens, included under the ``web`` namespace (``caredesk/web/urls.py``)."""

from django.urls import path

from caredesk.automation.macros.ui import views

urlpatterns = [
    path("settings/macros/", views.macro_list, name="macros"),
    path("settings/macros/new/", views.macro_form, name="macro_new"),
    path("settings/macros/<int:macro_id>/", views.macro_form, name="macro"),
    path("settings/macros/<int:macro_id>/delete/", views.macro_delete, name="macro_delete"),
]
