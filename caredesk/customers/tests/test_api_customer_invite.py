from datetime import UTC, datetime

import pytest
from django.core import mail

from caredesk.accounts.models import LoginLink, User
from caredesk.accounts.services.login_links import LINK_LIFETIME
from caredesk.core import clock
from caredesk.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def invite_url(customer_id):
    return f"/api/v1/customers/{customer_id}/invite"


@pytest.fixture
def newcomer(db):
    return CustomerFactory(name="Nia Newcomer", email="nia@example.com")


@pytest.mark.parametrize("who", ["admin_user", "supervisor"])
def test_supervisors_and_admins_invite_a_customer(
    api_client, newcomer, request, who, django_capture_on_commit_callbacks
):
    caller = api_client(request.getfixturevalue(who))

    with clock.pinned(MOMENT), django_capture_on_commit_callbacks(execute=True):
        response = caller.post(invite_url(newcomer.pk))

    assert response.status_code == 202
    assert response.json() == {
        "customer_id": newcomer.pk,
        "sent_to": "nia@example.com",
        "expires_at": (MOMENT + LINK_LIFETIME).isoformat().replace("+00:00", "Z"),
    }
    link = LoginLink.objects.get()
    assert (link.email, link.invited_by, link.user) == (
        "nia@example.com",
        request.getfixturevalue(who),
        None,
    )
    assert mail.outbox[0].to == ["nia@example.com"]


@pytest.mark.parametrize(
    ("who", "customer_name", "status"),
    [
        ("agent", "newcomer", 403),
        ("customer_user", "customer", 403),  # Cora asking for her own record
        ("other_customer_user", "newcomer", 404),
        (None, "newcomer", 401),
    ],
)
def test_everyone_else_is_refused_and_nothing_changes(
    api_client,
    customer,
    newcomer,
    request,
    who,
    customer_name,
    status,
    django_capture_on_commit_callbacks,
):
    caller = api_client(request.getfixturevalue(who) if who else None)
    target = request.getfixturevalue(customer_name)
    users_before = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = caller.post(invite_url(target.pk))

    assert response.status_code == status
    assert (LoginLink.objects.count(), len(mail.outbox), User.objects.count()) == (
        0,
        0,
        users_before,
    )


def test_an_unknown_customer_is_not_found(api_client, admin_user):
    response = api_client(admin_user).post(invite_url(987654))

    assert (response.status_code, response.json()["detail"]) == (404, "Customer not found.")


def test_a_merged_customer_is_not_found(api_client, admin_user, newcomer):
    CustomerFactory(name="Old Nia", email="", merged_into=newcomer)
    merged = newcomer.merged_customers.get()

    response = api_client(admin_user).post(invite_url(merged.pk))

    assert response.status_code == 404
    assert LoginLink.objects.count() == 0


def test_a_customer_without_email_names_the_field(api_client, admin_user):
    customer = CustomerFactory(name="No Mail", email="")

    response = api_client(admin_user).post(invite_url(customer.pk))

    assert response.status_code == 422
    assert response.json() == {
        "detail": "No Mail has no email address to send the invitation to.",
        "field": "email",
    }
    assert LoginLink.objects.count() == 0


def test_an_address_held_by_staff_is_a_conflict(api_client, admin_user, agent):
    customer = CustomerFactory(name="Ana at home", email="agent@example.com")

    response = api_client(admin_user).post(invite_url(customer.pk))

    assert (response.status_code, response.json()["field"]) == (409, "email")
    assert LoginLink.objects.count() == 0
