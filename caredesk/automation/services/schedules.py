"""When each time automation is due on a ticket ("pending for 3 days: remind the customer").

Whenever a ticket changes, each enabled time automation gets its due time on that ticket from its
``hours_since`` conditions (the latest of them: all must hold), provided its other conditions
hold now; nothing else can make them hold later without changing the ticket again. The sweep
reads only due rows through the partial index on ``RuleSchedule.due_at``, locks them with SKIP
LOCKED so workers share the work, and re-checks every condition before firing
(``services/time_rules.py``). A row fires once for the state it was computed for (``basis_at``);
a change that moves the basis schedules anew.
"""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet

from caredesk.automation.choices import RuleKind
from caredesk.automation.conditions import TIME_OPERATOR, Facts, evaluate
from caredesk.automation.facts import ticket_facts
from caredesk.automation.models import Rule, RuleSchedule
from caredesk.core import clock
from caredesk.tickets.choices import TicketStatus
from caredesk.tickets.models import Ticket


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


def schedule_rule_on_open_tickets(rule: Rule) -> int:
    """Schedule a new or edited time automation on the tickets that are not closed; how many."""
    ids = Ticket.objects.exclude(status=TicketStatus.CLOSED).values_list("id", flat=True)
    count = 0
    for ticket_id in ids.iterator(chunk_size=500):
        schedule_time_rules(ticket_id, rules=[rule])
        count += 1
    return count
