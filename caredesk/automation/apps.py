from django.apps import AppConfig


class AutomationConfig(AppConfig):
    name = "caredesk.automation"
    label = "automation"
    verbose_name = "Automation and approvals"
