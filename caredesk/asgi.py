"""HTTP goes to Django; WebSockets under /ws/ go to the apps' consumers through one router.

Browsers attach cookies to cross-site WebSocket handshakes, so every socket must come from a page
of one of ALLOWED_HOSTS; the agent's socket is authenticated by its session cookie. Only the chat
visitor's socket, which authenticates with a token, also accepts CHAT_ALLOWED_ORIGINS.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")
django_application = get_asgi_application()

# Consumers import models, so they load only once the app registry is ready (above).
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from caredesk.channels.chat.routing import VISITOR_PATH  # noqa: E402
from caredesk.channels.chat.routing import websocket_urlpatterns as chat_routes  # noqa: E402
from caredesk.core.websocket_origins import OriginsByPath  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": OriginsByPath(
            AuthMiddlewareStack(URLRouter([*chat_routes])),
            extra_origins={VISITOR_PATH: settings.CHAT_ALLOWED_ORIGINS},
        ),
    }
)
