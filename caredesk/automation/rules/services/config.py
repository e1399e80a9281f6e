"""Admins' edits of automation rules: create, change, reorder, enable, delete."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from caredesk.accounts import policy
from caredesk.accounts.models import User
from caredesk.automation.choices import RuleEvent, RuleKind
from caredesk.automation.models import Rule
from caredesk.automation.rules.actions import validate_actions
from caredesk.automation.rules.conditions import validate_conditions
from caredesk.core import clock
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed

UNSET: Any = object()


@dataclass
class RuleChanges:
    """Only the attributes given (not UNSET) change; a new rule needs name, kind and actions."""

    name: Any = UNSET
    kind: Any = UNSET
    events: Any = UNSET
    conditions: Any = UNSET
    actions: Any = UNSET
    is_enabled: Any = UNSET


def _check_admin(actor: User) -> None:
    if not policy.can_manage_rules(actor):
        raise PermissionDenied("Only admins manage automation rules.")


def _clean_name(name: Any, *, exclude: int | None) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValidationFailed("A rule needs a name.", field="name")
    name = " ".join(name.split())
    if len(name) > 120:
        raise ValidationFailed("At most 120 characters.", field="name")
    others = Rule.objects.filter(name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise Conflict(f"A rule named {name!r} exists already.", field="name")
    return name


def _clean_events(events: Any, kind: str) -> list[str]:
    if kind == RuleKind.TIME:
        if events:
            raise ValidationFailed(
                "A time automation runs when it comes due, not on events.", field="events"
            )
        return []
    if not isinstance(events, list) or not events:
        raise ValidationFailed("An event trigger listens to at least one event.", field="events")
    for index, name in enumerate(events):
        if name not in RuleEvent.values:
            raise ValidationFailed(
                f"Unknown event {name!r}; use one of {', '.join(RuleEvent.values)}.",
                field=f"events[{index}]",
            )
    return sorted(set(events), key=RuleEvent.values.index)


def _apply(rule: Rule, changes: RuleChanges) -> None:
    if changes.kind is not UNSET:
        if changes.kind not in RuleKind.values:
            raise ValidationFailed("kind is 'event' or 'time'.", field="kind")
        rule.kind = changes.kind
    if changes.name is not UNSET:
        rule.name = _clean_name(changes.name, exclude=rule.pk)
    rule.events = _clean_events(
        rule.events if changes.events is UNSET else changes.events, rule.kind
    )
    rule.conditions = validate_conditions(
        rule.conditions if changes.conditions is UNSET else changes.conditions,
        time_rule=rule.kind == RuleKind.TIME,
    )
    rule.actions = validate_actions(rule.actions if changes.actions is UNSET else changes.actions)
    if changes.is_enabled is not UNSET:
        if not isinstance(changes.is_enabled, bool):
            raise ValidationFailed("enabled is true or false.", field="enabled")
        rule.is_enabled = changes.is_enabled


def _schedule_backlog(rule: Rule) -> None:
    """After the commit, a task schedules the enabled time automation on the open tickets, in
    batches (``services/schedules.py``): the edit itself stays one short transaction."""
    from caredesk.automation.rules.tasks import schedule_rule_backlog_task

    rule_id, version = rule.pk, rule.updated_at.isoformat()
    transaction.on_commit(lambda: schedule_rule_backlog_task.enqueue(rule_id, version))


def create_rule(*, actor: User, changes: RuleChanges) -> Rule:
    _check_admin(actor)
    if changes.name is UNSET:
        raise ValidationFailed("A rule needs a name.", field="name")
    now = clock.now()
    rule = Rule(kind=RuleKind.EVENT, events=[], conditions={}, actions=[])
    _apply(rule, changes)
    with transaction.atomic():
        last = Rule.objects.select_for_update().aggregate(last=Max("position"))["last"]
        rule.position = (last or 0) + 1
        rule.webhook_secret = secrets.token_hex(32)
        rule.created_at = rule.updated_at = now
        rule.updated_by = actor
        rule.save()
        if rule.kind == RuleKind.TIME and rule.is_enabled:
            _schedule_backlog(rule)
    return rule


def update_rule(rule: Rule, *, actor: User, changes: RuleChanges) -> Rule:
    _check_admin(actor)
    with transaction.atomic():
        rule = Rule.objects.select_for_update().get(pk=rule.pk)
        _apply(rule, changes)
        rule.updated_at = clock.now()
        rule.updated_by = actor
        rule.save()
        if rule.kind == RuleKind.TIME and rule.is_enabled:
            _schedule_backlog(rule)
        else:
            rule.schedules.exclude(due_at=None).update(due_at=None)
    return rule


def set_rule_enabled(rule: Rule, *, actor: User, enabled: bool) -> Rule:
    return update_rule(rule, actor=actor, changes=RuleChanges(is_enabled=enabled))


@transaction.atomic
def delete_rule(rule: Rule, *, actor: User) -> None:
    _check_admin(actor)
    Rule.objects.filter(pk=rule.pk).delete()


def reorder_rules(rule_ids: list[int], *, actor: User) -> list[Rule]:
    """Put the rules in the order given; every rule must be listed exactly once."""
    _check_admin(actor)
    with transaction.atomic():
        rules = {rule.pk: rule for rule in Rule.objects.select_for_update().order_by("pk")}
        if sorted(rule_ids) != sorted(rules) or len(set(rule_ids)) != len(rule_ids):
            raise ValidationFailed("List every rule's id exactly once.", field="ids")
        for position, rule_id in enumerate(rule_ids, start=1):
            rules[rule_id].position = position
        Rule.objects.bulk_update(rules.values(), ["position"])
    return [rules[rule_id] for rule_id in rule_ids]
