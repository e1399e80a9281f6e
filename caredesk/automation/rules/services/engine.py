"""The rules engine: run the enabled rules listening to an event, in order, once each.

Loop safety. A rule's actions go through the ticket services, whose commit publishes domain
events, whose reactions run the rules again, in a task of their own. A chain follows one
originating change through every change it causes, and holds the (rule, ticket) pairs that
already fired: a rule fires at most once per ticket per chain, so two rules that undo each other,
or a rule that re-triggers itself, stop. The chain travels from one batch of reactions to the
next in the bus's scope (``caredesk.core.bus.scope``), and one committed update's events (a
status change and the other fields; a message and the status it implied) share one batch, so a
rule fired on the first is not fired again on the second. ``MAX_DEPTH`` caps the chain whatever
the rules are.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import DatabaseError, transaction

from caredesk.automation.choices import RuleEvent, RuleEventKind, RuleKind
from caredesk.automation.models import Rule
from caredesk.automation.rules.conditions import evaluate
from caredesk.automation.rules.facts import changed_fields, ticket_facts
from caredesk.automation.rules.services.effects import carry_out
from caredesk.automation.rules.services.schedules import schedule_time_rules
from caredesk.core import bus
from caredesk.core.errors import DomainError
from caredesk.tickets.actors import Actor
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Message, Ticket

logger = logging.getLogger(__name__)

MAX_DEPTH = 8
SCHEDULING_EVENTS = frozenset(
    {RuleEvent.TICKET_UPDATED, RuleEvent.MESSAGE_RECEIVED, RuleEvent.TICKET_CREATED}
)
# The key of the chain in the bus's scope: {"fired": [[rule id, ticket id], ...], "depth": n}.
SCOPE_KEY = "rules"


@dataclass
class Chain:
    fired: set[tuple[int, int]] = field(default_factory=set)  # (rule id, ticket id)
    depth: int = 0
    touched: set[int] = field(default_factory=set)  # tickets a rule changed
    seen: set[int] = field(default_factory=set)  # tickets that changed: time rules to reschedule

    def share(self) -> None:
        """Hand the chain on to the reactions of what the rules change from here."""
        bus.scope()[SCOPE_KEY] = {"fired": sorted(map(list, self.fired)), "depth": self.depth}


_chain: ContextVar[Chain | None] = ContextVar("caredesk_rule_chain", default=None)


def _inherited_chain() -> Chain:
    shared = bus.scope().get(SCOPE_KEY) or {}
    return Chain(
        fired={(rule_id, ticket_id) for rule_id, ticket_id in shared.get("fired", ())},
        depth=int(shared.get("depth", 0)),
    )


@contextmanager
def rule_chain() -> Iterator[Chain]:
    """The chain this event belongs to: the running one when nested, else the one the reaction
    inherited, which ends (and reschedules the time automations of the tickets it touched) with
    the block."""
    chain = _chain.get()
    if chain is not None:
        yield chain
        return
    chain = _inherited_chain()
    token = _chain.set(chain)
    try:
        yield chain
    finally:
        _chain.reset(token)
    for ticket_id in sorted(chain.seen | chain.touched):
        schedule_time_rules(ticket_id)


def listening_events() -> list[list[str]]:
    """The events each enabled event trigger listens to."""
    return list(
        Rule.objects.filter(kind=RuleKind.EVENT, is_enabled=True).values_list("events", flat=True)
    )


def run_rules(
    ticket: Ticket,
    *,
    event: str,
    at: datetime,
    message: Message | None = None,
    changed: tuple[str, ...] = (),
    sla_target: str = "",
) -> list[Rule]:
    """Run the enabled event triggers listening to ``event`` on ``ticket``; the rules that fired.

    Call inside a transaction, with the ticket locked. Each rule runs in a savepoint: a rule that
    fails (a team deleted since it was saved) is logged and skipped, and never undoes the change
    that triggered it.
    """
    changed_now = changed_fields(changed)
    with rule_chain() as chain:
        if event in SCHEDULING_EVENTS:  # a deadline alone changes nothing to reschedule
            chain.seen.add(ticket.pk)
        if chain.depth >= MAX_DEPTH:
            logger.warning("rule_chain_too_deep", extra={"ticket_id": ticket.pk, "event": event})
            return []
        rules = [
            rule
            for rule in Rule.objects.filter(kind=RuleKind.EVENT, is_enabled=True)
            if event in rule.events and (rule.pk, ticket.pk) not in chain.fired
        ]
        if not rules:
            return []
        chain.depth += 1
        chain.share()
        try:
            return _run(
                rules,
                ticket,
                chain,
                event=event,
                at=at,
                message=message,
                changed=changed_now,
                sla_target=sla_target,
            )
        finally:
            chain.depth -= 1
            chain.share()


def _run(
    rules: list[Rule],
    ticket: Ticket,
    chain: Chain,
    *,
    event: str,
    at: datetime,
    message: Message | None,
    changed: dict[str, Any],
    sla_target: str,
) -> list[Rule]:
    fired: list[Rule] = []
    facts = None
    for rule in rules:
        if (rule.pk, ticket.pk) in chain.fired:
            continue  # fired meanwhile, by an event a rule before it caused
        if facts is None:
            facts = ticket_facts(
                ticket, now=at, message=message, changed=changed, sla_target=sla_target
            )
        if not evaluate(rule.conditions, facts).matched:
            continue
        chain.fired.add((rule.pk, ticket.pk))
        chain.share()
        if fire(rule, ticket, event=event):
            fired.append(rule)
            facts = None  # the next rule sees what this one changed
    return fired


def fire(rule: Rule, ticket: Ticket, *, event: str) -> bool:
    """Carry out ``rule`` on ``ticket`` in a savepoint; False (logged) when it failed."""
    try:
        with transaction.atomic():
            carry_out(rule, ticket, event=event)
    except (DomainError, DatabaseError) as error:
        logger.exception("rule_failed", extra={"rule_id": rule.pk, "ticket_id": ticket.pk})
        ticket.refresh_from_db()
        message = error.message if isinstance(error, DomainError) else "database error"
        record_event(
            ticket,
            RuleEventKind.FAILED,
            actor=Actor.for_rule(rule.name),
            data={"rule_id": rule.pk, "event": event, "error": message[:300]},
        )
        return False
    chain = _chain.get()
    if chain is not None:
        chain.touched.add(ticket.pk)
    return True
