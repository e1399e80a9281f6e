from datetime import UTC, datetime, timedelta

import pytest

from caredesk.analytics.channel_metrics import Durations, channel_metrics
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

DAY = datetime(2025, 4, 1, 8, 0, tzinfo=UTC)
SINCE, UNTIL = DAY, DAY + timedelta(days=1)


def _ticket(
    customer, team, agent, *, channel, opened_minutes, answered_after=None, solved_after=None
):
    opened = DAY + timedelta(minutes=opened_minutes)
    with clock.pinned(opened):
        ticket = make_ticket(customer, channel=channel, team=team)
    if answered_after is not None:
        with clock.pinned(opened + timedelta(minutes=answered_after)):
            add_message(ticket, actor=Actor.of_user(agent), body="Answer")
    if solved_after is not None:
        with clock.pinned(opened + timedelta(minutes=solved_after)):
            update_ticket(
                ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="solved")
            )
    return ticket


@pytest.fixture
def dataset(customer, team, agent, other_customer, other_team):
    """Phone: 3 tickets answered after 10, 20 and 60 minutes, two solved after 30 and 90.
    Social: 2 tickets, one answered after 5 minutes, one note. Email: opened before the range."""
    _ticket(
        customer, team, agent, channel="phone", opened_minutes=0, answered_after=10, solved_after=30
    )
    _ticket(
        customer,
        team,
        agent,
        channel="phone",
        opened_minutes=60,
        answered_after=20,
        solved_after=90,
    )
    _ticket(customer, team, agent, channel="phone", opened_minutes=120, answered_after=60)
    social = _ticket(customer, team, agent, channel="social", opened_minutes=0, answered_after=5)
    _ticket(customer, team, agent, channel="social", opened_minutes=30)
    with clock.pinned(DAY + timedelta(hours=2)):
        add_message(social, actor=Actor.of_user(agent), body="Note", is_public=False)
    _ticket(customer, team, agent, channel="email", opened_minutes=-60, answered_after=120)
    # Billing's ticket: outside the agent's scope, inside the admin's.
    with clock.pinned(DAY):
        make_ticket(other_customer, channel="phone", team=other_team)


def test_metrics_per_channel_are_exact(dataset):
    rows = {
        row.channel: row for row in channel_metrics(Ticket.objects.all(), since=SINCE, until=UNTIL)
    }

    phone, social, email = rows["phone"], rows["social"], rows["email"]
    assert (phone.tickets, phone.messages_inbound, phone.messages_outbound, phone.notes) == (
        4,
        4,
        3,
        0,
    )
    assert phone.first_response == Durations(count=3, mean_seconds=1800.0, median_seconds=1200.0)
    assert phone.resolution == Durations(count=2, mean_seconds=3600.0, median_seconds=3600.0)
    assert (social.tickets, social.messages_inbound, social.messages_outbound, social.notes) == (
        2,
        2,
        1,
        1,
    )
    assert social.first_response == Durations(count=1, mean_seconds=300.0, median_seconds=300.0)
    assert social.resolution == Durations(count=0, mean_seconds=None, median_seconds=None)
    # Opened before the range, answered inside it: the reply counts, the ticket does not.
    assert (email.tickets, email.messages_inbound, email.messages_outbound) == (0, 0, 1)
    assert email.first_response.count == 0
    assert list(rows) == ["email", "phone", "social"]


def test_the_api_answers_staff_within_their_scope(api_client, dataset, agent, admin_user):
    query = "since=2025-04-01T08:00:00Z&until=2025-04-02T08:00:00Z"

    mine = api_client(agent).get(f"/api/v1/metrics/channels?{query}").json()
    everything = api_client(admin_user).get(f"/api/v1/metrics/channels?{query}").json()

    assert [(row["channel"], row["tickets"]) for row in mine["channels"]] == [
        ("email", 0),
        ("phone", 3),
        ("social", 2),
    ]
    assert [(row["channel"], row["tickets"]) for row in everything["channels"]] == [
        ("email", 0),
        ("phone", 4),
        ("social", 2),
    ]
    assert mine["channels"][1]["first_response"] == {
        "count": 3,
        "mean_seconds": 1800.0,
        "median_seconds": 1200.0,
    }
    assert (mine["since"], mine["until"]) == ("2025-04-01T08:00:00Z", "2025-04-02T08:00:00Z")


@pytest.mark.parametrize(("role", "status"), [("customer_user", 403), (None, 401)])
def test_customers_and_strangers_are_refused(request, api_client, role, status):
    user = request.getfixturevalue(role) if role else None

    assert api_client(user).get("/api/v1/metrics/channels").status_code == status


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("since=2025-04-02T00:00:00Z&until=2025-04-01T00:00:00Z", "since"),
        ("since=2023-01-01T00:00:00Z&until=2025-04-01T00:00:00Z", "since"),
        ("since=2025-04-01T00:00:00", "since"),
        ("until=yesterday", "until"),
    ],
)
def test_bad_ranges_name_the_field(api_client, agent, query, field):
    response = api_client(agent).get(f"/api/v1/metrics/channels?{query}")

    assert (response.status_code, response.json()["field"]) == (422, field)


def test_the_default_range_is_the_last_thirty_days(api_client, agent):
    with clock.pinned(DAY):
        body = api_client(agent).get("/api/v1/metrics/channels").json()

    assert (body["since"], body["until"], body["channels"]) == (
        "2025-03-02T08:00:00Z",
        "2025-04-01T08:00:00Z",
        [],
    )
