from django.apps import AppConfig


class VoiceChannelConfig(AppConfig):
    name = "caredesk.channels.voice"
    label = "channels_voice"
    verbose_name = "Phone channel"
