"""ASGI entry of the peer (gunicorn with uvicorn workers, as caredesk's asgi run)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.peer.site.settings")
application = get_asgi_application()
