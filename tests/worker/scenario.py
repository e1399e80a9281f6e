"""An overdue ticket for the real-worker tests, made through the services in a separate process.

``python -m tests.worker.scenario seed`` opens a ticket weeks in the past under the standard policy
and prints ``{"ticket": id, ...report}``; ``report ID`` prints what the ticket's timeline and the
task table say now; ``inbound`` prints what became of each stored email. All run with the
environment of the database under test, and print their JSON on the last line (the console email
backend may print before it).
"""

import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

# A Monday long past: both the first response (2 business hours) and the resolution target
# (8 business hours) are overdue by the time any test runs.
OPENED_AT = datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Europe/Berlin"))


def seed() -> dict[str, Any]:
    from caredesk.core import clock
    from caredesk.customers.tests.factories import CustomerFactory
    from caredesk.sla.models import BusinessCalendar, SlaPolicy
    from caredesk.sla.tests.fixtures import OFFICE_HOURS
    from caredesk.tickets.tests.factories import make_ticket

    calendar = BusinessCalendar.objects.create(
        name="Berlin office",
        timezone="Europe/Berlin",
        weekly_hours=OFFICE_HOURS,
        holiday_country="DE",
        is_default=True,
    )
    SlaPolicy.objects.create(
        name="Standard",
        position=10,
        calendar=calendar,
        first_response_minutes=120,
        next_response_minutes=120,
        periodic_update_minutes=480,
        resolution_minutes=8 * 60,
    )
    customer = CustomerFactory(name="Cora Customer", email="customer@example.com")
    with clock.pinned(OPENED_AT):
        ticket = make_ticket(customer)
    return {"ticket": ticket.pk, **report(ticket.pk)}


def report(ticket_id: int) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from caredesk.tickets.models import TicketEvent

    events = TicketEvent.objects.filter(ticket_id=ticket_id, kind="sla.breached")
    return {
        "breached": sorted(event.data["target"] for event in events),
        "database_tasks": sorted(
            [result.task_path.rsplit(".", 1)[-1], result.status]
            for result in DBTaskResult.objects.all()
        ),
    }


def inbound() -> dict[str, Any]:
    """Each stored email's state, and how many ticket messages carry its Message-ID."""
    from django.db.models import Count

    from caredesk.channels.email.models import InboundEmail
    from caredesk.tickets.models import Message

    messages = dict(
        Message.objects.filter(channel="email", author_kind="customer")
        .values_list("external_id")
        .annotate(count=Count("pk"))
    )
    rows = InboundEmail.objects.order_by("pk")
    return {
        "states": sorted({row.state for row in rows}),
        "messages_per_email": {
            row.header_message_id: messages.get(row.header_message_id, 0) for row in rows
        },
    }


def main() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")

    django.setup()
    command, *arguments = sys.argv[1:]
    if command == "seed":
        result = seed()
    elif command == "inbound":
        result = inbound()
    else:
        result = report(int(arguments[0]))
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
