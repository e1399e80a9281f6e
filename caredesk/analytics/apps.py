from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Reads across the apps below it (volumes, times, workload); it owns no models."""

    name = "caredesk.analytics"
    label = "analytics"
    verbose_name = "Analytics"

    def ready(self) -> None:
        from caredesk.analytics.workload import team_workload
        from caredesk.automation.routing.ui import workload

        workload.provide_team_workload(team_workload)
