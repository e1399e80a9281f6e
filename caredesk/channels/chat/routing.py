from django.urls import path

from caredesk.channels.chat.consumers import AgentConsumer, VisitorConsumer

# Websites embedding the widget open this one; see CHAT_ALLOWED_ORIGINS in ``caredesk/asgi.py``.
VISITOR_PATH = "/ws/chat/visitor/"

websocket_urlpatterns = [
    path(VISITOR_PATH.lstrip("/"), VisitorConsumer.as_asgi()),
    path("ws/chat/agent/", AgentConsumer.as_asgi()),
]
