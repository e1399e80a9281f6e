import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from caredesk.channels.email.services.smtpd import make_controller


class Command(BaseCommand):
    help = "Receive email by SMTP: each message is stored raw, then processed by the worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=2525)

    def handle(self, *args: Any, **options: Any) -> None:
        controller = make_controller(host=options["host"], port=options["port"])
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        controller.start()
        self.stdout.write(f"SMTP receiver on {options['host']}:{options['port']}")
        try:
            stop.wait()
        finally:
            controller.stop()
