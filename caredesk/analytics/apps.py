from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Reads across the apps below it (volumes, times, workload); it owns no models."""

    name = "caredesk.analytics"
    label = "analytics"
    verbose_name = "Analytics"
