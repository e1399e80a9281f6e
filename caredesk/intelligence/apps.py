from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "caredesk.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence"
