"""Every role against every object endpoint: the exact status, and that a refused write changed nothing.

The world: Cora's ``ticket`` and ``duplicate`` (Support), her colleague Carl's ticket (Support), and
Sid's ``other_ticket`` (Billing). ``ticket`` carries a public agent reply and an internal note.
"""

from dataclasses import dataclass

import pytest

from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket

ROLES = [
    "anonymous",
    "owner",
    "other_customer",
    "colleague_sharing",
    "colleague_not_sharing",
    "team_agent",
    "outside_agent",
    "assigned_outside_agent",
    "supervisor",
    "admin",
]
CUSTOMERS = {"owner", "other_customer", "colleague_sharing", "colleague_not_sharing"}
STAFF = {"team_agent", "outside_agent", "assigned_outside_agent", "supervisor", "admin"}
SEES_TICKET = {
    "owner",
    "colleague_sharing",
    "team_agent",
    "assigned_outside_agent",
    "supervisor",
    "admin",
}
SEES_CORA = {"owner", *STAFF}


@dataclass
class World:
    ticket: Ticket
    duplicate: Ticket
    colleague_ticket: Ticket
    other_ticket: Ticket
    users: dict


@pytest.fixture
def world(
    ticket,
    other_ticket,
    customer,
    colleague,
    agent,
    other_agent,
    supervisor,
    admin_user,
    customer_user,
    other_customer_user,
    colleague_user,
    organisation,
    team,
):
    add_message(ticket, actor=Actor.of_user(agent), body="We are checking.")
    add_message(ticket, actor=Actor.of_user(agent), body="Secret note", is_public=False)
    duplicate = make_ticket(customer, subject="Again", body="Same problem", team=team)
    colleague_ticket = make_ticket(colleague, subject="Carl's", body="Mine", team=team)
    users = {
        "anonymous": None,
        "owner": customer_user,
        "other_customer": other_customer_user,
        "colleague_sharing": colleague_user,
        "colleague_not_sharing": colleague_user,
        "team_agent": agent,
        "outside_agent": other_agent,
        "assigned_outside_agent": other_agent,
        "supervisor": supervisor,
        "admin": admin_user,
    }
    return World(ticket, duplicate, colleague_ticket, other_ticket, users)


@pytest.fixture
def as_role(world, organisation, other_agent, api_client):
    def setup(role):
        if role == "colleague_sharing":
            organisation.members_see_each_other = True
            organisation.save()
        if role == "assigned_outside_agent":
            Ticket.objects.filter(pk__in=[world.ticket.pk, world.duplicate.pk]).update(
                assignee=other_agent
            )
        return api_client(world.users[role])

    return setup


def snapshot(ticket):
    ticket.refresh_from_db()
    return (
        ticket.version,
        ticket.status,
        ticket.priority,
        ticket.merged_into_id,
        ticket.messages.count(),
    )


def expected_status(role, *, visible, allowed, success=200):
    if role == "anonymous":
        return 401
    if not visible:
        return 404
    return success if allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_list_tickets_shows_exactly_the_visible_ones(world, as_role, role):
    client = as_role(role)
    w = world
    expected = {
        "owner": [w.ticket, w.duplicate],
        "other_customer": [w.other_ticket],
        "colleague_sharing": [w.ticket, w.duplicate, w.colleague_ticket],
        "colleague_not_sharing": [w.colleague_ticket],
        "team_agent": [w.ticket, w.duplicate, w.colleague_ticket],
        "outside_agent": [w.other_ticket],
        "assigned_outside_agent": [w.ticket, w.duplicate, w.other_ticket],
        "supervisor": [w.ticket, w.duplicate, w.colleague_ticket],
        "admin": [w.ticket, w.duplicate, w.colleague_ticket, w.other_ticket],
    }

    response = client.get("/api/v1/tickets?limit=100")

    if role == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert sorted(item["id"] for item in response.json()["items"]) == sorted(
        t.pk for t in expected[role]
    )


@pytest.mark.parametrize("role", ROLES)
def test_get_ticket(world, as_role, role):
    client = as_role(role)

    response = client.get(f"/api/v1/tickets/{world.ticket.pk}")

    assert response.status_code == expected_status(role, visible=role in SEES_TICKET, allowed=True)
    if response.status_code == 200:
        assert response.json()["id"] == world.ticket.pk
        assert response["ETag"] == f'"v{world.ticket.version + 2}"'


@pytest.mark.parametrize("role", ROLES)
def test_patch_ticket(world, as_role, role):
    client = as_role(role)
    before = snapshot(world.ticket)

    response = client.patch(
        f"/api/v1/tickets/{world.ticket.pk}", {"priority": "high"}, content_type="application/json"
    )

    allowed = role in STAFF
    assert response.status_code == expected_status(
        role, visible=role in SEES_TICKET, allowed=allowed
    )
    after = snapshot(world.ticket)
    if response.status_code == 200:
        assert (after[0], after[2]) == (before[0] + 1, 3)
    else:
        assert after == before


@pytest.mark.parametrize("role", ROLES)
def test_list_messages_hides_internal_notes_from_customers(world, as_role, role):
    client = as_role(role)

    response = client.get(f"/api/v1/tickets/{world.ticket.pk}/messages")

    assert response.status_code == expected_status(role, visible=role in SEES_TICKET, allowed=True)
    if response.status_code == 200:
        bodies = [message["body"] for message in response.json()]
        if role in STAFF:
            assert bodies == ["It has not arrived.", "We are checking.", "Secret note"]
        else:
            assert bodies == ["It has not arrived.", "We are checking."]


