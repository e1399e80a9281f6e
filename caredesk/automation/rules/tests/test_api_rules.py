"""The rules API: admins only, errors naming the item at fault, dry runs that write nothing."""

import pytest

from caredesk.automation.models import Rule
from caredesk.tickets.models import Message, TicketEvent

VIP_URGENT = {
    "name": "VIP is urgent",
    "events": ["ticket_created", "ticket_updated"],
    "conditions": {
        "all": [{"field": "customer.vip", "operator": "is", "value": True}],
        "any": [
            {"field": "ticket.priority", "operator": "lt", "value": "urgent"},
            {"field": "ticket.tags", "operator": "contains", "value": "vip"},
        ],
    },
    "actions": [{"type": "set_priority", "priority": "urgent"}],
}


def test_admin_creates_lists_edits_and_deletes(as_user, admin_user):
    created = as_user(admin_user, "post", "/api/v1/rules", VIP_URGENT)
    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["enabled"], body["position"], body["kind"]) == (
        "VIP is urgent",
        True,
        1,
        "event",
    )
    assert body["conditions"]["any"][1] == {
        "field": "ticket.tags",
        "operator": "contains",
        "value": "vip",
    }
    assert len(body["webhook_secret"]) == 64

    patched = as_user(admin_user, "patch", f"/api/v1/rules/{body['id']}", {"enabled": False})
    assert patched.json()["enabled"] is False
    assert patched.json()["actions"] == VIP_URGENT["actions"]
    listed = as_user(admin_user, "get", "/api/v1/rules")
    assert [rule["name"] for rule in listed.json()] == ["VIP is urgent"]
    assert as_user(admin_user, "post", f"/api/v1/rules/{body['id']}/enable").json()["enabled"]

    assert as_user(admin_user, "delete", f"/api/v1/rules/{body['id']}").status_code == 204
    assert not Rule.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"events": []}, "events"),
        ({"events": ["ticket_created", "survey_answered"]}, "events[1]"),
        ({"conditions": {"all": [{}, {"field": "ticket.status"}]}}, "conditions.all[0].field"),
        (
            {
                "conditions": {
                    "any": [
                        {"field": "ticket.status", "operator": "is", "value": "open"},
                        {"field": "ticket.status", "operator": "above", "value": "open"},
                    ]
                }
            },
            "conditions.any[1].operator",
        ),
        ({"actions": []}, "actions"),
        ({"actions": [{"type": "explode"}]}, "actions[0].type"),
        ({"actions": [{"type": "set_team", "team": "nowhere"}]}, "actions[0].team"),
        ({"actions": [{"type": "assign", "agent": "customer@example.com"}]}, "actions[0].agent"),
        ({"actions": [{"type": "webhook", "url": "file:///etc/passwd"}]}, "actions[0].url"),
        ({"actions": [{"type": "send_reply", "body": "Hi {{customer.age}}"}]}, "actions[0].body"),
        ({"actions": [{"type": "notify", "subject": "Hi"}]}, "actions[0].agents"),
        ({"actions": [{"type": "add_tags", "tags": ["a b!"]}]}, "actions[0].tags"),
        ({"kind": "time"}, "events"),
        ({"kind": "time", "events": []}, "conditions.all"),
    ],
)
def test_bad_rules_answer_422_naming_the_field(as_user, admin_user, customer, change, field):
    response = as_user(admin_user, "post", "/api/v1/rules", {**VIP_URGENT, **change})

    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field
    assert not Rule.objects.exists()


def test_a_duplicate_name_conflicts(as_user, admin_user):
    as_user(admin_user, "post", "/api/v1/rules", VIP_URGENT)

    response = as_user(admin_user, "post", "/api/v1/rules", {**VIP_URGENT, "name": "vip IS urgent"})

    assert (response.status_code, response.json()["field"]) == (409, "name")


def test_reorder(as_user, admin_user):
    ids = [
        as_user(admin_user, "post", "/api/v1/rules", {**VIP_URGENT, "name": name}).json()["id"]
        for name in ("A", "B", "C")
    ]

    response = as_user(admin_user, "put", "/api/v1/rules/order", {"ids": [ids[2], ids[0], ids[1]]})
    partial = as_user(admin_user, "put", "/api/v1/rules/order", {"ids": [ids[0]]})

    assert [(rule["name"], rule["position"]) for rule in response.json()] == [
        ("C", 1),
        ("A", 2),
        ("B", 3),
    ]
    assert (partial.status_code, partial.json()["field"]) == (422, "ids")
    assert list(Rule.objects.values_list("name", flat=True)) == ["C", "A", "B"]


def test_dry_run_explains_and_writes_nothing(as_user, admin_user, ticket, customer):
    customer.is_vip = True
    customer.save()
    rule = as_user(admin_user, "post", "/api/v1/rules", VIP_URGENT).json()
    events, messages = TicketEvent.objects.count(), Message.objects.count()

    one = as_user(admin_user, "post", f"/api/v1/rules/{rule['id']}/dry-run?ticket={ticket.pk}")
    every = as_user(admin_user, "post", f"/api/v1/tickets/{ticket.pk}/rules/dry-run")

    assert one.status_code == 200
    assert one.json() == every.json()
    verdict = one.json()["items"][0]
    assert (verdict["rule_name"], verdict["would_fire"], verdict["reason"]) == (
        "VIP is urgent",
        True,
        "every condition holds",
    )
    assert [(c["field"], c["actual"], c["matched"]) for c in verdict["conditions"]] == [
        ("customer.vip", True, True),
        ("ticket.priority", "normal", True),
        ("ticket.tags", [], False),
    ]
    assert (TicketEvent.objects.count(), Message.objects.count()) == (events, messages)
    ticket.refresh_from_db()
    assert ticket.priority_name == "normal"


def test_dry_run_of_a_missing_ticket_is_404(as_user, admin_user):
    response = as_user(admin_user, "post", "/api/v1/tickets/999999/rules/dry-run")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("agent", 403), ("supervisor", 403), ("customer_user", 404)]
)
def test_only_admins(as_user, admin_user, request, ticket, who, status):
    user = request.getfixturevalue(who)
    rule = as_user(admin_user, "post", "/api/v1/rules", VIP_URGENT).json()
    before = list(Rule.objects.values())

    calls = [
        ("get", "/api/v1/rules", None),
        ("post", "/api/v1/rules", {**VIP_URGENT, "name": "Mine"}),
        ("get", f"/api/v1/rules/{rule['id']}", None),
        ("patch", f"/api/v1/rules/{rule['id']}", {"enabled": False}),
        ("delete", f"/api/v1/rules/{rule['id']}", None),
        ("put", "/api/v1/rules/order", {"ids": [rule["id"]]}),
        ("post", f"/api/v1/rules/{rule['id']}/disable", None),
        ("post", f"/api/v1/rules/{rule['id']}/dry-run?ticket={ticket.pk}", None),
        ("post", f"/api/v1/tickets/{ticket.pk}/rules/dry-run", None),
    ]

    assert [as_user(user, method, path, body).status_code for method, path, body in calls] == [
        status
    ] * len(calls)
    assert list(Rule.objects.values()) == before
