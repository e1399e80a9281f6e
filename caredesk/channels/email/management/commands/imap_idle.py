import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from caredesk.channels.email.services.imap_idle import active_connection_ids, watch


class Command(BaseCommand):
    help = (
        "Fetch IMAP mail as it arrives: one IDLE connection per active mailbox (polling where "
        "the server has no IDLE). Mailboxes added or removed are picked up within a minute."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--poll-seconds",
            type=float,
            default=float(settings.CAREDESK_SWEEP_INTERVAL_SECONDS),
            help="How often to poll a server without IDLE (default: the sweep interval).",
        )
        parser.add_argument(
            "--rescan-seconds",
            type=float,
            default=60.0,
            help="How often to look for mailboxes added or removed (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        watchers: dict[int, tuple[threading.Thread, threading.Event]] = {}
        self.stdout.write("Watching IMAP mailboxes")
        try:
            while not stop.is_set():
                close_old_connections()
                wanted = active_connection_ids()
                for connection_id in set(watchers) - wanted:
                    watchers.pop(connection_id)[1].set()
                for connection_id, (thread, _) in list(watchers.items()):
                    if not thread.is_alive():
                        del watchers[connection_id]
                for connection_id in wanted - set(watchers):
                    own_stop = threading.Event()
                    thread = threading.Thread(
                        target=watch,
                        args=(connection_id, own_stop),
                        kwargs={"poll_seconds": options["poll_seconds"]},
                        name=f"imap-idle-{connection_id}",
                        daemon=True,
                    )
                    thread.start()
                    watchers[connection_id] = (thread, own_stop)
                stop.wait(options["rescan_seconds"])
        finally:
            for _, own_stop in watchers.values():
                own_stop.set()
            for thread, _ in watchers.values():
                thread.join(timeout=10)
