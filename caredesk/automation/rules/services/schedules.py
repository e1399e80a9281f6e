"""When each time automation is due on a ticket ("pending for 3 days: remind the customer").

Whenever a ticket changes, each enabled time automation gets its due time on that ticket from its
``hours_since`` conditions (the latest of them: all must hold), provided its other conditions
hold now; nothing else can make them hold later without changing the ticket again. The sweep
reads only due rows through the partial index on ``RuleSchedule.due_at``, locks them with SKIP
LOCKED so workers share the work, and re-checks every condition before firing
(``services/time_rules.py``). A row fires once for the state it was computed for (``basis_at``);
a change that moves the basis schedules anew.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from caredesk.automation.choices import RuleKind
from caredesk.automation.models import Rule, RuleSchedule
from caredesk.automation.rules.conditions import TIME_OPERATOR, Facts, evaluate
from caredesk.automation.rules.facts import ticket_facts
from caredesk.core import clock
from caredesk.tickets.choices import TicketStatus
from caredesk.tickets.models import Ticket

BACKLOG_BATCH = 500


def due_time(conditions: dict[str, Any], facts: Facts) -> datetime | None:
    """When every ``hours_since`` condition holds, or None if one can never hold (its moment is
    unknown) or the other conditions do not hold now."""
    moments = []
    for item in conditions.get("all", []):
        if item["operator"] != TIME_OPERATOR:
            continue
        moment = facts.get(item["field"])
        if moment is None:
            return None
        moments.append(moment + timedelta(hours=item["value"]))
    others = {
        "all": [item for item in conditions.get("all", []) if item["operator"] != TIME_OPERATOR],
        "any": conditions.get("any", []),
    }
    if not moments or not evaluate(others, facts).matched:
        return None
    return max(moments)


def time_rules() -> QuerySet[Rule]:
    return Rule.objects.filter(kind=RuleKind.TIME, is_enabled=True)


def schedule_time_rules(ticket_id: int, *, rules: list[Rule] | None = None) -> None:
    """Bring the ticket's due rows up to date with its current state. Call inside a transaction."""
    rules = list(time_rules()) if rules is None else rules
    if not rules:
        return
    ticket = Ticket.objects.select_related(
        "requester__organisation", "team", "assignee", "category"
    ).get(pk=ticket_id)
    facts = ticket_facts(ticket, now=clock.now())
    rows = {
        row.rule_id: row
        for row in RuleSchedule.objects.filter(ticket_id=ticket_id, rule__in=[r.pk for r in rules])
    }
    for rule in rules:
        _reschedule(rule, ticket, rows.get(rule.pk), due_time(rule.conditions, facts))


def _reschedule(rule: Rule, ticket: Ticket, row: RuleSchedule | None, due: datetime | None) -> None:
    if row is None:
        if due is not None:
            RuleSchedule.objects.create(rule=rule, ticket=ticket, basis_at=due, due_at=due)
        return
    if due is None:
        if row.due_at is not None:
            row.due_at = None
            row.save(update_fields=["due_at"])
        return
    if row.basis_at != due:
        row.basis_at, row.due_at, row.fired_at = due, due, None
        row.save(update_fields=["basis_at", "due_at", "fired_at"])
    elif row.fired_at is None and row.due_at is None:
        row.due_at = due
        row.save(update_fields=["due_at"])


@dataclass(frozen=True)
class BacklogBatch:
    scheduled: int
    # Where the next batch starts; None once the backlog is done or the rule has changed since.
    after_id: int | None


def schedule_backlog_batch(rule_id: int, *, version: str, after_id: int) -> BacklogBatch:
    """Schedule a new or edited time automation on the next tickets that are not closed, after
    ``after_id`` in id order: one short transaction per batch, so enabling a rule on a large
    helpdesk never holds the database for the whole backlog. ``version`` is the rule's
    ``updated_at`` when the backlog was asked for; a later edit asked for its own, so this one
    stops. A ticket that changes meanwhile is scheduled by the change itself."""
    with transaction.atomic():
        rule = Rule.objects.filter(pk=rule_id, kind=RuleKind.TIME, is_enabled=True).first()
        if rule is None or rule.updated_at.isoformat() != version:
            return BacklogBatch(scheduled=0, after_id=None)
        ids = list(
            Ticket.objects.exclude(status=TicketStatus.CLOSED)
            .filter(pk__gt=after_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:BACKLOG_BATCH]
        )
        # In id order, as every other writer takes a ticket's lock before its schedule rows.
        list(Ticket.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
        for ticket_id in ids:
            schedule_time_rules(ticket_id, rules=[rule])
    return BacklogBatch(scheduled=len(ids), after_id=ids[-1] if len(ids) == BACKLOG_BATCH else None)
