from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "caredesk.web"
    label = "web"
