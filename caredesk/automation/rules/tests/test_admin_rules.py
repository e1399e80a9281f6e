"""Admins' screens for automation rules, and the ticket page's dry-run panel."""

import json

import pytest
from django.urls import reverse

from caredesk.automation.models import Rule
from caredesk.automation.rules.services.config import RuleChanges, create_rule
from caredesk.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db

RULES = reverse("web:rules")
NEW_RULE = reverse("web:rule_new")
CONDITIONS = {"all": [{"field": "customer.vip", "operator": "is", "value": True}]}
ACTIONS = [{"type": "set_priority", "priority": "urgent"}]


def rule_post(**changes):
    data = {
        "name": "VIP is urgent",
        "kind": "event",
        "events": ["ticket_created"],
        "is_enabled": "on",
        "conditions": json.dumps(CONDITIONS),
        "actions": json.dumps(ACTIONS),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def rules(admin_user):
    return [
        create_rule(
            actor=admin_user,
            changes=RuleChanges(
                name=name, events=["ticket_updated"], conditions=CONDITIONS, actions=ACTIONS
            ),
        )
        for name in ("First", "Second")
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [("agent", 403), ("supervisor", 403), ("admin", 200), ("customer", 302), ("anonymous", 302)],
)
def test_who_may_open_the_pages(client_as, rules, ticket, role, status):
    client = client_as(role)
    pages = [RULES, NEW_RULE, reverse("web:rule", args=[rules[0].pk])]
    pages.append(reverse("web:ticket_rules", args=[ticket.pk]))

    assert [client.get(page).status_code for page in pages] == [status] * len(pages)


@pytest.mark.parametrize("role", ["agent", "supervisor", "customer"])
def test_others_change_nothing(client_as, rules, role):
    client = client_as(role)
    before = list(Rule.objects.values())

    client.post(NEW_RULE, rule_post())
    client.post(reverse("web:rule_toggle", args=[rules[0].pk]))
    client.post(reverse("web:rule_move", args=[rules[0].pk, "down"]))
    client.post(reverse("web:rule_delete", args=[rules[0].pk]))

    assert list(Rule.objects.values()) == before


def test_create_edit_and_list(client_as):
    client = client_as("admin")

    created = client.post(NEW_RULE, rule_post())
    rule = Rule.objects.get()
    edited = client.post(reverse("web:rule", args=[rule.pk]), rule_post(name="VIPs first"))
    page = client.get(RULES)

    assert created.status_code == edited.status_code == 302
    rule.refresh_from_db()
    assert (rule.name, rule.events, rule.actions) == ("VIPs first", ["ticket_created"], ACTIONS)
    assert "VIPs first" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"conditions": "{"}, "conditions", "Not valid JSON"),
        (
            {"conditions": json.dumps({"all": [{"field": "ticket.status", "operator": "near"}]})},
            "conditions",
            "conditions.all[0].operator: Unknown operator",
        ),
        (
            {"actions": json.dumps([{"type": "set_team", "team": "x"}])},
            "actions",
            "actions[0].team",
        ),
        ({"events": []}, "events", "at least one event"),
    ],
)
def test_errors_show_on_their_field(client_as, changes, field, message):
    client = client_as("admin")

    response = client.post(NEW_RULE, rule_post(**changes))

    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert not Rule.objects.exists()


def test_toggle_move_and_delete(client_as, rules):
    client = client_as("admin")
    first, second = rules

    client.post(reverse("web:rule_toggle", args=[first.pk]))
    client.post(reverse("web:rule_move", args=[second.pk, "up"]))
    first.refresh_from_db()
    assert first.is_enabled is False
    assert list(Rule.objects.values_list("name", flat=True)) == ["Second", "First"]

    client.post(reverse("web:rule_delete", args=[first.pk]))
    assert list(Rule.objects.values_list("name", flat=True)) == ["Second"]


def test_dry_run_on_a_ticket_number(client_as, rules, ticket, customer):
    customer.is_vip = True
    customer.save()
    client = client_as("admin")
    events = TicketEvent.objects.count()

    page = client.get(RULES, {"ticket": ticket.pk}).content.decode()
    missing = client.get(RULES, {"ticket": 999999})

    assert "<strong>First</strong>:\n          would fire" in page
    assert "customer.vip is True</code>: is True" in page
    assert missing.status_code == 404
    assert TicketEvent.objects.count() == events


def test_ticket_page_panel_for_admins_only(client_as, rules, ticket):
    admin_page = client_as("admin").get(reverse("web:ticket", args=[ticket.pk])).content.decode()
    panel = client_as("admin").get(reverse("web:ticket_rules", args=[ticket.pk])).content.decode()
    agent_page = client_as("agent").get(reverse("web:ticket", args=[ticket.pk])).content.decode()

    assert "Which rules would fire, and why" in admin_page
    assert "Which rules would fire, and why" not in agent_page
    assert "<strong>First</strong>:\n          would not fire" in panel
    assert "customer.vip is True</code>: is False" in panel
