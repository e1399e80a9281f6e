"""Admins' screens for escalation rules: every fault on its field, nothing saved on refusal."""

import pytest
from django.urls import reverse

from caredesk.sla.models import EscalationRule
from caredesk.tickets.choices import Priority

pytestmark = pytest.mark.django_db

RULES = reverse("web:escalation_rules")
NEW_RULE = reverse("web:escalation_rule_new")


def rule_post(**changes):
    data = {
        "name": "Breach: wake the on-call",
        "position": "2",
        "is_active": "on",
        "policy": "",
        "target": "first_response",
        "trigger": "breach",
        "delay_minutes": "30",
        "notify_on_call": "on",
        "raise_priority_to": "4",
        "reassign_to_team": "",
        "assign_to_on_call": "on",
        "add_tag": "Escalated",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def warning_rule(standard_policy):
    return EscalationRule.objects.create(
        name="Warn the assignee",
        position=0,
        policy=standard_policy,
        target="resolution",
        trigger="warning",
        notify_assignee=True,
        raise_priority_to=Priority.HIGH,
        add_tag="sla-warning",
    )


def stored():
    return list(EscalationRule.objects.values())


def edit_url(rule):
    return reverse("web:escalation_rule", args=[rule.pk])


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 403), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
@pytest.mark.parametrize("page", ["list", "new", "edit"])
def test_only_admins_open_the_screens(client_as, warning_rule, page, role, status):
    url = {"list": RULES, "new": NEW_RULE, "edit": edit_url(warning_rule)}[page]

    response = client_as(role).get(url)

    assert response.status_code == status
    if status == 403:
        assert "Only admins may change these settings." in response.text


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer", "anonymous"])
def test_nobody_else_saves_anything(client_as, warning_rule, role):
    client = client_as(role)
    before = stored()

    client.post(NEW_RULE, rule_post())
    client.post(edit_url(warning_rule), rule_post(name="Taken over"))

    assert stored() == before


def test_list_says_when_each_rule_acts_and_what_it_does(client_as, warning_rule, other_team):
    EscalationRule.objects.create(
        name="Move to billing",
        position=1,
        trigger="breach",
        delay_minutes=60,
        notify_assignee=False,
        reassign_to_team=other_team,
        is_active=False,
    )

    response = client_as("admin").get(RULES)

    assert [row["rule"].name for row in response.context["rows"]] == [
        "Warn the assignee",
        "Move to billing",
    ]
    assert "Warning of resolution (policy Standard)" in response.text
    assert "Notify the assignee; raise priority to high; tag sla-warning" in response.text
    assert "Breach of any target, after 60 min" in response.text
    assert "Move to Billing" in response.text
    assert '<span class="muted">Inactive</span>' in response.text


def test_admin_creates_a_rule(client_as, standard_policy, other_team):
    data = rule_post(policy=str(standard_policy.pk), reassign_to_team=str(other_team.pk))

    response = client_as("admin").post(NEW_RULE, data)

    assert response.status_code == 302
    assert response["Location"] == RULES
    rule = EscalationRule.objects.get()
    assert (rule.name, rule.position, rule.is_active, rule.policy, rule.target) == (
        "Breach: wake the on-call",
        2,
        True,
        standard_policy,
        "first_response",
    )
    assert (rule.trigger, rule.delay_minutes, rule.raise_priority_to, rule.reassign_to_team) == (
        "breach",
        30,
        Priority.URGENT,
        other_team,
    )
    assert (rule.notify_assignee, rule.notify_team_supervisors, rule.notify_on_call) == (
        False,
        False,
        True,
    )
    assert (rule.assign_to_on_call, rule.add_tag) == (True, "escalated")


def test_a_new_rule_without_level_goes_last(client_as, warning_rule):
    client_as("admin").post(NEW_RULE, rule_post(position=""))

    assert EscalationRule.objects.get(name="Breach: wake the on-call").position == 1


