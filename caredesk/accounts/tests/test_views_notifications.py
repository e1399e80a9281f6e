"""The header's count of unread notifications, the list, and marking them read."""

import pytest
from django.urls import reverse

from caredesk.accounts.models import Notification
from caredesk.accounts.services.notifications import notify

pytestmark = pytest.mark.django_db

PAGE = reverse("web:notifications")
READ = reverse("web:notifications_read")


@pytest.fixture
def inbox(agent, supervisor, ticket):
    """Two unread notifications for Ana, one for Sam."""
    first = notify(
        [agent],
        subject="Ticket #1 has passed its first response target",
        url=f"/tickets/{ticket.pk}/",
    )[0]
    second = notify([agent], subject="Approved: refund of 150.00 EUR", body="Sam approved it.")[0]
    theirs = notify([supervisor], subject="Approval needed")[0]
    return first, second, theirs


def unread(user):
    return set(
        Notification.objects.filter(user=user, read_at__isnull=True).values_list("pk", flat=True)
    )


def test_header_shows_the_unread_count(agent_client, inbox):
    response = agent_client.get(reverse("web:queue", args=["all"]))

    assert (
        '<span class="bell-count">2<span class="visually-hidden"> unread</span></span>'
        in response.text
    )


def test_no_count_when_everything_is_read(agent_client, db):
    response = agent_client.get(reverse("web:queue", args=["all"]))

    assert "Notifications" in response.text
    assert "bell-count" not in response.text


def test_page_lists_only_my_notifications_newest_first(agent_client, inbox):
    first, second, theirs = inbox

    response = agent_client.get(PAGE)

    assert [item.pk for item in response.context["notifications"]] == [second.pk, first.pk]
    assert "Approval needed" not in response.text
    assert "Sam approved it." in response.text
    assert (
        f'<a href="{first.url}">Ticket #1 has passed its first response target</a>' in response.text
    )


def test_mark_one_read(agent_client, agent, supervisor, inbox):
    first, second, theirs = inbox

    response = agent_client.post(READ, {"notification": [first.pk, theirs.pk]}, follow=True)

    assert unread(agent) == {second.pk}
    assert unread(supervisor) == {theirs.pk}
    assert "Marked 1 notification as read." in response.text
    assert '<span class="bell-count">1<span' in response.text


def test_mark_all_read(agent_client, agent, supervisor, inbox):
    response = agent_client.post(READ, {"all": "1"})

    assert response["Location"] == PAGE
    assert unread(agent) == set()
    assert len(unread(supervisor)) == 1


def test_nonsense_ids_mark_nothing(agent_client, agent, inbox):
    agent_client.post(READ, {"notification": ["x", "-1"]})

    assert len(unread(agent)) == 2


@pytest.mark.parametrize("role", ["agent", "supervisor", "admin"])
def test_every_staff_role_has_a_notifications_page(client_as, role):
    assert client_as(role).get(PAGE).status_code == 200


@pytest.mark.parametrize(
    ("role", "destination"), [("customer", "web:portal"), ("anonymous", "web:login")]
)
def test_customers_and_visitors_are_sent_away(client_as, agent, inbox, role, destination):
    client = client_as(role)

    shown = client.get(PAGE)
    marked = client.post(READ, {"all": "1"})

    assert shown["Location"].startswith(reverse(destination))
    assert marked["Location"].startswith(reverse(destination))
    assert len(unread(agent)) == 2


@pytest.mark.parametrize(
    ("role", "destination"),
    [("agent", "web:ticket"), ("customer", "web:portal_ticket")],
)
def test_notification_links_open_each_roles_ticket_page(client_as, ticket, role, destination):
    response = client_as(role).get(f"/tickets/{ticket.pk}/")

    assert response["Location"] == reverse(destination, args=[ticket.pk])
