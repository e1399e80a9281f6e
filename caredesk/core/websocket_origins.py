"""Which web pages may open which WebSocket: the Origin header checked per path.

Every socket accepts pages of ``ALLOWED_HOSTS`` (as Channels' ``AllowedHostsOriginValidator``
does); a path may accept more origins, such as the customers' websites that embed the chat widget.
Browsers attach cookies to cross-site WebSocket handshakes, so only a path that authenticates
without cookies should be opened to other origins.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from channels.security.websocket import OriginValidator
from django.conf import settings


def own_hosts() -> list[str]:
    if settings.DEBUG and not settings.ALLOWED_HOSTS:
        return ["localhost", "127.0.0.1", "[::1]"]
    return list(settings.ALLOWED_HOSTS)


class OriginsByPath:
    """ASGI middleware: refuse a socket whose Origin is not allowed on its path."""

    def __init__(self, application: Any, *, extra_origins: Mapping[str, Sequence[str]]) -> None:
        hosts = own_hosts()
        self.default = OriginValidator(application, hosts)
        self.by_path = {
            path: OriginValidator(application, [*hosts, *origins])
            for path, origins in extra_origins.items()
        }

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        validator = self.by_path.get(scope["path"], self.default)
        return await validator(scope, receive, send)
