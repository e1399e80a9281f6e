from django.apps import AppConfig


class CaredeskConfig(AppConfig):
    """The project itself, installed last: connects the cross-app subscriptions once every app is
    loaded (``caredesk/subscriptions.py``)."""

    name = "caredesk"
    label = "caredesk"

    def ready(self) -> None:
        from caredesk import subscriptions

        subscriptions.connect()