@pytest.mark.parametrize("role", ROLES)
def test_post_public_message(world, as_role, role):
    client = as_role(role)
    before = snapshot(world.ticket)

    response = client.post(
        f"/api/v1/tickets/{world.ticket.pk}/messages",
        {"body": "Any news?"},
        content_type="application/json",
    )

    assert response.status_code == expected_status(
        role, visible=role in SEES_TICKET, allowed=True, success=201
    )
    after = snapshot(world.ticket)
    if response.status_code == 201:
        assert (after[4], response.json()["public"]) == (before[4] + 1, True)
    else:
        assert after == before


@pytest.mark.parametrize("role", ROLES)
def test_post_internal_note(world, as_role, role):
    client = as_role(role)
    before = snapshot(world.ticket)

    response = client.post(
        f"/api/v1/tickets/{world.ticket.pk}/messages",
        {"body": "Between us", "public": False},
        content_type="application/json",
    )

    assert response.status_code == expected_status(
        role, visible=role in SEES_TICKET, allowed=role in STAFF, success=201
    )
    after = snapshot(world.ticket)
    if response.status_code == 201:
        assert (after[4], response.json()["public"]) == (before[4] + 1, False)
    else:
        assert after == before
        assert not Message.objects.filter(body_text="Between us").exists()


@pytest.mark.parametrize("role", ROLES)
def test_list_events(world, as_role, role):
    client = as_role(role)

    response = client.get(f"/api/v1/tickets/{world.ticket.pk}/events")

    assert response.status_code == expected_status(role, visible=role in SEES_TICKET, allowed=True)
    if response.status_code == 200:
        kinds = [event["kind"] for event in response.json()]
        if role in STAFF:
            assert kinds == [
                "ticket.created",
                "message.added",
                "message.added",
                "status.changed",
                "note.added",
            ]
        else:
            assert kinds == ["ticket.created", "message.added", "message.added", "status.changed"]


@pytest.mark.parametrize("role", ROLES)
def test_merge(world, as_role, role):
    client = as_role(role)
    before = (snapshot(world.ticket), snapshot(world.duplicate))

    response = client.post(
        f"/api/v1/tickets/{world.ticket.pk}/merge",
        {"ids": [world.duplicate.pk]},
        content_type="application/json",
    )

    assert response.status_code == expected_status(
        role, visible=role in SEES_TICKET, allowed=role in STAFF
    )
    if response.status_code == 200:
        world.duplicate.refresh_from_db()
        assert (world.duplicate.merged_into_id, world.ticket.messages.count()) == (
            world.ticket.pk,
            4,
        )
    else:
        assert (snapshot(world.ticket), snapshot(world.duplicate)) == before


@pytest.mark.parametrize("role", ROLES)
def test_merge_of_an_invisible_source_is_not_found(world, as_role, role):
    client = as_role(role)
    before = (snapshot(world.colleague_ticket), snapshot(world.other_ticket))

    response = client.post(
        f"/api/v1/tickets/{world.ticket.pk}/merge",
        {"ids": [world.other_ticket.pk if role != "admin" else world.ticket.pk]},
        content_type="application/json",
    )

    if role == "admin":
        assert response.status_code == 422
    elif role in STAFF and role in SEES_TICKET and role != "assigned_outside_agent":
        assert response.status_code == 404
    else:
        assert response.status_code == {
            "anonymous": 401,
            "owner": 403,
            "colleague_sharing": 403,
            "assigned_outside_agent": 200,
        }.get(role, 404)
    if response.status_code != 200:
        assert (snapshot(world.colleague_ticket), snapshot(world.other_ticket)) == before


@pytest.mark.parametrize("role", ROLES)
def test_get_customer(world, as_role, customer, role):
    client = as_role(role)

    response = client.get(f"/api/v1/customers/{customer.pk}")

    assert response.status_code == expected_status(role, visible=role in SEES_CORA, allowed=True)
    if response.status_code == 200:
        assert response.json()["email"] == "customer@example.com"


@pytest.mark.parametrize("role", ROLES)
def test_customer_history_shows_only_visible_tickets(world, as_role, customer, role):
    client = as_role(role)

    response = client.get(f"/api/v1/customers/{customer.pk}")

    if response.status_code == 200:
        ids = sorted(t["id"] for t in response.json()["tickets"])
        expected = [] if role == "outside_agent" else sorted([world.ticket.pk, world.duplicate.pk])
        assert ids == expected
    else:
        assert role not in SEES_CORA


@pytest.mark.parametrize("role", ROLES)
def test_patch_customer(world, as_role, customer, role):
    client = as_role(role)

    response = client.patch(
        f"/api/v1/customers/{customer.pk}", {"notes": "Changed"}, content_type="application/json"
    )

    assert response.status_code == expected_status(
        role, visible=role in SEES_CORA, allowed=role in STAFF
    )
    customer.refresh_from_db()
    assert customer.notes == ("Changed" if response.status_code == 200 else "")


@pytest.mark.parametrize("role", ROLES)
def test_list_organisations(world, as_role, role):
    client = as_role(role)

    response = client.get("/api/v1/organisations")

    if role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.status_code == 200
        assert [o["name"] for o in response.json()] == (["Acme"] if role in STAFF else [])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/api/v1/teams", "/api/v1/agents"])
def test_directory_is_for_staff(world, as_role, role, path):
    client = as_role(role)

    response = client.get(path)

    assert response.status_code == {"anonymous": 401}.get(role, 200 if role in STAFF else 404)
    if response.status_code == 200:
        names = [row["name"] for row in response.json()]
        assert names == (
            ["Billing", "Support"]
            if path.endswith("teams")
            else ["Ada Admin", "Ana Agent", "Otto Other", "Sam Supervisor"]
        )
