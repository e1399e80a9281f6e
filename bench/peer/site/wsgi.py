"""WSGI entry of the peer (gunicorn's sync workers)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.peer.site.settings")
application = get_wsgi_application()
