from collections import Counter
from datetime import UTC, datetime, timedelta
from random import Random

from caredesk.customers.models import Customer
from caredesk.demo.plans import DUPLICATE_COUNT, TICKET_COUNT, build_plans
from caredesk.tickets.choices import TicketStatus

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
CUSTOMERS = [Customer(pk=number, name=f"Customer {number}") for number in range(1, 51)]


def test_plans_are_the_same_for_the_same_seed():
    first = build_plans(Random(7), now=NOW, customers=CUSTOMERS)
    second = build_plans(Random(7), now=NOW, customers=CUSTOMERS)

    assert first == second


def test_plans_with_their_duplicates_make_the_ticket_count():
    plans = build_plans(Random(7), now=NOW, customers=CUSTOMERS)

    assert len(plans) + sum(plan.has_duplicate for plan in plans) == TICKET_COUNT
    assert sum(plan.has_duplicate for plan in plans) == DUPLICATE_COUNT


def test_plans_are_in_opening_order_within_the_last_ninety_days():
    plans = build_plans(Random(7), now=NOW, customers=CUSTOMERS)
    opened = [plan.opened_at for plan in plans]

    assert opened == sorted(opened)
    assert opened[0] >= NOW - timedelta(days=90)
    assert opened[-1] < NOW


def test_new_tickets_are_recent_and_old_tickets_are_resolved_or_waiting():
    plans = build_plans(Random(7), now=NOW, customers=CUSTOMERS)
    month_old = Counter(p.status for p in plans if p.opened_at < NOW - timedelta(days=30))

    assert all(p.opened_at > NOW - timedelta(days=7) for p in plans if p.status == TicketStatus.NEW)
    assert set(month_old) <= {
        TicketStatus.OPEN,
        TicketStatus.PENDING,
        TicketStatus.ON_HOLD,
        TicketStatus.CLOSED,
    }
    assert month_old[TicketStatus.CLOSED] > 0.8 * sum(month_old.values())
