from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caredesk.core import clock
from caredesk.core.pagination import encode_cursor
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.models import Category
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

URL = "/api/v1/tickets"
START = datetime(2025, 2, 1, 9, 0, tzinfo=UTC)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def queue(customer, other_customer, team, agent, supervisor):
    """Five Support tickets, one a minute, with distinct fields to filter on."""
    made = {}
    specs = {
        "plain": {},
        "mine": {"assignee": agent, "priority": Priority.HIGH},
        "theirs": {"assignee": supervisor, "tags": ["refund"]},
        "billing": {"category": Category.objects.get(slug="billing"), "priority": Priority.URGENT},
        "sid": {"requester": other_customer, "priority": Priority.LOW},
    }
    for minute, (name, fields) in enumerate(specs.items()):
        requester = fields.pop("requester", customer)
        with clock.pinned(START + timedelta(minutes=minute)):
            made[name] = make_ticket(requester, subject=f"About {name}", team=team, **fields)
    with clock.pinned(START + timedelta(minutes=10)):
        update_ticket(
            made["plain"], actor=Actor.of_user(agent), changes=TicketChanges(status="pending")
        )
    made["plain"].refresh_from_db()
    return made


def test_default_order_is_most_recently_updated_first(api_client, agent, queue):
    response = api_client(agent).get(URL)

    assert ids(response) == [queue[n].pk for n in ("plain", "sid", "billing", "theirs", "mine")]
    assert response.json()["next"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=pending", ["plain"]),
        ("status=new,pending", ["plain", "sid", "billing", "theirs", "mine"]),
        ("status=solved", []),
        ("assignee=none", ["plain", "sid", "billing"]),
        ("assignee=me", ["mine"]),
        ("priority=urgent", ["billing"]),
        ("priority=low", ["sid"]),
        ("category=billing", ["billing"]),
        ("tag=REFUND", ["theirs"]),
        ("q=about%20billing", ["billing"]),
        ("q=arrived", ["plain", "sid", "billing", "theirs", "mine"]),
        ("updated_since=2025-02-01T09:03:30Z", ["plain", "sid"]),
        ("updated_since=2025-02-01T09:03:30", ["plain", "sid"]),
        ("updated_since=2025-02-01T10:03:30%2B01:00", ["plain", "sid"]),
        ("sort=created_at", ["plain", "mine", "theirs", "billing", "sid"]),
        ("sort=-priority", ["billing", "mine", "theirs", "plain", "sid"]),
    ],
)
def test_filters(api_client, agent, queue, query, expected):
    response = api_client(agent).get(f"{URL}?{query}")

    assert ids(response) == [queue[name].pk for name in expected]


def test_filter_by_assignee_id_team_and_requester(
    api_client, agent, supervisor, queue, other_customer, team, other_team
):
    client = api_client(agent)

    assert ids(client.get(f"{URL}?assignee={supervisor.pk}")) == [queue["theirs"].pk]
    assert ids(client.get(f"{URL}?requester={other_customer.pk}")) == [queue["sid"].pk]
    assert len(ids(client.get(f"{URL}?team={team.pk}"))) == 5
    assert ids(client.get(f"{URL}?team={other_team.pk}")) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("assignee=someone", "assignee"),
        ("assignee=%C2%B2", "assignee"),
        ("assignee=99999999999999999999999", "assignee"),
        ("team=99999999999999999999999", "team"),
        ("requester=abc", "requester"),
        ("priority=critical", "priority"),
        ("sort=subject", "sort"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("updated_since=yesterday", "updated_since"),
        ("cursor=%%%", "cursor"),
        ("cursor=bm90IGpzb24", "cursor"),
        ("q=" + "x" * 501, "q"),
        ("tag=a%00b", "tag"),
    ],
)
def test_invalid_parameters_are_422(api_client, agent, queue, query, field):
    response = api_client(agent).get(f"{URL}?{query}")

    assert (response.status_code, response.json()["field"]) == (422, field)


@pytest.mark.parametrize(
    ("sort", "values"),
    [
        ("priority", ["abc", 1]),
        ("priority", [True, 1]),
        ("priority", [2, "x"]),
        ("priority", [2, 2**70]),
        ("-updated_at", ["2025-02-01T09:00:00", 1]),
        ("-updated_at", [5, 1]),
        ("-updated_at", [None, 1]),
        ("-updated_at", ["2025-02-01T09:00:00+00:00", 1, 2]),
    ],
)
def test_forged_cursors_are_422(api_client, agent, queue, sort, values):
    response = api_client(agent).get(f"{URL}?sort={sort}&cursor={encode_cursor(values)}")

    assert (response.status_code, response.json()["field"]) == (422, "cursor")


@pytest.mark.parametrize(
    "sort", ["-updated_at", "updated_at", "-created_at", "created_at", "-priority", "priority"]
)
def test_walking_all_pages_sees_every_ticket_once_in_order(
    api_client, admin_user, queue, other_ticket, sort
):
    client = api_client(admin_user)
    everything = ids(client.get(f"{URL}?sort={sort}&limit=100"))
    seen, cursor, pages = [], None, 0

    while True:
        response = client.get(
            f"{URL}?sort={sort}&limit=2" + (f"&cursor={cursor}" if cursor else "")
        )
        seen += ids(response)
        pages += 1
        cursor = response.json()["next"]
        if cursor is None:
            break

    assert seen == everything
    assert len(set(seen)) == 6
    assert pages == 3


def test_equal_sort_keys_keep_a_stable_order(api_client, agent, customer, team):
    with clock.pinned(START):
        tied = [make_ticket(customer, team=team).pk for _ in range(5)]
    client = api_client(agent)
    first = client.get(f"{URL}?limit=2")

    rest = client.get(f"{URL}?limit=10&cursor={first.json()['next']}")

    assert ids(first) + ids(rest) == sorted(tied, reverse=True)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_the_page(
    api_client, agent, customer, team, supervisor
):
    client = api_client(agent)
    client.get(URL)
    category = Category.objects.get(slug="billing")
    for _ in range(5):
        make_ticket(customer, team=team, assignee=supervisor, category=category, tags=["a", "b"])
    five = count_queries(client, f"{URL}?limit=100")

    for _ in range(20):
        make_ticket(customer, team=team, assignee=supervisor, category=category, tags=["c"])
    twenty_five = count_queries(client, f"{URL}?limit=100")

    # token, team ids, the page's ids, those tickets (+ requester, assignee, team, category
    # joined), tags, SLA clocks
    assert five == twenty_five == 6


def test_customer_list_query_count_is_fixed(api_client, customer_user, customer, team):
    client = api_client(customer_user)
    client.get(URL)
    for _ in range(5):
        make_ticket(customer, tags=["x"])
    five = count_queries(client, f"{URL}?limit=100")

    for _ in range(20):
        make_ticket(customer, tags=["y"])
    twenty_five = count_queries(client, f"{URL}?limit=100")

    assert five == twenty_five == 7
