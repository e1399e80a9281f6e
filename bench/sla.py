"""Service-level figures: the breach sweep against the open backlog, and due times of a new ticket.

Every open ticket gets a running resolution clock on a business calendar (Berlin office hours,
German holidays); then 100, 100 again and 10,000 of them are made due and swept, as the worker's
periodic task does (batches of ``BATCH_SIZE``, each clock firing its warning and its breach). The
sweep's cost must follow the number due, not the backlog: the plan of its batch query is kept.
"""

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import connection, transaction

# (key, due): the second 100 repeats the first on warm pages, so a cold start shows as such.
SWEEPS = (("100", 100), ("100 again", 100), ("10000", 10_000))
OFFICE_HOURS = {str(day): [["09:00", "17:00"]] for day in range(5)}
DUE_TIME_SAMPLES = 300


def _install_policy() -> Any:
    from caredesk.sla.models import BusinessCalendar, SlaPolicy

    calendar = BusinessCalendar.objects.create(
        name="bench office",
        timezone="Europe/Berlin",
        weekly_hours=OFFICE_HOURS,
        holiday_country="DE",
    )
    return SlaPolicy.objects.create(
        name="bench standard",
        calendar=calendar,
        first_response_minutes=4 * 60,
        resolution_minutes=3 * 8 * 60,
    )


def _clock_every_open_ticket(policy: Any, now: Any) -> int:
    from caredesk.sla.models import TicketClock
    from caredesk.tickets.choices import UNRESOLVED_STATUSES
    from caredesk.tickets.models import Ticket

    later = now + timedelta(days=30)
    ids = list(Ticket.objects.filter(status__in=UNRESOLVED_STATUSES).values_list("id", flat=True))
    for start in range(0, len(ids), 5_000):
        TicketClock.objects.bulk_create(
            [
                TicketClock(
                    ticket_id=ticket_id, policy=policy, target="resolution", target_seconds=86_400,
                    business_hours=True, started_at=now, running_since=now, due_at=later,
                    warn_at=later, next_check_at=later,
                )
                for ticket_id in ids[start : start + 5_000]
            ]
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "ANALYZE sla_ticketclock")
    return len(ids)


def _due_query_plan(now: Any) -> str:
    from caredesk.sla.models import TicketClock
    from caredesk.sla.services.sweep import BATCH_SIZE

    query = (
        TicketClock.objects.filter(next_check_at__lte=now).order_by("next_check_at").values("id")
    )[:BATCH_SIZE]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        prefix = (
            "EXPLAIN (ANALYZE, BUFFERS) "
            if connection.vendor == "postgresql"
            else "EXPLAIN QUERY PLAN "
        )
        cursor.execute(prefix + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def _sweep(due: int, now: Any) -> dict[str, Any]:
    from caredesk.sla.models import TicketClock
    from caredesk.sla.services.sweep import sweep_due_clocks

    ids = list(
        TicketClock.objects.filter(state="running", breached_at=None)
        .order_by("id")
        .values_list("id", flat=True)[:due]
    )
    past = now - timedelta(minutes=1)
    TicketClock.objects.filter(pk__in=ids).update(warn_at=past, due_at=past, next_check_at=past)
    plan = _due_query_plan(now)
    started, checked, batches = time.perf_counter(), 0, 0
    while True:
        result = sweep_due_clocks(now=now)
        batches += 1
        checked += result.checked
        if result.checked == 0:
            break
    elapsed = time.perf_counter() - started
    return {
        "due": len(ids),
        "checked": checked,
        "batches": batches,
        "ms": round(elapsed * 1000, 1),
        "ms_per_clock": round(elapsed * 1000 / max(checked, 1), 3),
        "plan": plan,
    }


def _due_time_cost(policy: Any, now: Any) -> dict[str, Any]:
    """Policy choice plus two business-time clocks for a new ticket, rolled back each time."""
    from caredesk.sla.policies import policy_for
    from caredesk.sla.services.clocks import start_clock
    from caredesk.tickets.choices import UNRESOLVED_STATUSES
    from caredesk.tickets.models import Ticket

    tickets = list(
        Ticket.objects.filter(status__in=UNRESOLVED_STATUSES)
        .select_related("requester", "category")
        .order_by("-id")[:DUE_TIME_SAMPLES]
    )
    timings = []
    for ticket in tickets:
        with transaction.atomic():
            started = time.perf_counter()
            chosen = policy_for(ticket) or policy
            start_clock(ticket, chosen, "first_response", at=now)
            start_clock(ticket, chosen, "resolution", at=now)
            timings.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    quantiles = statistics.quantiles(timings, n=20)
    return {
        "samples": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(quantiles[18], 2),
    }


def measure(step: Callable[[str], None]) -> dict[str, Any]:
    from caredesk.core import clock

    now = clock.now()
    policy = _install_policy()
    step("SLA: due-time cost of a new ticket (each rolled back)")
    due_times = _due_time_cost(policy, now)
    step("SLA: a running clock on every open ticket")
    backlog = _clock_every_open_ticket(policy, now)
    sweeps = {}
    for key, due in SWEEPS:
        sweeps[key] = _sweep(due, now) | {"again": key.endswith("again")}
        step(f"SLA: sweep with {sweeps[key]['due']:,} due ({key}): {sweeps[key]['ms']} ms")
    return {"open_clocks": backlog, "due_times": due_times, "sweeps": sweeps}
