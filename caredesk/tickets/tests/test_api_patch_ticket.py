import pytest

from caredesk.tickets.models import CustomFieldDefinition, Ticket
from caredesk.tickets.tests.factories import make_ticket


def patch(client, ticket_id, body, **headers):
    return client.patch(
        f"/api/v1/tickets/{ticket_id}", body, content_type="application/json", headers=headers
    )


def state(ticket):
    ticket.refresh_from_db()
    return (ticket.version, ticket.status, ticket.priority, ticket.subject, ticket.assignee_id)


def test_patch_returns_the_new_etag(api_client, agent, ticket):
    response = patch(api_client(agent), ticket.pk, {"status": "open", "assignee_id": agent.pk})

    assert response.status_code == 200
    assert response["ETag"] == '"v2"'
    assert (response.json()["status"], response.json()["assignee"]["id"]) == ("open", agent.pk)


@pytest.mark.parametrize("if_match", ['"v1"', "v1", 'W/"v1"', "*"])
def test_matching_if_match_is_accepted(api_client, agent, ticket, if_match):
    response = patch(api_client(agent), ticket.pk, {"priority": "high"}, **{"If-Match": if_match})

    assert response.status_code == 200
    assert state(ticket)[:3] == (2, "new", 3)


def test_stale_if_match_is_412_and_changes_nothing(api_client, agent, ticket):
    client = api_client(agent)
    patch(client, ticket.pk, {"priority": "high"})
    before = state(ticket)

    response = patch(
        client, ticket.pk, {"priority": "low", "subject": "Mine"}, **{"If-Match": '"v1"'}
    )

    assert (response.status_code, response.json()["field"]) == (412, "If-Match")
    assert state(ticket) == before


@pytest.mark.parametrize("if_match", ['"abc"', '"v"', '"v²"', '"v-1"', '"v1.0"'])
def test_malformed_if_match_is_422(api_client, agent, ticket, if_match):
    response = patch(api_client(agent), ticket.pk, {"priority": "high"}, **{"If-Match": if_match})

    assert (response.status_code, response.json()["field"]) == (422, "If-Match")
    assert state(ticket)[0] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"priorty": "high"}, "priorty"),
        ({"status": "done"}, "status"),
        ({"status": "closed"}, "status"),
        ({"priority": 3}, "priority"),
        ({"tags": [1, {}]}, "tags.0"),
        ({"assignee_id": "me"}, "assignee_id"),
        ({"subject": ""}, "subject"),
        ({"subject": "x" * 301}, "subject"),
        ({"team_id": 987654}, "team_id"),
        ({"category": "nope"}, "category"),
        ({"custom_fields": {"ghost": 1}}, "custom_fields.ghost"),
        ({"custom_fields": {"seats": "many"}}, "custom_fields.seats"),
        ({"tags": ["bad tag!"]}, "tags"),
    ],
)
def test_invalid_patch_is_422_naming_the_field_and_changes_nothing(
    api_client, agent, ticket, body, field
):
    CustomFieldDefinition.objects.create(key="seats", label="Seats", field_type="number")
    before = state(ticket)

    response = patch(api_client(agent), ticket.pk, body)

    assert (response.status_code, response.json()["field"]) == (422, field)
    assert state(ticket) == before


def test_customer_patch_is_403_whatever_the_body(api_client, customer_user, ticket, agent):
    before = state(ticket)

    response = patch(api_client(customer_user), ticket.pk, {"assignee_id": agent.pk})

    assert response.status_code == 403
    assert state(ticket) == before


def test_agent_moving_a_ticket_away_gets_the_result(api_client, agent, ticket, other_team):
    client = api_client(agent)

    response = patch(client, ticket.pk, {"team_id": other_team.pk})

    assert (response.status_code, response.json()["team"]["id"]) == (200, other_team.pk)
    assert client.get(f"/api/v1/tickets/{ticket.pk}").status_code == 404


def test_null_unassigns(api_client, agent, ticket):
    client = api_client(agent)
    patch(client, ticket.pk, {"assignee_id": agent.pk})

    response = patch(client, ticket.pk, {"assignee_id": None})

    assert (response.status_code, response.json()["assignee"]) == (200, None)


def test_nonexistent_ticket_is_404(api_client, agent, ticket):
    response = patch(api_client(agent), 987654, {"priority": "high"})

    assert response.status_code == 404


def test_merge_refusing_one_source_merges_none(api_client, agent, ticket, customer, team):
    first, second = make_ticket(customer, team=team), make_ticket(customer, team=team)
    client = api_client(agent)
    client.post(
        f"/api/v1/tickets/{second.pk}/merge", {"ids": [first.pk]}, content_type="application/json"
    )

    response = client.post(
        f"/api/v1/tickets/{ticket.pk}/merge",
        {"ids": [second.pk, first.pk]},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert Ticket.objects.get(pk=second.pk).merged_into_id is None
    assert ticket.messages.count() == 1
