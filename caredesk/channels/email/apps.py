from django.apps import AppConfig


class EmailChannelConfig(AppConfig):
    name = "caredesk.channels.email"
    label = "channels_email"
    verbose_name = "Email channel"

    def ready(self) -> None:
        # Anymail announces inbound webhooks with a Django signal: that is the library's adapter
        # boundary, and the receiver only stores the raw message (see services/webhooks.py).
        from caredesk.channels.email import provider_webhooks  # noqa: F401 - registers its check
        from caredesk.channels.email.services import webhooks

        webhooks.connect()
