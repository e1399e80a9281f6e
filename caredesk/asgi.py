"""HTTP goes to Django; WebSockets under /ws/ go to the apps' consumers through one router.

Browsers attach cookies to cross-site WebSocket handshakes, so every socket must come from a page
of one of ALLOWED_HOSTS; the agent's socket is authenticated by its session cookie.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")
django_application = get_asgi_application()

# Consumers import models, so they load only once the app registry is ready (above).
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from caredesk.channels.chat.routing import websocket_urlpatterns as chat_routes  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter([*chat_routes]))),
    }
)
