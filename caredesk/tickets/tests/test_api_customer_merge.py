import pytest

from caredesk.customers.models import CustomerIdentity
from caredesk.customers.services.identities import resolve_customer_by_identity
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def caller(db):
    return resolve_customer_by_identity("phone", "+491701234567", name="Caller")


@pytest.fixture
def phone_ticket(caller, team):
    return make_ticket(caller, subject="Call", body="Missed call", channel="phone", team=team)


def _merge(client, target_id, source_id):
    return client.post(
        f"/api/v1/customers/{target_id}/merge",
        data={"source_id": source_id},
        content_type="application/json",
    )


@pytest.mark.parametrize("role", ["admin_user", "supervisor", "agent", "other_agent"])
def test_staff_merge_a_duplicate(request, api_client, role, customer, caller, phone_ticket):
    user = request.getfixturevalue(role)

    response = _merge(api_client(user), customer.pk, caller.pk)

    assert response.status_code == 200
    body = response.json()
    assert (body["tickets_moved"], body["identities_moved"], body["portal_user_moved"]) == (
        1,
        1,
        False,
    )
    assert body["customer"]["id"] == customer.pk
    assert {"kind": "phone", "value": "+491701234567"} in body["customer"]["identities"]
    phone_ticket.refresh_from_db()
    assert phone_ticket.requester == customer


@pytest.mark.parametrize(
    ("role", "target", "status"),
    [
        (None, "customer", 401),
        ("customer_user", "customer", 403),
        ("customer_user", "other_customer", 404),
        ("other_customer_user", "customer", 404),
    ],
)
def test_others_are_refused_and_nothing_changes(
    request, api_client, role, target, status, customer, other_customer, caller, phone_ticket
):
    user = request.getfixturevalue(role) if role else None
    target_customer = request.getfixturevalue(target)

    response = _merge(api_client(user), target_customer.pk, caller.pk)

    assert response.status_code == status
    caller.refresh_from_db()
    assert caller.merged_into is None
    assert Ticket.objects.get(pk=phone_ticket.pk).requester == caller
    assert CustomerIdentity.objects.get(kind="phone").customer == caller


def test_merging_into_itself_names_the_field(api_client, agent, customer):
    response = _merge(api_client(agent), customer.pk, customer.pk)

    assert (response.status_code, response.json()["field"]) == (422, "source_id")


def test_an_unknown_source_is_not_found(api_client, agent, customer):
    assert _merge(api_client(agent), customer.pk, 987654).status_code == 404


def test_a_merged_source_is_gone(api_client, agent, customer, caller, other_customer):
    _merge(api_client(agent), customer.pk, caller.pk)

    assert _merge(api_client(agent), other_customer.pk, caller.pk).status_code == 404


@pytest.mark.parametrize(
    "body", [{}, {"source_id": "x"}, {"source_id": 0}, {"source_id": 1, "x": 1}]
)
def test_bad_bodies_name_the_field(api_client, agent, customer, body):
    response = api_client(agent).post(
        f"/api/v1/customers/{customer.pk}/merge", data=body, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["field"] in ("source_id", "x")


def test_the_timeline_shows_every_channel_in_one_list(api_client, agent, customer, ticket, team):
    phone = make_ticket(
        customer, subject="Call", body="Phoned about it", channel="phone", team=team
    )
    add_message(phone, actor=Actor.of_user(agent), body="Called back", is_public=True)
    add_message(ticket, actor=Actor.of_user(agent), body="Internal", is_public=False)

    response = api_client(agent).get(f"/api/v1/customers/{customer.pk}/timeline")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [(item["body"], item["ticket_channel"]) for item in items] == [
        ("Internal", "web"),
        ("Called back", "phone"),
        ("Phoned about it", "phone"),
        ("It has not arrived.", "web"),
    ]


def test_the_customer_sees_their_own_timeline_without_notes(
    api_client, agent, customer, customer_user, ticket
):
    add_message(ticket, actor=Actor.of_user(agent), body="Internal", is_public=False)

    response = api_client(customer_user).get(f"/api/v1/customers/{customer.pk}/timeline")

    assert [item["body"] for item in response.json()["items"]] == ["It has not arrived."]


def test_the_timeline_of_another_customer_is_not_found(api_client, customer_user, other_customer):
    response = api_client(customer_user).get(f"/api/v1/customers/{other_customer.pk}/timeline")

    assert response.status_code == 404


def test_the_timeline_pages(api_client, agent, customer, ticket):
    for number in range(3):
        add_message(ticket, actor=Actor.of_user(agent), body=f"Reply {number}")
    client = api_client(agent)

    first = client.get(f"/api/v1/customers/{customer.pk}/timeline?limit=2").json()
    second = client.get(
        f"/api/v1/customers/{customer.pk}/timeline?limit=2&cursor={first['next']}"
    ).json()

    assert [item["body"] for item in first["items"] + second["items"]] == [
        "Reply 2",
        "Reply 1",
        "Reply 0",
        "It has not arrived.",
    ]
    assert second["next"] is None
