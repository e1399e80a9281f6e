import pytest

from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.tickets.models import CustomFieldDefinition, Message, Ticket, TicketEvent

URL = "/api/v1/tickets"


def post(client, body, **headers):
    return client.post(URL, body, content_type="application/json", headers=headers)


def test_agent_creates_a_ticket_for_a_new_requester(api_client, agent, team):
    response = post(
        api_client(agent),
        {
            "subject": "Call about refund",
            "body": "Wants money back",
            "requester": {"email": "New@Example.com", "name": "Nia New"},
            "channel": "phone",
            "priority": "high",
            "category": "billing",
            "tags": ["Refund"],
            "assignee_id": agent.pk,
        },
    )

    assert response.status_code == 201
    body = response.json()
    ticket = Ticket.objects.get()
    assert (body["id"], body["number"], response["ETag"]) == (ticket.pk, ticket.pk, '"v1"')
    assert (body["subject"], body["status"], body["priority"], body["channel"]) == (
        "Call about refund",
        "new",
        "high",
        "phone",
    )
    assert (body["category"], body["tags"], body["assignee"], body["team"]) == (
        "billing",
        ["refund"],
        {"id": agent.pk, "name": "Ana Agent"},
        {"id": team.pk, "name": "Support"},
    )
    assert body["requester"]["email"] == "new@example.com"
    message = ticket.messages.get()
    assert (message.author_kind, message.author_customer.name) == ("customer", "Nia New")


def test_agent_internal_ticket_is_written_by_the_agent(api_client, agent, customer, team):
    response = post(
        api_client(agent),
        {
            "subject": "Proactive",
            "body": "We noticed",
            "requester": {"email": customer.email},
            "channel": "internal",
        },
    )

    assert response.status_code == 201
    assert Message.objects.get().author_user == agent
    assert Customer.objects.count() == 1


def test_agent_must_name_a_requester(api_client, agent, team):
    response = post(api_client(agent), {"subject": "x", "body": "y"})

    assert (response.status_code, response.json()["field"]) == (422, "requester")
    assert Ticket.objects.count() == 0


def test_agent_may_file_a_ticket_in_another_team(api_client, agent, other_team, team):
    response = post(
        api_client(agent),
        {
            "subject": "For billing",
            "body": "Invoice",
            "requester": {"email": "a@example.com"},
            "team_id": other_team.pk,
        },
    )

    assert response.status_code == 201
    assert response.json()["team"] == {"id": other_team.pk, "name": "Billing"}
    assert Ticket.objects.get().team == other_team


def test_customer_creates_a_ticket_for_themselves(api_client, customer_user, customer, team):
    response = post(
        api_client(customer_user),
        {"subject": "Broken", "body": "Help", "requester": {"email": "CUSTOMER@example.com"}},
    )

    assert response.status_code == 201
    ticket = Ticket.objects.get()
    assert (ticket.requester, ticket.channel, ticket.team) == (customer, "api", team)


def test_customer_may_not_create_for_someone_else(
    api_client, customer_user, customer, other_customer
):
    response = post(
        api_client(customer_user),
        {"subject": "Broken", "body": "Help", "requester": {"email": "someone@example.org"}},
    )

    assert (response.status_code, response.json()["field"]) == (403, "requester")
    assert Ticket.objects.count() == 0


