from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "caredesk.demo"
    label = "demo"
    verbose_name = "Demo data"
