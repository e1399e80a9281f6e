"""The sweep of time automations: fire the rules whose due time has come (see ``schedules.py``)."""

import logging
from datetime import datetime

from django.db import DatabaseError, transaction
from django.db.models import QuerySet

from caredesk.automation.choices import RuleKind
from caredesk.automation.models import RuleSchedule
from caredesk.automation.rules.conditions import evaluate
from caredesk.automation.rules.facts import ticket_facts
from caredesk.automation.rules.services.engine import fire, rule_chain
from caredesk.core import clock
from caredesk.tickets.locks import locked_ticket

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
TIME_RULE_EVENT = "time"


def due_schedules(now: datetime, limit: int) -> QuerySet[RuleSchedule]:
    """The due batch, to be locked. Reads only rows due by ``now`` through ``rule_schedule_due``."""
    return (
        RuleSchedule.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(due_at__lte=now)
        .order_by("due_at")[:limit]
    )


def run_due_time_rules(*, now: datetime | None = None, limit: int = BATCH_SIZE) -> int:
    """Fire the time automations that have come due; how many fired."""
    now = now or clock.now()
    fired = 0
    with transaction.atomic():
        for row in list(due_schedules(now, limit).select_related("rule")):
            row.due_at, row.fired_at = None, now
            row.save(update_fields=["due_at", "fired_at"])
            rule = row.rule
            if not rule.is_enabled or rule.kind != RuleKind.TIME:
                continue
            try:
                with transaction.atomic():
                    ticket = locked_ticket(row.ticket_id)
                    with rule_chain() as chain:
                        facts = ticket_facts(ticket, now=now)
                        if not evaluate(rule.conditions, facts).matched:
                            continue
                        chain.fired.add((rule.pk, ticket.pk))
                        chain.share()
                        fired += fire(rule, ticket, event=TIME_RULE_EVENT)
            except DatabaseError:
                logger.exception("time_rule_failed", extra={"schedule_id": row.pk})
    return fired