def test_customer_cannot_choose_team_tags_or_fields(
    api_client, customer_user, customer, team, other_team, agent
):
    response = post(
        api_client(customer_user),
        {
            "subject": "x",
            "body": "y",
            "team_id": other_team.pk,
            "tags": ["vip"],
            "priority": "urgent",
            "assignee_id": agent.pk,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["team"]["id"], body["tags"], body["priority"], body["assignee"]) == (
        team.pk,
        [],
        "normal",
        None,
    )


def test_idempotency_key_returns_the_first_ticket(api_client, customer_user, customer, team):
    client = api_client(customer_user)
    first = post(client, {"subject": "Once", "body": "Only once"}, **{"Idempotency-Key": "k1"})

    again = post(client, {"subject": "Once", "body": "Only once"}, **{"Idempotency-Key": "k1"})

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert Ticket.objects.count() == 1


def test_idempotency_keys_of_different_callers_do_not_collide(
    api_client, customer_user, customer, other_customer_user, other_customer, team
):
    mine = post(
        api_client(customer_user),
        {"subject": "Mine", "body": "Private"},
        **{"Idempotency-Key": "k1"},
    )

    theirs = post(
        api_client(other_customer_user),
        {"subject": "Theirs", "body": "Other"},
        **{"Idempotency-Key": "k1"},
    )

    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert theirs.json()["id"] != mine.json()["id"]
    assert theirs.json()["subject"] == "Theirs"
    assert Ticket.objects.count() == 2


def test_message_idempotency_keys_of_different_callers_do_not_collide(
    api_client, customer_user, ticket, other_customer_user, other_ticket
):
    post_to = "/api/v1/tickets/{}/messages"
    api_client(customer_user).post(
        post_to.format(ticket.pk),
        {"body": "Cora's secret"},
        content_type="application/json",
        headers={"Idempotency-Key": "m"},
    )

    response = api_client(other_customer_user).post(
        post_to.format(other_ticket.pk),
        {"body": "Sid's words"},
        content_type="application/json",
        headers={"Idempotency-Key": "m"},
    )

    assert response.status_code == 201
    assert (response.json()["body"], response.json()["ticket_id"]) == (
        "Sid's words",
        other_ticket.pk,
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"subject": "x", "body": "y", "surprise": 1}, "surprise"),
        (
            {"subject": "x", "body": "y", "requester": {"email": "a@example.com", "role": "admin"}},
            "requester.role",
        ),
        ({"subject": "x", "body": ""}, "body"),
        ({"subject": 5, "body": "y"}, "subject"),
        ({"subject": "x", "body": "y", "priority": "critical"}, "priority"),
        ({"subject": "x", "body": "y", "tags": "vip"}, "tags"),
        ({"subject": "x", "body": "y", "team_id": "two"}, "team_id"),
        ({"subject": "x", "body": "y", "requester": {"email": "not-an-email"}}, "requester.email"),
        ({"subject": "x" * 301, "body": "y"}, "subject"),
        ({"body": "y"}, "subject"),
        ({"subject": "x", "body": "y", "category": "nope"}, "category"),
        ({"subject": "x", "body": "y", "custom_fields": {"ghost": 1}}, "custom_fields.ghost"),
        ({"subject": "x", "body": "y", "team_id": 999999}, "team_id"),
        ({"subject": "x", "body": "y", "assignee_id": 999999}, "assignee_id"),
    ],
)
def test_invalid_input_is_422_naming_the_field(api_client, agent, team, body, field):
    body = {"requester": {"email": "r@example.com"}, **body}

    response = post(api_client(agent), body)

    assert (response.status_code, response.json()["field"]) == (422, field)
    assert Ticket.objects.count() == 0
    assert (Customer.objects.count(), CustomerIdentity.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"team_id": 999999}, "team_id"),
        ({"assignee_id": 999999}, "assignee_id"),
        ({"category": "nope"}, "category"),
        ({"custom_fields": {"ghost": 1}}, "custom_fields.ghost"),
        ({"custom_fields": {"seats": "many"}}, "custom_fields.seats"),
        ({"subject": "x" * 301}, "subject"),
    ],
)
@pytest.mark.parametrize("channel", ["phone", "internal"])
def test_refused_ticket_for_a_new_requester_writes_nothing(
    api_client, agent, team, bad, field, channel
):
    CustomFieldDefinition.objects.create(key="seats", label="Seats", field_type="number")
    body = {
        "subject": "Call about refund",
        "body": "Wants money back",
        "requester": {"email": "first.contact@example.com", "name": "Fay First"},
        "channel": channel,
        **bad,
    }

    response = post(api_client(agent), body)

    assert (response.status_code, response.json()["field"]) == (422, field)
    assert (Customer.objects.count(), CustomerIdentity.objects.count()) == (0, 0)
    assert (Ticket.objects.count(), TicketEvent.objects.count()) == (0, 0)


def test_new_requester_is_created_once_with_the_ticket(api_client, agent, team):
    body = {"subject": "Hello", "body": "First words", "requester": {"email": "n@example.com"}}

    first = post(api_client(agent), body, **{"Idempotency-Key": "k1"})
    again = post(api_client(agent), body, **{"Idempotency-Key": "k1"})

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["id"] == again.json()["id"]
    customer = Customer.objects.get()
    assert (customer.email, Ticket.objects.get().requester_id) == ("n@example.com", customer.pk)
    assert list(CustomerIdentity.objects.values_list("value", flat=True)) == ["n@example.com"]


def test_malformed_json_is_400(api_client, agent, team):
    response = api_client(agent).post(URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert Ticket.objects.count() == 0


def test_oversized_body_is_413(api_client, agent, team, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = post(
        api_client(agent),
        {"subject": "x", "body": "y" * 2000, "requester": {"email": "a@example.com"}},
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large.", "field": None}
    assert Ticket.objects.count() == 0


def test_anonymous_is_401(api_client, team):
    response = post(api_client(), {"subject": "x", "body": "y"})

    assert response.status_code == 401
    assert Ticket.objects.count() == 0
