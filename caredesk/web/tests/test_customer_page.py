import pytest
from django.core import mail
from django.urls import reverse

from caredesk.accounts.models import LoginLink, User
from caredesk.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    return CustomerFactory(name="Nia Newcomer", email="nia@example.com")


def page_url(customer_id):
    return reverse("web:customer", args=[customer_id])


def invite_url(customer_id):
    return reverse("web:customer_invite", args=[customer_id])


@pytest.mark.parametrize(
    ("role", "sees_button"), [("admin", True), ("supervisor", True), ("agent", False)]
)
def test_the_page_shows_the_customer_and_the_invite_button_to_whom_the_policy_lets(
    client_as, newcomer, role, sees_button
):
    response = client_as(role).get(page_url(newcomer.pk))

    assert response.status_code == 200
    assert "Nia Newcomer" in response.text
    assert "No portal login yet" in response.text
    assert (invite_url(newcomer.pk) in response.text) is sees_button


def test_the_ticket_page_links_to_the_customer_page(agent_client, ticket):
    response = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    assert page_url(ticket.requester_id) in response.text


def test_an_admin_invites_from_the_page(
    client_as, admin_user, newcomer, django_capture_on_commit_callbacks
):
    client = client_as("admin")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(newcomer.pk), follow=True)

    assert response.redirect_chain == [(page_url(newcomer.pk), 302)]
    assert "Invitation sent to nia@example.com: the link works once." in response.text
    assert mail.outbox[0].to == ["nia@example.com"]
    assert LoginLink.objects.get().invited_by == admin_user


@pytest.mark.parametrize(
    ("role", "status"), [("agent", 403), ("customer", 302), ("anonymous", 302)]
)
def test_others_are_refused_and_nothing_changes(
    client_as, newcomer, role, status, django_capture_on_commit_callbacks
):
    client = client_as(role)
    users_before = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(newcomer.pk))

    assert response.status_code == status
    assert (LoginLink.objects.count(), len(mail.outbox), User.objects.count()) == (
        0,
        0,
        users_before,
    )


def test_the_invitation_needs_a_post(client_as, newcomer):
    response = client_as("admin").get(invite_url(newcomer.pk))

    assert response.status_code == 405
    assert LoginLink.objects.count() == 0


def test_an_unknown_customer_is_not_found(client_as):
    client = client_as("admin")

    assert (
        client.get(page_url(987654)).status_code,
        client.post(invite_url(987654)).status_code,
    ) == (
        404,
        404,
    )


def test_a_customer_without_email_is_told_on_the_page(client_as):
    customer = CustomerFactory(name="No Mail", email="")

    response = client_as("admin").post(invite_url(customer.pk))

    assert response.status_code == 422
    assert "No Mail has no email address to send the invitation to." in response.text
    assert LoginLink.objects.count() == 0
