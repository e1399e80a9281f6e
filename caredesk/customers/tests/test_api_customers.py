import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caredesk.core.pagination import encode_cursor
from caredesk.customers.models import Customer
from caredesk.customers.tests.factories import CustomerFactory, OrganisationFactory

URL = "/api/v1/customers"


def test_agent_creates_a_customer(api_client, agent, organisation):
    response = api_client(agent).post(
        URL,
        {
            "name": "Nia",
            "email": "NIA@example.com",
            "organisation_id": organisation.pk,
            "tags": ["b", "a", "b"],
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["emails"], body["organisation"], body["tags"], body["tickets"]) == (
        "nia@example.com",
        ["nia@example.com"],
        {"id": organisation.pk, "name": "Acme"},
        ["a", "b"],
        [],
    )


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"name": "X", "email": "customer@example.com"}, 409, "email"),
        ({"name": "X", "timezone": "Mars/Base"}, 422, "timezone"),
        ({"name": "X", "organisation_id": 987654}, 422, "organisation_id"),
        ({"name": "X", "vip": True}, 422, "vip"),
        ({"name": ""}, 422, "name"),
        ({"name": "X", "email": "nope"}, 422, "email"),
    ],
)
def test_invalid_customer_is_refused(api_client, agent, customer, body, status, field):
    response = api_client(agent).post(URL, body, content_type="application/json")

    assert (response.status_code, response.json()["field"]) == (status, field)
    assert Customer.objects.count() == 1


def test_customer_may_not_create_customers(api_client, customer_user, customer):
    response = api_client(customer_user).post(URL, {"name": "X"}, content_type="application/json")

    assert response.status_code == 403
    assert Customer.objects.count() == 1


def test_patch_updates_and_null_organisation_detaches(api_client, agent, customer):
    response = api_client(agent).patch(
        f"{URL}/{customer.pk}",
        {
            "preferred_name": "Coco",
            "organisation_id": None,
            "timezone": "Europe/Paris",
            "is_vip": True,
        },
        content_type="application/json",
    )

    assert response.status_code == 200
    customer.refresh_from_db()
    assert (customer.preferred_name, customer.organisation, customer.timezone, customer.is_vip) == (
        "Coco",
        None,
        "Europe/Paris",
        True,
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "x@example.com"}, "email"),
        ({"timezone": "Nowhere"}, "timezone"),
        ({"is_vip": "very"}, "is_vip"),
    ],
)
def test_invalid_patch_changes_nothing(api_client, agent, customer, body, field):
    response = api_client(agent).patch(
        f"{URL}/{customer.pk}", body, content_type="application/json"
    )

    assert (response.status_code, response.json()["field"]) == (422, field)
    customer.refresh_from_db()
    assert (customer.email, customer.timezone, customer.is_vip) == (
        "customer@example.com",
        "UTC",
        False,
    )


def test_search_and_organisation_filter(api_client, agent, customer, other_customer, organisation):
    client = api_client(agent)

    by_text = client.get(URL, {"q": "SOMEONE"}).json()["items"]
    by_org = client.get(URL, {"organisation": organisation.pk}).json()["items"]

    assert [c["id"] for c in by_text] == [other_customer.pk]
    assert [c["id"] for c in by_org] == [customer.pk]


def test_pages_walk_every_customer_once(api_client, agent, db):
    created = sorted(CustomerFactory().pk for _ in range(5))
    client = api_client(agent)
    seen, cursor = [], None

    while True:
        page = client.get(URL, {"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break

    assert seen == created


@pytest.mark.parametrize(
    "cursor", ["%%%", encode_cursor(["abc", 1]), encode_cursor([1.5, 1]), encode_cursor([1])]
)
def test_bad_cursor_is_422(api_client, agent, customer, cursor):
    response = api_client(agent).get(URL, {"cursor": cursor})

    assert (response.status_code, response.json()["field"]) == (422, "cursor")


def test_list_query_count_is_fixed(api_client, agent):
    client = api_client(agent)
    client.get(URL)
    organisation = OrganisationFactory()
    for _ in range(5):
        CustomerFactory(organisation=organisation)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(URL, {"limit": 100}).json()["items"]) == 5

    for _ in range(20):
        CustomerFactory(organisation=organisation)
    with CaptureQueriesContext(connection) as twenty_five:
        assert len(client.get(URL, {"limit": 100}).json()["items"]) == 25

    assert len(five) == len(twenty_five) == 3


def test_admin_creates_and_renames_organisations(api_client, admin_user, organisation):
    client = api_client(admin_user)
    created = client.post(
        "/api/v1/organisations",
        {"name": "Globex", "domains": ["Globex.com"]},
        content_type="application/json",
    )

    clash = client.patch(
        f"/api/v1/organisations/{created.json()['id']}",
        {"name": "ACME"},
        content_type="application/json",
    )

    assert (created.status_code, created.json()["domains"]) == (201, ["globex.com"])
    assert (clash.status_code, clash.json()["field"]) == (409, "name")


def test_agents_may_not_create_organisations(api_client, agent, organisation):
    response = api_client(agent).post(
        "/api/v1/organisations", {"name": "Globex"}, content_type="application/json"
    )

    assert response.status_code == 403
