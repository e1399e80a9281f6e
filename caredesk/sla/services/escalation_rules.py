"""Admins' verb on escalation rules: each checked, field by field, before it is stored."""

from typing import Any, TypeVar

from django.db import models, transaction

from caredesk.accounts import policy as access
from caredesk.accounts.models import Team, User
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.sla.choices import SlaTarget
from caredesk.sla.models import EscalationRule, EscalationTrigger, SlaPolicy
from caredesk.tickets.choices import Priority
from caredesk.tickets.tagging import normalise_tags

RULE_FIELDS = frozenset(
    {
        "name",
        "position",
        "is_active",
        "policy",
        "target",
        "trigger",
        "delay_minutes",
        "notify_assignee",
        "notify_team_supervisors",
        "notify_on_call",
        "raise_priority_to",
        "reassign_to_team",
        "assign_to_on_call",
        "add_tag",
    }
)
BOOLEAN_FIELDS = (
    "is_active",
    "notify_assignee",
    "notify_team_supervisors",
    "notify_on_call",
    "assign_to_on_call",
)
NAME_MAX_LENGTH = 100
# A level later than a month after the breach would act on tickets everybody has forgotten.
MAX_DELAY_MINUTES = 30 * 24 * 60

Row = TypeVar("Row", bound=models.Model)


def _require_admin(actor: User) -> None:
    if not access.can_manage_settings(actor):
        raise PermissionDenied("Only admins may change escalation rules.")


def _whole_number(value: Any, *, field: str, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationFailed(f"{field} must be a whole number, zero or more.", field=field)
    if maximum is not None and value > maximum:
        raise ValidationFailed(f"{field} must be at most {maximum}.", field=field)
    return value


def _row(model: type[Row], value: Any, *, field: str, what: str) -> Row | None:
    """``value`` as a row of ``model``: None, an instance or its id; a missing one names ``field``."""
    if value is None:
        return None
    key = value.pk if isinstance(value, model) else value
    if isinstance(key, bool) or not isinstance(key, int):
        raise ValidationFailed(f"{field} must be the id of a {what}.", field=field)
    row = model._default_manager.filter(pk=key).first()
    if row is None:
        raise ValidationFailed(f"No {what} with id {key}.", field=field)
    return row


def _tag(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationFailed("add_tag must be text.", field="add_tag")
    if not value.strip():
        return ""
    try:
        (tag,) = normalise_tags([value])
    except ValidationFailed as error:
        raise ValidationFailed(error.message, field="add_tag") from error
    return tag


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    """The values to set, normalised; the first fault raises, naming its field."""
    unknown = set(values) - RULE_FIELDS
    if unknown:
        raise ValidationFailed(f"Unknown field {sorted(unknown)[0]!r}.", field=sorted(unknown)[0])
    checked = dict(values)
    if "name" in values:
        name = values["name"]
        if not isinstance(name, str) or not name.strip():
            raise ValidationFailed("A rule needs a name.", field="name")
        if len(name.strip()) > NAME_MAX_LENGTH:
            raise ValidationFailed(
                f"A name has at most {NAME_MAX_LENGTH} characters.", field="name"
            )
        checked["name"] = name.strip()
    if "position" in values:
        checked["position"] = _whole_number(values["position"], field="position")
    if "delay_minutes" in values:
        checked["delay_minutes"] = _whole_number(
            values["delay_minutes"], field="delay_minutes", maximum=MAX_DELAY_MINUTES
        )
    for field in BOOLEAN_FIELDS:
        if field in values and not isinstance(values[field], bool):
            raise ValidationFailed(f"{field} must be true or false.", field=field)
    if "target" in values and values["target"] not in ("", *SlaTarget.values):
        raise ValidationFailed(
            f"target must be empty (every target) or one of {', '.join(SlaTarget.values)}.",
            field="target",
        )
    if "trigger" in values and values["trigger"] not in EscalationTrigger.values:
        raise ValidationFailed(
            f"trigger must be one of {', '.join(EscalationTrigger.values)}.", field="trigger"
        )
    if "raise_priority_to" in values:
        level = values["raise_priority_to"]
        if level is not None and (isinstance(level, bool) or level not in Priority.values):
            raise ValidationFailed(
                "raise_priority_to must be empty or a priority from 1 (low) to 4 (urgent).",
                field="raise_priority_to",
            )
    if "policy" in values:
        checked["policy"] = _row(SlaPolicy, values["policy"], field="policy", what="SLA policy")
    if "reassign_to_team" in values:
        checked["reassign_to_team"] = _row(
            Team, values["reassign_to_team"], field="reassign_to_team", what="team"
        )
    if "add_tag" in values:
        checked["add_tag"] = _tag(values["add_tag"])
    return checked


def _does_something(rule: EscalationRule) -> bool:
    return any(
        (
            rule.notify_assignee,
            rule.notify_team_supervisors,
            rule.notify_on_call,
            rule.raise_priority_to is not None,
            rule.reassign_to_team_id is not None,
            rule.assign_to_on_call,
            rule.add_tag,
        )
    )


@transaction.atomic
def save_escalation_rule(
    rule: EscalationRule | None, *, actor: User, values: dict[str, Any]
) -> EscalationRule:
    """Create (``rule`` None) or update an escalation rule; ``values`` holds the fields to set.

    ``policy`` and ``reassign_to_team`` take an id, an instance or None (any policy; keep the
    ticket's team). Rules already waiting as pending escalations use the stored rule when they
    fall due, so a change applies to them too.
    """
    _require_admin(actor)
    checked = _checked(values)
    rule = rule or EscalationRule(position=EscalationRule.objects.count())
    if rule.pk is None and "trigger" not in checked:
        raise ValidationFailed("Choose when the rule acts: warning or breach.", field="trigger")
    for name, value in checked.items():
        setattr(rule, name, value)
    if not rule.name:
        raise ValidationFailed("A rule needs a name.", field="name")
    if EscalationRule.objects.filter(name__iexact=rule.name).exclude(pk=rule.pk).exists():
        raise Conflict(f"A rule named {rule.name!r} exists already.", field="name")
    if not _does_something(rule):
        raise ValidationFailed("The rule does nothing: choose at least one action.")
    rule.save()
    return rule
