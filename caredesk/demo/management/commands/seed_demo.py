"""``caredesk seed_demo``: fill an empty caredesk with a demo team, customers and tickets."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from caredesk.demo.loader import DEFAULT_SEED, demo_data_exists, load_demo
from caredesk.demo.people import (
    ADMIN_EMAIL,
    AGENT_EMAIL,
    PASSWORD,
    PORTAL_EMAIL,
    SUPERVISOR_EMAIL,
)


class Command(BaseCommand):
    help = "Load demo data: 3 teams, 8 staff, 50 customers and 300 tickets over 90 days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Another seed gives another demo."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_data_exists():
            self.stdout.write(
                f"Demo data is already loaded ({ADMIN_EMAIL} exists); nothing was changed."
            )
        else:
            started = time.monotonic()
            summary = load_demo(seed=options["seed"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded the demo in {time.monotonic() - started:.1f} s: "
                    f"{summary.teams} teams, {summary.staff} staff, "
                    f"{summary.organisations} organisations, {summary.customers} customers, "
                    f"{summary.tickets} tickets."
                )
            )
        self.stdout.write(
            f"\nOpen {settings.CAREDESK_BASE_URL}/ and sign in with password {PASSWORD!r}:\n"
            f"  {ADMIN_EMAIL:<26} admin\n"
            f"  {SUPERVISOR_EMAIL:<26} supervisor\n"
            f"  {AGENT_EMAIL:<26} agent\n"
            f"  {PORTAL_EMAIL:<26} customer (portal)\n"
        )
