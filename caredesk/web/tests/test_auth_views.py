import re

import pytest
from django.core import mail
from django.urls import reverse

from caredesk.accounts.models import LoginLink, User
from caredesk.customers.services.portal_access import send_portal_link
from caredesk.customers.tests.factories import CustomerFactory
from caredesk.tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def test_home_sends_anonymous_visitors_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")


def test_home_sends_staff_to_workspace_and_customers_to_portal(client, agent, customer):
    client.force_login(agent)
    staff_response = client.get("/")
    client.force_login(customer.user)
    customer_response = client.get("/")

    assert staff_response["Location"] == reverse("web:workspace")
    assert customer_response["Location"] == reverse("web:portal")


def test_login_page_renders_labelled_fields(client):
    response = client.get(reverse("web:login"))

    assert response.status_code == 200
    assert '<label for="id_username">Email:</label>' in response.text
    assert '<label for="id_password">Password:</label>' in response.text


def test_agent_signs_in_and_lands_on_workspace(client, agent):
    response = client.post(
        reverse("web:login"), {"username": "agent@example.com", "password": "caredesk"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("web:queue", args=["mine"])
    assert response.status_code == 200


def test_customer_signs_in_and_lands_on_portal(client, customer):
    response = client.post(
        reverse("web:login"),
        {"username": "customer@example.com", "password": "caredesk"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("web:portal")
    assert "Hello Cora" in response.text


def test_wrong_password_shows_an_error_and_stays_signed_out(client, agent):
    response = client.post(
        reverse("web:login"), {"username": "agent@example.com", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "The email or password is not right." in response.text
    assert "_auth_user_id" not in client.session


def test_missing_email_names_the_field(client):
    response = client.post(reverse("web:login"), {"username": "", "password": "x"})

    assert "Email: Enter your email address." in response.text


def test_logout_needs_post(agent_client):
    get_response = agent_client.get(reverse("web:logout"))
    post_response = agent_client.post(reverse("web:logout"))

    assert get_response.status_code == 405
    assert post_response["Location"] == reverse("web:login")
    assert "_auth_user_id" not in agent_client.session


def test_login_link_request_answers_the_same_for_unknown_addresses(
    client, customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("web:login_link_request"), {"email": "customer@example.com"})
        unknown = client.post(reverse("web:login_link_request"), {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 200
    assert "Check your email" in known.text
    assert "Check your email" in unknown.text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["customer@example.com"]


@pytest.fixture
def newcomer(db):
    """Nia wrote in by email: a customer record, and no login."""
    return CustomerFactory(name="Nia Newcomer", preferred_name="Nia", email="nia@example.com")


def request_link(client, email):
    response = client.post(reverse("web:login_link_request"), {"email": email})
    # The CSRF token is masked afresh on every page; everything else must be alike.
    page = re.sub(r'"X-CSRFToken": "\w+"', "CSRF", response.text.replace(email, "ADDRESS"))
    return response.status_code, page


def test_a_known_address_without_login_and_unknown_ones_get_the_same_page(
    client, newcomer, agent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = request_link(client, "nia@example.com")
        unknown = request_link(client, "nobody@example.com")
        staff = request_link(client, "agent@example.com")

    assert known == unknown == staff
    assert known[0] == 200
    assert "Check your email" in known[1]
    assert [message.to for message in mail.outbox] == [["nia@example.com"]]
    assert list(LoginLink.objects.values_list("email", flat=True)) == ["nia@example.com"]


def test_a_first_link_makes_the_login_and_opens_the_customers_own_portal(
    client, newcomer, ticket, team, django_capture_on_commit_callbacks
):
    own = make_ticket(newcomer, subject="Where is my parcel", team=team)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("web:login_link_request"), {"email": "nia@example.com"})
    secret = re.search(r"/login/link/([^/]+)/", mail.outbox[0].body).group(1)
    url = reverse("web:portal_login_link", args=[secret])

    first = client.post(url, follow=True)
    client.logout()
    second = client.post(url)

    newcomer.refresh_from_db()
    assert first.redirect_chain[-1][0] == reverse("web:portal")
    assert "Hello Nia" in first.text
    assert [shown.pk for shown in first.context["tickets"]] == [own.pk]
    assert ticket.subject not in first.text
    assert newcomer.user == User.objects.get(email="nia@example.com")
    assert second.status_code == 400
    assert "no longer works" in second.text
    assert User.objects.filter(email="nia@example.com").count() == 1


def test_login_link_request_with_bad_email_names_the_field(client):
    response = client.post(reverse("web:login_link_request"), {"email": "not-an-email"})

    assert response.status_code == 400
    assert "Email: Enter a valid email address." in response.text


def test_login_link_signs_the_customer_in_once(
    client, customer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_portal_link("customer@example.com")
    secret = re.search(r"/login/link/([^/]+)/", mail.outbox[0].body).group(1)
    url = reverse("web:portal_login_link", args=[secret])

    confirm = client.get(url)
    first = client.post(url)
    client.logout()
    second = client.post(url)

    assert confirm.status_code == 200
    assert "_auth_user_id" not in client.session
    assert first["Location"] == reverse("web:home")
    assert second.status_code == 400
    assert "no longer works" in second.text


def test_a_staff_page_redirects_anonymous_visitors_to_login(client, ticket):
    url = reverse("web:ticket", args=[ticket.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={url}"
