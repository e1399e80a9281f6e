"""save_escalation_rule: admins only, every fault names its field, nothing stored on refusal."""

import pytest

from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.sla.models import EscalationRule
from caredesk.sla.services.escalation_rules import save_escalation_rule
from caredesk.tickets.choices import Priority

pytestmark = pytest.mark.django_db


def rule_values(**changes):
    values = {
        "name": "Breach: tell the on-call",
        "position": 1,
        "is_active": True,
        "policy": None,
        "target": "first_response",
        "trigger": "breach",
        "delay_minutes": 30,
        "notify_assignee": True,
        "notify_team_supervisors": False,
        "notify_on_call": True,
        "raise_priority_to": Priority.HIGH,
        "reassign_to_team": None,
        "assign_to_on_call": False,
        "add_tag": "",
    }
    values.update(changes)
    return values


@pytest.fixture
def warning_rule(db):
    return EscalationRule.objects.create(
        name="Warn the assignee", trigger="warning", notify_assignee=True
    )


def test_admin_creates_a_rule_with_every_action(admin_user, standard_policy, other_team):
    values = rule_values(
        policy=standard_policy.pk,
        reassign_to_team=other_team,
        assign_to_on_call=True,
        add_tag="  SLA Breach ",
    )

    rule = save_escalation_rule(None, actor=admin_user, values=values)

    stored = EscalationRule.objects.get(pk=rule.pk)
    assert (stored.name, stored.position, stored.policy, stored.target, stored.trigger) == (
        "Breach: tell the on-call",
        1,
        standard_policy,
        "first_response",
        "breach",
    )
    assert (stored.delay_minutes, stored.raise_priority_to, stored.reassign_to_team) == (
        30,
        Priority.HIGH,
        other_team,
    )
    assert (stored.notify_on_call, stored.assign_to_on_call, stored.add_tag) == (
        True,
        True,
        "sla-breach",
    )


def test_a_new_rule_without_position_goes_last(admin_user, warning_rule):
    values = rule_values()
    del values["position"]

    rule = save_escalation_rule(None, actor=admin_user, values=values)

    assert rule.position == 1


def test_admin_changes_some_fields_and_keeps_the_others(admin_user, warning_rule):
    save_escalation_rule(warning_rule, actor=admin_user, values={"is_active": False, "target": ""})

    warning_rule.refresh_from_db()
    assert (warning_rule.is_active, warning_rule.target, warning_rule.trigger) == (
        False,
        "",
        "warning",
    )
    assert warning_rule.notify_assignee is True


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer_user"])
def test_only_admins_save_rules(request, role, warning_rule):
    actor = request.getfixturevalue(role)
    before = list(EscalationRule.objects.values())

    with pytest.raises(PermissionDenied):
        save_escalation_rule(None, actor=actor, values=rule_values())
    with pytest.raises(PermissionDenied):
        save_escalation_rule(warning_rule, actor=actor, values={"is_active": False})

    assert list(EscalationRule.objects.values()) == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"name": "  "}, "name", "A rule needs a name.", id="blank-name"),
        pytest.param({"name": "x" * 101}, "name", "at most 100 characters", id="long-name"),
        pytest.param({"position": -1}, "position", "zero or more", id="negative-position"),
        pytest.param({"delay_minutes": "5"}, "delay_minutes", "whole number", id="delay-text"),
        pytest.param(
            {"delay_minutes": 30 * 24 * 60 + 1}, "delay_minutes", "at most 43200", id="delay-long"
        ),
        pytest.param({"target": "lunch"}, "target", "target must be empty", id="target"),
        pytest.param({"trigger": "soon"}, "trigger", "trigger must be one of", id="trigger"),
        pytest.param(
            {"raise_priority_to": 5}, "raise_priority_to", "from 1 (low)", id="priority-high"
        ),
        pytest.param(
            {"raise_priority_to": True}, "raise_priority_to", "from 1 (low)", id="priority-bool"
        ),
        pytest.param({"notify_on_call": "yes"}, "notify_on_call", "true or false", id="flag"),
        pytest.param({"reassign_to_team": 999}, "reassign_to_team", "No team", id="team"),
        pytest.param({"reassign_to_team": "billing"}, "reassign_to_team", "id of", id="team-text"),
        pytest.param({"policy": 999}, "policy", "No SLA policy with id 999.", id="policy"),
        pytest.param({"add_tag": "no/slashes"}, "add_tag", "may hold only letters", id="tag"),
        pytest.param({"add_tag": "x" * 51}, "add_tag", "up to 50", id="long-tag"),
        pytest.param({"colour": "red"}, "colour", "Unknown field 'colour'.", id="unknown"),
    ],
)
def test_faults_name_their_field_and_store_nothing(
    admin_user, warning_rule, changes, field, message
):
    before = list(EscalationRule.objects.values())

    with pytest.raises(ValidationFailed) as raised:
        save_escalation_rule(None, actor=admin_user, values=rule_values(**changes))

    assert raised.value.field == field
    assert message in raised.value.message
    assert list(EscalationRule.objects.values()) == before


def test_a_new_rule_needs_a_trigger(admin_user):
    values = rule_values()
    del values["trigger"]

    with pytest.raises(ValidationFailed) as raised:
        save_escalation_rule(None, actor=admin_user, values=values)

    assert raised.value.field == "trigger"
    assert not EscalationRule.objects.exists()


def test_names_are_unique_whatever_the_case(admin_user, warning_rule):
    with pytest.raises(Conflict) as raised:
        save_escalation_rule(None, actor=admin_user, values=rule_values(name="WARN the assignee"))

    assert raised.value.field == "name"
    assert EscalationRule.objects.count() == 1


def test_a_rule_keeps_its_own_name_when_saved_again(admin_user, warning_rule):
    save_escalation_rule(warning_rule, actor=admin_user, values={"name": "Warn the assignee"})

    assert EscalationRule.objects.get().name == "Warn the assignee"


def test_a_rule_that_does_nothing_is_refused(admin_user, warning_rule):
    nothing = {
        "notify_assignee": False,
        "notify_on_call": False,
        "raise_priority_to": None,
        "add_tag": " ",
    }

    with pytest.raises(ValidationFailed) as raised:
        save_escalation_rule(None, actor=admin_user, values=rule_values(**nothing))

    assert raised.value.field is None
    assert raised.value.message == "The rule does nothing: choose at least one action."
    assert EscalationRule.objects.count() == 1
