"""The peer's URLs: django-helpdesk at the root (its API under /api/), as its docs mount it."""

from django.urls import include, path

urlpatterns = [path("", include("helpdesk.urls", namespace="helpdesk"))]
