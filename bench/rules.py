"""Time automations: the due sweep against a large schedule table.

``DATABASE_URL=postgres://... python -m bench.rules [TICKETS]`` migrates the (empty) database it
is given, bulk-creates TICKETS pending tickets with one ``RuleSchedule`` row each (most due in a
month, a tenth already fired), then makes 100 and 500 rows due and sweeps them as the worker's
periodic task does, printing the plan of the due query and the time per fired rule. The sweep's
cost must follow the number due, not the table.
"""

import os
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caredesk.settings")
os.environ.setdefault("SECRET_KEY", "bench-not-secret")

DUE_COUNTS = (100, 500)
CHUNK = 5_000


def _seed(tickets: int, now: datetime) -> Any:
    from caredesk.accounts.models import User
    from caredesk.automation.models import RuleSchedule
    from caredesk.automation.rules.services.config import RuleChanges, create_rule
    from caredesk.customers.models import Customer
    from caredesk.tickets.models import Ticket

    admin = User.objects.create_user(email="bench-admin@example.com", password=None, role="admin")
    rule = create_rule(
        actor=admin,
        changes=RuleChanges(
            name="Pending for 3 days",
            kind="time",
            conditions={
                "all": [
                    {"field": "ticket.status", "operator": "is", "value": "pending"},
                    {"field": "ticket.status_changed_at", "operator": "hours_since", "value": 72},
                ]
            },
            actions=[{"type": "add_tags", "tags": ["reminded"]}],
        ),
    )
    customer = Customer.objects.create(name="Bench Customer", email="bench@example.com")
    created = now - timedelta(days=10)
    later = now + timedelta(days=30)
    basis = created + timedelta(hours=72)  # what the rule's conditions give these tickets
    for start in range(0, tickets, CHUNK):
        rows = Ticket.objects.bulk_create(
            Ticket(
                subject=f"Bench {number}", status="pending", requester=customer,
                created_at=created, updated_at=created,
            )
            for number in range(start, min(start + CHUNK, tickets))
        )  # fmt: skip
        RuleSchedule.objects.bulk_create(
            RuleSchedule(
                rule=rule, ticket=row, basis_at=basis,
                due_at=None if row.pk % 10 == 0 else later,
                fired_at=now if row.pk % 10 == 0 else None,
            )
            for row in rows
        )  # fmt: skip
    return rule


def _plan(now: datetime) -> str:
    from django.db import connection, transaction

    from caredesk.automation.rules.services.time_rules import BATCH_SIZE, due_schedules

    postgres = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as cursor:
        sql, params = due_schedules(now, BATCH_SIZE).query.sql_with_params()
        cursor.execute(
            ("EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN ") + sql, params
        )
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def _sweep(due: int, now: datetime) -> dict[str, Any]:
    from django.db import connection

    from caredesk.automation.models import RuleSchedule
    from caredesk.automation.rules.services.time_rules import run_due_time_rules
    from caredesk.core import clock

    ids = list(
        RuleSchedule.objects.exclude(due_at=None).order_by("id").values_list("id", flat=True)[:due]
    )
    RuleSchedule.objects.filter(pk__in=ids).update(due_at=now - timedelta(minutes=1))
    plan = _plan(now)
    started, fired, queries = time.perf_counter(), 0, []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(1)
        return execute(sql, params, many, context)

    with clock.pinned(now), connection.execute_wrapper(count):
        while RuleSchedule.objects.filter(due_at__lte=now).exists():
            fired += run_due_time_rules(now=now)
    elapsed = time.perf_counter() - started
    return {
        "due": len(ids),
        "fired": fired,
        "ms": round(elapsed * 1000, 1),
        "ms_per_rule": round(elapsed * 1000 / max(fired, 1), 2),
        "queries_per_rule": round(len(queries) / max(fired, 1), 1),
        "plan": plan,
    }


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from caredesk.automation.models import RuleSchedule
    from caredesk.tickets.models import Ticket

    tickets = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0, interactive=False)
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    started = time.perf_counter()
    if Ticket.objects.exists():
        tickets = Ticket.objects.count()  # a database this module seeded before: measure again
        RuleSchedule.objects.exclude(due_at=None).update(due_at=now + timedelta(days=30))
    else:
        _seed(tickets, now)
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE" if connection.vendor == "sqlite" else "ANALYZE automation_ruleschedule"
        )
    print(
        f"{connection.vendor}: seeded {tickets:,} tickets and schedule rows in {time.perf_counter() - started:.1f}s"
    )
    for due in DUE_COUNTS:
        result = _sweep(due, now)
        print(f"\n{result['due']} due of {tickets:,}: fired {result['fired']} in {result['ms']} ms "
              f"({result['ms_per_rule']} ms, {result['queries_per_rule']} queries per rule)\n{result['plan']}")  # fmt: skip


if __name__ == "__main__":
    main()
