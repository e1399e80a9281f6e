from django.apps import AppConfig


class SocialChannelConfig(AppConfig):
    name = "caredesk.channels.social"
    label = "channels_social"
    verbose_name = "Social and API channel"
