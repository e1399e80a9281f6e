from django.apps import AppConfig


class ChatConfig(AppConfig):
    # Django Channels owns the label "channels"; each of our channel apps carries its own.
    name = "caredesk.channels.chat"
    label = "channels_chat"
    verbose_name = "Live chat"
