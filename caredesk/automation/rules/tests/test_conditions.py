"""The condition operators, table-driven against a plain snapshot: no database."""

from datetime import UTC, datetime, timedelta

import pytest

from caredesk.automation.rules.conditions import Facts, evaluate, validate_conditions
from caredesk.core.errors import ValidationFailed

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
FACTS = Facts(
    values={
        "ticket.status": "pending",
        "ticket.priority": "high",
        "ticket.team": "support",
        "ticket.assignee": None,
        "ticket.tags": ["refund", "vip"],
        "ticket.subject": "My Parcel never arrived",
        "ticket.custom_fields": {"order": "A-17", "amount": 120},
        "ticket.sentiment": -0.6,
        "customer.vip": True,
        "message.author": "customer",
        "ticket.status_changed_at": NOW - timedelta(hours=73),
        "ticket.solved_at": None,
    },
    now=NOW,
    changed={"ticket.priority": None, "ticket.custom_fields": None},
)


@pytest.mark.parametrize(
    ("field", "operator", "value", "matched"),
    [
        ("ticket.status", "is", "pending", True),
        ("ticket.status", "is", "open", False),
        ("ticket.status", "is_not", "open", True),
        ("ticket.status", "in", ["open", "pending"], True),
        ("ticket.status", "not_in", ["open", "pending"], False),
        ("ticket.team", "is", "SUPPORT", True),
        ("ticket.assignee", "is", None, True),
        ("ticket.assignee", "is_not", None, False),
        ("ticket.tags", "contains", "VIP", True),
        ("ticket.tags", "not_contains", "vip", False),
        ("ticket.subject", "contains", "parcel", True),
        ("ticket.subject", "not_contains", "refund", True),
        ("ticket.priority", "gt", "normal", True),
        ("ticket.priority", "lt", "high", False),
        ("ticket.sentiment", "lt", -0.5, True),
        ("ticket.sentiment", "gt", 0, False),
        ("ticket.custom_fields.amount", "gt", 100, True),
        ("ticket.custom_fields.order", "is", "a-17", True),
        ("ticket.custom_fields.missing", "is", None, True),
        ("ticket.frustration", "gt", 0.5, False),  # unknown: nothing but negatives match
        ("ticket.frustration", "is_not", 0.5, True),
        ("customer.vip", "is", True, True),
        ("customer.vip", "is", False, False),
        ("message.author", "is", "customer", True),
        ("ticket.priority", "changed", None, True),
        ("ticket.status", "changed", None, False),
        ("ticket.priority", "changed_to", "high", True),
        ("ticket.priority", "changed_to", "urgent", False),
        ("ticket.custom_fields.order", "changed", None, True),
    ],
)
def test_operator(field, operator, value, matched):
    conditions = {"all": [{"field": field, "operator": operator, "value": value}]}

    evaluation = evaluate(conditions, FACTS)

    assert evaluation.matched is matched
    assert evaluation.results[0].actual == FACTS.get(field)


@pytest.mark.parametrize(("hours", "matched"), [(72, True), (73, True), (73.5, False), (0, True)])
def test_hours_since_counts_whole_elapsed_time(hours, matched):
    conditions = {
        "all": [{"field": "ticket.status_changed_at", "operator": "hours_since", "value": hours}]
    }

    assert evaluate(conditions, FACTS).matched is matched


def test_hours_since_an_unknown_moment_never_holds():
    conditions = {"all": [{"field": "ticket.solved_at", "operator": "hours_since", "value": 1}]}

    assert evaluate(conditions, FACTS).matched is False


@pytest.mark.parametrize(
    ("any_items", "matched"),
    [
        ([], True),
        ([("ticket.status", "is", "open")], False),
        ([("ticket.status", "is", "open"), ("customer.vip", "is", True)], True),
    ],
)
def test_all_and_any(any_items, matched):
    conditions = {
        "all": [{"field": "ticket.team", "operator": "is", "value": "support"}],
        "any": [{"field": f, "operator": o, "value": v} for f, o, v in any_items],
    }

    assert evaluate(conditions, FACTS).matched is matched


@pytest.mark.parametrize(
    ("conditions", "time_rule", "field"),
    [
        ([], False, "conditions"),
        ({"none": []}, False, "conditions.none"),
        ({"all": {}}, False, "conditions.all"),
        ({"all": ["x"]}, False, "conditions.all[0]"),
        (
            {"all": [{"field": "ticket.colour", "operator": "is", "value": 1}]},
            False,
            "conditions.all[0].field",
        ),
        (
            {
                "any": [
                    {"field": "ticket.status", "operator": "is", "value": "open"},
                    {"field": "ticket.status", "operator": "like", "value": "x"},
                ]
            },
            False,
            "conditions.any[1].operator",
        ),
        (
            {"all": [{"field": "ticket.status", "operator": "is", "value": "lost"}]},
            False,
            "conditions.all[0].value",
        ),
        (
            {"all": [{"field": "ticket.status", "operator": "gt", "value": "open"}]},
            False,
            "conditions.all[0].value",
        ),
        (
            {"all": [{"field": "ticket.tags", "operator": "is", "value": "x"}]},
            False,
            "conditions.all[0].operator",
        ),
        (
            {"all": [{"field": "ticket.channel", "operator": "changed"}]},
            False,
            "conditions.all[0].operator",
        ),
        (
            {"all": [{"field": "ticket.status", "operator": "in", "value": []}]},
            False,
            "conditions.all[0].value",
        ),
        (
            {"all": [{"field": "customer.vip", "operator": "is", "value": "yes"}]},
            False,
            "conditions.all[0].value",
        ),
        (
            {"all": [{"field": "ticket.created_at", "operator": "hours_since", "value": 3}]},
            False,
            "conditions.all[0].operator",
        ),
        (
            {"all": [{"field": "ticket.status", "operator": "is", "value": "pending"}]},
            True,
            "conditions.all",
        ),
        (
            {"all": [{"field": "ticket.updated_at", "operator": "hours_since", "value": -1}]},
            True,
            "conditions.all[0].value",
        ),
        (
            {
                "all": [
                    {"field": "ticket.updated_at", "operator": "hours_since", "value": 1},
                    {"field": "ticket.status", "operator": "changed_to", "value": "open"},
                ]
            },
            True,
            "conditions.all[1].operator",
        ),
    ],
)
def test_invalid_conditions_name_the_item(conditions, time_rule, field):
    with pytest.raises(ValidationFailed) as error:
        validate_conditions(conditions, time_rule=time_rule)

    assert error.value.field == field


def test_valid_conditions_come_back_canonical():
    cleaned = validate_conditions(
        {"all": [{"field": "ticket.priority", "operator": "changed", "value": "ignored"}]},
        time_rule=False,
    )

    assert cleaned == {"all": [{"field": "ticket.priority", "operator": "changed"}], "any": []}
