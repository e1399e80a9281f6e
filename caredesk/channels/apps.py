from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    # Django Channels owns the label "channels".
    name = "caredesk.channels"
    label = "caredesk_channels"
    verbose_name = "Channels"
