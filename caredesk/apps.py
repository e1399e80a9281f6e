from django.apps import AppConfig


class CaredeskConfig(AppConfig):
    """The project itself, installed last: connects the cross-app subscriptions and registers
    every app's screens once every app is loaded (``caredesk/subscriptions.py``,
    ``caredesk/screens.py``)."""

    name = "caredesk"
    label = "caredesk"

    def ready(self) -> None:
        from caredesk import screens, subscriptions

        subscriptions.connect()
        screens.register()
