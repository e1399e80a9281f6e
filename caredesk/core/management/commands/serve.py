"""``caredesk serve``: the web app, API and WebSockets under uvicorn."""

from typing import Any

import uvicorn
from django.core.management.base import BaseCommand, CommandError, CommandParser

from caredesk import env

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class Command(BaseCommand):
    help = "Serve caredesk with uvicorn (port from --port, else $PORT, else 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=DEFAULT_HOST, help="Address to listen on.")
        parser.add_argument("--port", type=int, default=None, help="Port to listen on.")
        parser.add_argument("--workers", type=int, default=1, help="Worker processes.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            port = options["port"] or env.read_int("PORT", DEFAULT_PORT)
        except env.ConfigurationError as error:
            raise CommandError(str(error)) from error
        host = options["host"]
        shown_host = f"[{host}]" if ":" in host else host
        self.stdout.write(
            f"caredesk is serving at http://{shown_host}:{port}/ (Ctrl+C to stop).\n"
            "After `caredesk seed_demo`, sign in as admin@example.com, agent@example.com or "
            "customer@example.com (portal) with the password caredesk."
        )
        uvicorn.run(
            "caredesk.asgi:application",
            host=host,
            port=port,
            workers=options["workers"],
            # Django's ASGI handler has no lifespan support; asking for it only logs a warning.
            lifespan="off",
        )
