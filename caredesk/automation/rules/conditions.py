"""Rule conditions: their vocabulary, their validation and their evaluation. Pure: no database.

A rule's conditions are ``{"all": [...], "any": [...]}``; each item is ``{"field", "operator",
"value"}``. The rule matches when every ``all`` item holds and, if ``any`` has items, at least one
of them does. Evaluation reads a plain ``Facts`` snapshot (built by ``automation/rules/facts.py``) and
returns each condition with the value it saw, so a dry run can say why a rule would fire.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from caredesk.core.errors import ValidationFailed
from caredesk.tickets.choices import AuthorKind, Channel, Priority, TicketStatus

TEXT, CHOICE, NUMBER, BOOLEAN, TAGS, MOMENT, ANY = (
    "text",
    "choice",
    "number",
    "boolean",
    "tags",
    "moment",
    "any",
)
CUSTOM_FIELD_PREFIX = "ticket.custom_fields."
PRIORITY_RANK = {priority.label: int(priority) for priority in Priority}


@dataclass(frozen=True)
class FieldSpec:
    kind: str
    choices: tuple[str, ...] = ()
    changes: bool = False  # "changed" and "changed_to" apply: a ticket update can change it


FIELDS: dict[str, FieldSpec] = {
    "ticket.status": FieldSpec(CHOICE, tuple(TicketStatus.values), changes=True),
    "ticket.priority": FieldSpec(CHOICE, tuple(PRIORITY_RANK), changes=True),
    "ticket.team": FieldSpec(TEXT, changes=True),  # the team's slug
    "ticket.assignee": FieldSpec(TEXT, changes=True),  # the agent's email; null when unassigned
    "ticket.category": FieldSpec(TEXT, changes=True),  # the category's slug
    "ticket.channel": FieldSpec(CHOICE, tuple(Channel.values)),
    "ticket.tags": FieldSpec(TAGS, changes=True),
    "ticket.subject": FieldSpec(TEXT, changes=True),
    "ticket.language": FieldSpec(TEXT),
    "ticket.sentiment": FieldSpec(NUMBER),  # -1 to 1, of the latest analysed customer message
    "ticket.frustration": FieldSpec(NUMBER),  # 0 to 1, likewise
    "ticket.created_at": FieldSpec(MOMENT),
    "ticket.updated_at": FieldSpec(MOMENT),
    "ticket.status_changed_at": FieldSpec(MOMENT),
    "ticket.solved_at": FieldSpec(MOMENT),
    "ticket.last_customer_message_at": FieldSpec(MOMENT),
    "ticket.last_agent_message_at": FieldSpec(MOMENT),
    "customer.email": FieldSpec(TEXT),
    "customer.organisation": FieldSpec(TEXT),  # the organisation's name
    "customer.vip": FieldSpec(BOOLEAN),
    "customer.language": FieldSpec(TEXT),
    "message.body": FieldSpec(TEXT),
    "message.author": FieldSpec(CHOICE, tuple(AuthorKind.values)),
    "message.channel": FieldSpec(CHOICE, tuple(Channel.values)),
    "message.is_public": FieldSpec(BOOLEAN),
    "sla.target": FieldSpec(TEXT),  # on SLA warnings and breaches: first_response, resolution...
}

OPERATORS: dict[str, frozenset[str]] = {
    "is": frozenset({TEXT, CHOICE, NUMBER, BOOLEAN, ANY}),
    "is_not": frozenset({TEXT, CHOICE, NUMBER, BOOLEAN, ANY}),
    "in": frozenset({TEXT, CHOICE, NUMBER, ANY}),
    "not_in": frozenset({TEXT, CHOICE, NUMBER, ANY}),
    "contains": frozenset({TEXT, TAGS, ANY}),
    "not_contains": frozenset({TEXT, TAGS, ANY}),
    "gt": frozenset({NUMBER, ANY, CHOICE}),
    "lt": frozenset({NUMBER, ANY, CHOICE}),
    "changed": frozenset({TEXT, CHOICE, TAGS, ANY}),
    "changed_to": frozenset({TEXT, CHOICE, ANY}),
    "hours_since": frozenset({MOMENT}),
}
UPDATE_OPERATORS = frozenset({"changed", "changed_to"})
TIME_OPERATOR = "hours_since"
MAX_CONDITIONS = 50


@dataclass
class Facts:
    """What conditions read: field name -> value, the fields this update changed (with their
    previous values), and the moment of evaluation."""

    values: dict[str, Any]
    now: datetime
    changed: dict[str, Any] = field(default_factory=dict)

    def has_changed(self, name: str) -> bool:
        if name.startswith(CUSTOM_FIELD_PREFIX):
            return name in self.changed or "ticket.custom_fields" in self.changed
        return name in self.changed

    def get(self, name: str) -> Any:
        if name.startswith(CUSTOM_FIELD_PREFIX):
            return self.values.get("ticket.custom_fields", {}).get(name[len(CUSTOM_FIELD_PREFIX) :])
        return self.values.get(name)


@dataclass(frozen=True)
class ConditionResult:
    group: str  # "all" or "any"
    field: str
    operator: str
    value: Any
    actual: Any
    matched: bool


@dataclass(frozen=True)
class Evaluation:
    matched: bool
    results: tuple[ConditionResult, ...]


def spec_of(name: str) -> FieldSpec | None:
    if name.startswith(CUSTOM_FIELD_PREFIX) and len(name) > len(CUSTOM_FIELD_PREFIX):
        return FieldSpec(ANY, changes=True)
    return FIELDS.get(name)


def validate_conditions(conditions: Any, *, time_rule: bool) -> dict[str, list[dict[str, Any]]]:
    """The conditions in canonical form, or ``ValidationFailed`` naming the item at fault."""
    if conditions is None:
        conditions = {}
    if not isinstance(conditions, Mapping):
        raise ValidationFailed(
            "Conditions are an object with 'all' and 'any' lists.", field="conditions"
        )
    unknown = set(conditions) - {"all", "any"}
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationFailed(
            f"Unknown key {name!r}: use 'all' and 'any'.", field=f"conditions.{name}"
        )
    cleaned: dict[str, list[dict[str, Any]]] = {}
    for group in ("all", "any"):
        items = conditions.get(group, [])
        if not isinstance(items, list):
            raise ValidationFailed(
                "This must be a list of conditions.", field=f"conditions.{group}"
            )
        if len(items) > MAX_CONDITIONS:
            raise ValidationFailed(
                f"At most {MAX_CONDITIONS} conditions.", field=f"conditions.{group}"
            )
        cleaned[group] = [
            _validate_item(item, f"conditions.{group}[{index}]", group=group, time_rule=time_rule)
            for index, item in enumerate(items)
        ]
    if time_rule and not any(item["operator"] == TIME_OPERATOR for item in cleaned["all"]):
        raise ValidationFailed(
            "A time automation needs an 'hours_since' condition in 'all': it says when it runs.",
            field="conditions.all",
        )
    return cleaned


def _validate_item(item: Any, path: str, *, group: str, time_rule: bool) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        raise ValidationFailed("A condition is an object with field, operator, value.", field=path)
    unknown = set(item) - {"field", "operator", "value"}
    if unknown:
        raise ValidationFailed(f"Unknown key {sorted(unknown)[0]!r}.", field=path)
    name = item.get("field")
    spec = spec_of(name) if isinstance(name, str) else None
    if spec is None or not isinstance(name, str):
        raise ValidationFailed(f"Unknown field {name!r}.", field=f"{path}.field")
    operator = item.get("operator")
    if operator not in OPERATORS:
        raise ValidationFailed(
            f"Unknown operator {operator!r}; use one of {', '.join(OPERATORS)}.",
            field=f"{path}.operator",
        )
    if spec.kind not in OPERATORS[operator] or (operator in UPDATE_OPERATORS and not spec.changes):
        raise ValidationFailed(
            f"{name} cannot be compared with {operator!r}.", field=f"{path}.operator"
        )
    if operator in UPDATE_OPERATORS and time_rule:
        raise ValidationFailed(
            f"{operator!r} describes an update; a time automation has none.",
            field=f"{path}.operator",
        )
    if operator == TIME_OPERATOR and (not time_rule or group != "all"):
        raise ValidationFailed(
            "'hours_since' belongs in the 'all' conditions of a time automation.",
            field=f"{path}.operator",
        )
    value = item.get("value")
    _validate_value(name, spec, operator, value, f"{path}.value")
    if operator == "changed":
        return {"field": name, "operator": operator}
    return {"field": name, "operator": operator, "value": value}


def _validate_value(name: str, spec: FieldSpec, operator: str, value: Any, path: str) -> None:
    if operator == "changed":
        return
    if operator in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise ValidationFailed(f"{operator!r} needs a non-empty list.", field=path)
        for item in value:
            _validate_scalar(name, spec, item, path)
        return
    if operator in ("gt", "lt", TIME_OPERATOR):
        if spec.kind == CHOICE and name == "ticket.priority":
            _validate_scalar(name, spec, value, path)
            return
        if spec.kind == CHOICE or not _is_number(value):
            raise ValidationFailed(f"{operator!r} needs a number.", field=path)
        if operator == TIME_OPERATOR and value < 0:
            raise ValidationFailed("Hours cannot be negative.", field=path)
        return
    if spec.kind == TAGS or operator in ("contains", "not_contains"):
        if not isinstance(value, str) or not value.strip():
            raise ValidationFailed(f"{operator!r} needs some text.", field=path)
        return
    if value is None and spec.kind in (TEXT, ANY) and operator in ("is", "is_not", "changed_to"):
        return  # "is empty": no assignee, no category, no such custom field
    _validate_scalar(name, spec, value, path)


def _validate_scalar(name: str, spec: FieldSpec, value: Any, path: str) -> None:
    if spec.kind == CHOICE:
        if value not in spec.choices:
            raise ValidationFailed(
                f"{name} is one of {', '.join(spec.choices)}; not {value!r}.", field=path
            )
    elif spec.kind == BOOLEAN:
        if not isinstance(value, bool):
            raise ValidationFailed(f"{name} is true or false.", field=path)
    elif spec.kind == NUMBER:
        if not _is_number(value):
            raise ValidationFailed(f"{name} is a number.", field=path)
    elif spec.kind == TEXT:
        if not isinstance(value, str):
            raise ValidationFailed(f"{name} is compared with text.", field=path)
    elif not isinstance(value, str | int | float | bool):
        raise ValidationFailed("Compare with text, a number or true/false.", field=path)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def evaluate(conditions: Mapping[str, Any], facts: Facts) -> Evaluation:
    results = [
        _evaluate_item(group, item, facts)
        for group in ("all", "any")
        for item in conditions.get(group, [])
    ]
    every = all(result.matched for result in results if result.group == "all")
    anyof = [result.matched for result in results if result.group == "any"]
    return Evaluation(matched=every and (not anyof or any(anyof)), results=tuple(results))


def _evaluate_item(group: str, item: Mapping[str, Any], facts: Facts) -> ConditionResult:
    name, operator, expected = str(item["field"]), str(item["operator"]), item.get("value")
    actual = facts.get(name)
    if operator == "changed":
        matched = facts.has_changed(name)
    elif operator == "changed_to":
        matched = facts.has_changed(name) and _equal(actual, expected)
    elif operator == TIME_OPERATOR:
        matched = (
            actual is not None
            and (facts.now - actual).total_seconds() >= float(expected or 0) * 3600
        )
        if actual is not None:
            actual = actual.isoformat()
    else:
        matched = compare(name, operator, actual, expected)
    return ConditionResult(group, name, operator, expected, actual, matched)


def compare(name: str, operator: str, actual: Any, expected: Any) -> bool:
    """One comparison; text compares without regard to case, a missing value matches nothing but
    the negative operators (and ``is`` null)."""
    if operator == "is":
        return _equal(actual, expected)
    if operator == "is_not":
        return not _equal(actual, expected)
    if operator == "in":
        return any(_equal(actual, item) for item in expected)
    if operator == "not_in":
        return not any(_equal(actual, item) for item in expected)
    if operator in ("contains", "not_contains"):
        found = _contains(actual, expected)
        return found if operator == "contains" else not found
    if operator in ("gt", "lt"):
        left, right = _rank(name, actual), _rank(name, expected)
        if left is None or right is None:
            return False
        return left > right if operator == "gt" else left < right
    raise ValueError(f"unknown operator {operator!r}")


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _equal(actual: Any, expected: Any) -> bool:
    if isinstance(actual, bool) or isinstance(expected, bool):
        return actual is expected
    return bool(_fold(actual) == _fold(expected))


def _contains(actual: Any, expected: str) -> bool:
    if isinstance(actual, list):
        return _fold(expected.strip()) in [_fold(item) for item in actual]
    if isinstance(actual, str):
        return _fold(expected) in _fold(actual)
    return False


def _rank(name: str, value: Any) -> float | None:
    if name == "ticket.priority":
        return PRIORITY_RANK.get(value)
    return float(value) if _is_number(value) else None
