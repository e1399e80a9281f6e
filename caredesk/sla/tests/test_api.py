from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from caredesk.accounts.services.tokens import issue_token
from caredesk.core import clock
from caredesk.sla.models import BusinessCalendar, SlaPolicy
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def as_user(client):
    def call(user, method, path, body=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user).secret}"}
        return getattr(client, method)(path, body, content_type="application/json", **headers)

    return call


def test_admin_creates_a_calendar_and_a_policy(as_user, admin_user):
    calendar = as_user(
        admin_user,
        "post",
        "/api/v1/sla/calendars",
        {
            "name": "Madrid",
            "timezone": "Europe/Madrid",
            "weekly_hours": {"0": [["09:00", "14:00"], ["15:00", "18:00"]]},
            "holiday_country": "ES",
        },
    )
    policy = as_user(
        admin_user,
        "post",
        "/api/v1/sla/policies",
        {
            "name": "Spain",
            "conditions": {"priority": ["high"]},
            "calendar_id": calendar.json()["id"],
            "first_response_minutes": 90,
        },
    )

    assert calendar.status_code == 201
    assert policy.status_code == 201
    assert SlaPolicy.objects.get(name="Spain").calendar == BusinessCalendar.objects.get(
        name="Madrid"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "timezone": "Mars/Olympus"}, "timezone"),
        ({"name": "X", "weekly_hours": {"0": [["17:00", "09:00"]]}}, "weekly_hours"),
        ({"name": "X", "weekly_hours": {"9": [["09:00", "17:00"]]}}, "weekly_hours.9"),
        ({"name": "X", "weekly_hours": {"0": [["9am", "5pm"]]}}, "weekly_hours.0"),
        ({"name": "X", "weekly_hours": {}}, "weekly_hours"),
        (
            {"name": "X", "weekly_hours": {"0": [["09:00", "17:00"]]}, "holiday_country": "ZZ"},
            "holiday_country",
        ),
        ({"name": "X", "colour": "red"}, "colour"),
    ],
)
def test_bad_calendars_are_refused_naming_the_field(as_user, admin_user, body, field):
    response = as_user(admin_user, "post", "/api/v1/sla/calendars", body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not BusinessCalendar.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "P", "conditions": {"priority": ["whenever"]}}, "conditions.priority"),
        ({"name": "P", "conditions": {"mood": ["angry"]}}, "conditions"),
        ({"name": "P", "first_response_minutes": 0}, "first_response_minutes"),
        ({"name": "P", "calendar_id": 999}, "calendar_id"),
        ({"name": "P", "is_active": None}, "is_active"),
        ({"name": "P", "pause_statuses": ["solved"]}, "pause_statuses.0"),
    ],
)
def test_bad_policies_are_refused_naming_the_field(as_user, admin_user, body, field):
    response = as_user(admin_user, "post", "/api/v1/sla/policies", body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not SlaPolicy.objects.exists()


def test_agents_cannot_change_policies(as_user, agent):
    response = as_user(agent, "post", "/api/v1/sla/policies", {"name": "Mine"})

    assert response.status_code == 403
    assert not SlaPolicy.objects.exists()


def test_ticket_sla_shows_the_arithmetic(as_user, agent, standard_policy, customer, team):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer)
    with clock.pinned(MONDAY_9.replace(hour=10)):
        update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="pending"))

    with clock.pinned(MONDAY_9.replace(hour=12)):
        response = as_user(agent, "get", f"/api/v1/tickets/{ticket.pk}/sla")

    assert response.status_code == 200
    resolution = next(item for item in response.json() if item["target"] == "resolution")
    assert resolution["state"] == "paused"
    assert resolution["used_seconds"] == 3600
    assert resolution["summary"] == (
        "8h business-hours target from policy 'Standard' on Berlin office; 1h used in 1 stretch; 7h left."
    )


@pytest.mark.parametrize("who", ["customer_user", "other_agent"])
def test_ticket_sla_is_hidden_from_customers_and_other_teams(
    request, as_user, standard_policy, customer, team, who
):
    ticket = make_ticket(customer)

    response = as_user(request.getfixturevalue(who), "get", f"/api/v1/tickets/{ticket.pk}/sla")

    assert response.status_code == 404


def test_ticket_api_carries_its_due_times(as_user, agent, standard_policy, customer, team):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer)

    body = as_user(agent, "get", f"/api/v1/tickets/{ticket.pk}").json()

    assert sorted((item["target"], item["state"], item["due_at"]) for item in body["sla"]) == [
        ("first_response", "running", "2026-11-23T10:00:00Z"),
        ("resolution", "running", "2026-11-23T16:00:00Z"),
    ]
