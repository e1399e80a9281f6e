"""The rules engine: run the enabled rules listening to an event, in order, once each.

Loop safety. A rule's actions go through the ticket services, which publish domain events, which
run the rules again, nested, inside the same call. Two guards stop that from looping:

- a chain (a context variable) follows one originating event through every nested event it
  causes, and holds the (rule, ticket) pairs that already fired: a rule fires at most once per
  ticket per chain, so two rules that undo each other, or a rule that re-triggers itself, stop;
- one ticket update can publish two events (a status change, then the other fields; a message,
  with the status it implied), both carrying the instance the service locked. The chain's fired
  set is left on that instance with the version it ended at, so a rule fired on the first event is
  not fired again on the second; the next update locks a fresh instance and starts afresh.

``MAX_DEPTH`` caps the nesting whatever the rules are.
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
from caredesk.core.errors import DomainError
from caredesk.tickets.actors import Actor
from caredesk.tickets.events import record_event
from caredesk.tickets.models import Message, Ticket

logger = logging.getLogger(__name__)

MAX_DEPTH = 8
UPDATE_EVENTS = frozenset({RuleEvent.TICKET_UPDATED, RuleEvent.MESSAGE_RECEIVED})
SCHEDULING_EVENTS = UPDATE_EVENTS | {RuleEvent.TICKET_CREATED}
# The attribute a ticket instance carries between two events of one update (see above).
UPDATE_MEMO = "_caredesk_rules_update"


@dataclass
class Chain:
    fired: set[tuple[int, int]] = field(default_factory=set)  # (rule id, ticket id)
    depth: int = 0
    touched: set[int] = field(default_factory=set)  # tickets a rule changed
    seen: set[int] = field(default_factory=set)  # tickets that changed: time rules to reschedule


@dataclass(frozen=True)
class _Update:
    version: int
    fired: set[tuple[int, int]]
    changed: dict[str, Any]


_chain: ContextVar[Chain | None] = ContextVar("caredesk_rule_chain", default=None)


@contextmanager
def rule_chain(ticket: Ticket, *, event: str, changed: dict[str, Any]) -> Iterator[Chain]:
    """The chain this event belongs to: the running one when nested, else a new one that ends
    (and reschedules the time automations of the tickets it touched) with the block."""
    chain = _chain.get()
    if chain is not None:
        yield chain
        return
    earlier = getattr(ticket, UPDATE_MEMO, None) if event in UPDATE_EVENTS else None
    if earlier is not None and earlier.version != ticket.version:
        earlier = None
    chain = Chain(fired=set(earlier.fired) if earlier else set())
    if earlier is not None:
        changed.update(earlier.changed)
    token = _chain.set(chain)
    try:
        yield chain
    finally:
        _chain.reset(token)
    for ticket_id in sorted(chain.seen | chain.touched):
        schedule_time_rules(ticket_id)
    if event in UPDATE_EVENTS:
        if chain.touched:
            ticket.refresh_from_db()  # the publisher's later handlers see what the rules did
        setattr(ticket, UPDATE_MEMO, _Update(ticket.version, chain.fired, changed))


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

    Call inside the publishing service's transaction, with the ticket saved. Each rule runs in a
    savepoint: a rule that fails (a team deleted since it was saved) is logged and skipped, and
    never undoes the change that triggered it.
    """
    changed_now = changed_fields(changed)
    with rule_chain(ticket, event=event, changed=changed_now) as chain:
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