def test_edit_form_shows_the_rule_and_saves_changes(client_as, warning_rule):
    client = client_as("admin")
    url = edit_url(warning_rule)

    shown = client.get(url)
    response = client.post(
        url, rule_post(name="Warn the assignee", policy="", target="", raise_priority_to="")
    )

    assert "<h1>Escalation rule Warn the assignee</h1>" in shown.text
    assert 'name="add_tag" value="sla-warning"' in shown.text
    assert '<option value="3" selected>High</option>' in shown.text
    assert 'value="warning" required id="id_trigger_0" checked' in shown.text
    assert response.status_code == 302
    warning_rule.refresh_from_db()
    assert (warning_rule.policy, warning_rule.target, warning_rule.raise_priority_to) == (
        None,
        "",
        None,
    )
    assert (warning_rule.trigger, warning_rule.notify_assignee) == ("breach", False)


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        pytest.param(
            {"name": "WARN the assignee"},
            409,
            "Name: A rule named &#x27;WARN the assignee&#x27; exists already.",
            id="duplicate-name",
        ),
        pytest.param({"name": ""}, 422, "Name: This field is required.", id="no-name"),
        pytest.param(
            {"add_tag": "no/slashes"},
            422,
            "Add the tag: Tag &#x27;no/slashes&#x27; may hold only letters, digits",
            id="tag",
        ),
        pytest.param(
            {"reassign_to_team": "999"},
            422,
            "Move the ticket to team: Select a valid choice.",
            id="unknown-team",
        ),
        pytest.param(
            {"policy": "999"},
            422,
            "SLA policy: Select a valid choice.",
            id="unknown-policy",
        ),
        pytest.param(
            {"delay_minutes": "-5"},
            422,
            "Wait (minutes): Ensure this value is greater than or equal to 0.",
            id="negative-delay",
        ),
        pytest.param(
            {"delay_minutes": "50000"},
            422,
            "Wait (minutes): Ensure this value is less than or equal to 43200.",
            id="long-delay",
        ),
        pytest.param(
            {"raise_priority_to": "9"},
            422,
            "Raise the priority to: Select a valid choice. 9 is not one of the available",
            id="priority",
        ),
        pytest.param(
            {"trigger": None},
            422,
            '<a href="#id_trigger">Acts on: This field is required.</a>',
            id="no-trigger",
        ),
        pytest.param(
            {
                "notify_on_call": None,
                "raise_priority_to": "",
                "assign_to_on_call": None,
                "add_tag": "",
            },
            422,
            "<li>The rule does nothing: choose at least one action.</li>",
            id="no-action",
        ),
    ],
)
def test_faults_are_shown_on_their_field_and_nothing_is_saved(
    client_as, warning_rule, changes, status, message
):
    client = client_as("admin")
    before = stored()

    response = client.post(NEW_RULE, rule_post(**changes))

    assert response.status_code == status
    assert message in response.text
    assert stored() == before


def test_a_refused_edit_keeps_the_stored_title(client_as, warning_rule):
    EscalationRule.objects.create(name="Other", trigger="breach")
    before = stored()

    response = client_as("admin").post(edit_url(warning_rule), rule_post(name="other"))

    assert response.status_code == 409
    assert "<h1>Escalation rule Warn the assignee</h1>" in response.text
    assert stored() == before


def test_unknown_rule_is_not_found(client_as):
    assert client_as("admin").get(reverse("web:escalation_rule", args=[999])).status_code == 404


def test_settings_pages_link_to_each_other(client_as):
    response = client_as("admin").get(RULES)

    assert '<a href="/settings/escalations/" aria-current="page">Escalation rules</a>' in (
        response.text
    )
    assert f'<a href="{reverse("web:team_settings")}">Teams and on-call</a>' in response.text
    assert f'<a href="{reverse("web:authority_limits")}">Authority limits</a>' in response.text
    assert f'<a href="{reverse("web:sla_settings")}" aria-current="page">Settings</a>' in (
        response.text
    )
