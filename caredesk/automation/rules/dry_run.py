"""Which rules would fire on a ticket, and why: each condition with the value it saw. Reads only.

Event triggers are judged as if their event happened now, with the ticket's latest message and
no field just changed (so ``changed`` conditions do not hold); time automations as if the sweep
ran now, with the due time their ``hours_since`` conditions give.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from caredesk.automation.choices import RuleKind
from caredesk.automation.models import Rule
from caredesk.automation.rules.conditions import ConditionResult, evaluate
from caredesk.automation.rules.facts import ticket_facts
from caredesk.automation.rules.services.schedules import due_time
from caredesk.core import clock
from caredesk.tickets.models import Ticket


@dataclass(frozen=True)
class RuleVerdict:
    rule: Rule
    would_fire: bool
    reason: str
    conditions: tuple[ConditionResult, ...]
    due_at: datetime | None
    actions: list[dict[str, Any]]


def dry_run(ticket: Ticket, rules: Rule | Iterable[Rule] | None = None) -> list[RuleVerdict]:
    """Judge ``rules`` (one, several, or None for every rule in order) on ``ticket``."""
    if rules is None:
        rules = Rule.objects.all()
    elif isinstance(rules, Rule):
        rules = [rules]
    now = clock.now()
    message = ticket.messages.order_by("-created_at", "-id").first()
    facts = ticket_facts(ticket, now=now, message=message)
    return [_verdict(rule, facts) for rule in rules]


def _verdict(rule: Rule, facts: Any) -> RuleVerdict:
    evaluation = evaluate(rule.conditions, facts)
    due_at = due_time(rule.conditions, facts) if rule.kind == RuleKind.TIME else None
    failed = [result for result in evaluation.results if not result.matched]
    if not rule.is_enabled:
        reason = "disabled"
    elif evaluation.matched:
        reason = "every condition holds"
    elif failed and all(result.group == "any" for result in failed):
        reason = "none of the 'any' conditions holds"
    else:
        reason = f"{len([r for r in failed if r.group == 'all'])} of the 'all' conditions fail"
    return RuleVerdict(
        rule=rule,
        would_fire=rule.is_enabled and evaluation.matched,
        reason=reason,
        conditions=evaluation.results,
        due_at=due_at,
        actions=rule.actions,
    )
