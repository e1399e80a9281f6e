"""Deciding, before anything is written, what each demo ticket will be and where it ends up.

Tickets are opened over the last 90 days, more of them recently (a growing business), and the
final status follows from the age: yesterday's tickets are new or open, last month's are closed.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TypeVar

from caredesk.customers.models import Customer
from caredesk.demo.scenarios import OUTAGE, SCENARIOS, Scenario
from caredesk.tickets.choices import Channel, Priority, TicketStatus

TICKET_COUNT = 300
# Each duplicate is a second ticket its customer opens on another channel, merged by the agent.
DUPLICATE_COUNT = 4
OUTAGE_REPORTS = 5
HISTORY_DAYS = 89.5
OUTAGE_AGE_DAYS = 21
YOUNGEST_AGE = timedelta(minutes=20)
# Ages are HISTORY_DAYS * u ** RECENCY: above 1, recent days get more tickets than old ones.
RECENCY = 1.7

S = TicketStatus
T = TypeVar("T")
CHANNEL_WEIGHTS = {
    Channel.EMAIL: 35,
    Channel.WEB: 25,
    Channel.CHAT: 15,
    Channel.PHONE: 10,
    Channel.SOCIAL: 8,
    Channel.API: 7,
}
PRIORITY_WEIGHTS = {Priority.LOW: 15, Priority.NORMAL: 50, Priority.HIGH: 25, Priority.URGENT: 10}
# (age up to, in days) -> how likely each final status is for a ticket opened that long ago.
STATUS_BY_AGE: tuple[tuple[float, dict[TicketStatus, int]], ...] = (
    (2, {S.NEW: 45, S.OPEN: 35, S.PENDING: 15, S.ON_HOLD: 5}),
    (7, {S.NEW: 5, S.OPEN: 30, S.PENDING: 25, S.ON_HOLD: 15, S.SOLVED: 25}),
    (14, {S.OPEN: 15, S.PENDING: 15, S.ON_HOLD: 15, S.SOLVED: 20, S.CLOSED: 35}),
    (HISTORY_DAYS, {S.OPEN: 3, S.PENDING: 2, S.ON_HOLD: 5, S.CLOSED: 90}),
)


@dataclass(frozen=True)
class TicketPlan:
    opened_at: datetime
    status: TicketStatus
    channel: Channel
    priority: Priority
    scenario: Scenario
    requester: Customer
    has_duplicate: bool = False


def _pick(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _status_for(rng: random.Random, age_days: float) -> TicketStatus:
    for limit, weights in STATUS_BY_AGE:
        if age_days <= limit:
            return _pick(rng, weights)
    return S.CLOSED


def _priority_for(rng: random.Random, requester: Customer) -> Priority:
    priority = _pick(rng, PRIORITY_WEIGHTS)
    # Key accounts are never left in the low lanes.
    return max(priority, Priority.HIGH) if requester.is_vip else priority


def _plan(
    rng: random.Random,
    opened_at: datetime,
    status: TicketStatus,
    scenario: Scenario,
    requester: Customer,
) -> TicketPlan:
    return TicketPlan(
        opened_at=opened_at,
        status=status,
        channel=_pick(rng, CHANNEL_WEIGHTS),
        priority=_priority_for(rng, requester),
        scenario=scenario,
        requester=requester,
    )


def build_plans(
    rng: random.Random, *, now: datetime, customers: Sequence[Customer]
) -> list[TicketPlan]:
    """``TICKET_COUNT`` tickets in all, counting the duplicates opened inside other plans."""
    # Some customers write far more often than others; key accounts and the portal demo user too.
    activity = [3.0 if c.is_vip or c.user_id else rng.uniform(0.3, 2.0) for c in customers]

    def requester() -> Customer:
        return rng.choices(customers, weights=activity)[0]

    plans = []
    for _ in range(TICKET_COUNT - DUPLICATE_COUNT - OUTAGE_REPORTS):
        age_days = HISTORY_DAYS * rng.random() ** RECENCY
        opened_at = min(now - timedelta(days=age_days), now - YOUNGEST_AGE)
        status = _status_for(rng, age_days)
        plans.append(_plan(rng, opened_at, status, rng.choice(SCENARIOS), requester()))
    outage_start = now - timedelta(days=OUTAGE_AGE_DAYS)
    for _ in range(OUTAGE_REPORTS):
        opened_at = outage_start + timedelta(minutes=rng.uniform(0, 300))
        plans.append(_plan(rng, opened_at, S.CLOSED, OUTAGE, requester()))
    plans.sort(key=lambda plan: plan.opened_at)
    _mark_duplicates(rng, plans)
    return plans


def _mark_duplicates(rng: random.Random, plans: list[TicketPlan]) -> None:
    candidates = [
        index
        for index, plan in enumerate(plans)
        if plan.status != S.NEW
        and plan.channel in (Channel.EMAIL, Channel.WEB)
        and plan.scenario is not OUTAGE
    ]
    for index in rng.sample(candidates, DUPLICATE_COUNT):
        plans[index] = replace(plans[index], has_duplicate=True)
