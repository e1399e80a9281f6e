from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from caredesk.sla.services.defaults import install_default_policies


class Command(BaseCommand):
    help = "Install the default business calendar, SLA policies and acknowledgements (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--timezone", default=settings.TIME_ZONE, help="Time zone of the business calendar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        created = install_default_policies(timezone=options["timezone"])
        if created:
            self.stdout.write("Installed: " + ", ".join(created))
        else:
            self.stdout.write("Default service levels already installed; nothing changed.")
