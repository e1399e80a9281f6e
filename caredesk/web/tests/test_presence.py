from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from caredesk.core import clock
from caredesk.web import presence
from caredesk.web.presence import Viewer

pytestmark = pytest.mark.django_db

NOON = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def test_others_are_listed_writers_first_and_self_left_out():
    with clock.pinned(NOON):
        presence.record_presence(7, user_id=1, name="Ana", is_typing=False)
        presence.record_presence(7, user_id=2, name="Otto", is_typing=True)
        presence.record_presence(7, user_id=3, name="Bea", is_typing=False)

        viewers = presence.viewers_of(7, excluding_user_id=1)

    assert viewers == [Viewer(2, "Otto", True), Viewer(3, "Bea", False)]


def test_entries_expire_after_fifteen_seconds():
    with clock.pinned(NOON):
        presence.record_presence(7, user_id=2, name="Otto", is_typing=False)
    with clock.pinned(NOON + timedelta(seconds=14)):
        still_there = presence.viewers_of(7, excluding_user_id=1)
    with clock.pinned(NOON + timedelta(seconds=15)):
        gone = presence.viewers_of(7, excluding_user_id=1)

    assert [viewer.name for viewer in still_there] == ["Otto"]
    assert gone == []


def test_tickets_are_kept_apart():
    presence.record_presence(7, user_id=2, name="Otto", is_typing=False)

    assert presence.viewers_of(8, excluding_user_id=1) == []


def test_poll_tells_an_agent_who_else_is_replying(client, agent, supervisor, ticket):
    url = reverse("web:ticket_presence", args=[ticket.pk])
    client.force_login(supervisor)
    client.post(url, {"typing": "1"})
    client.force_login(agent)

    response = client.post(url, {"typing": "0"})

    assert response.status_code == 200
    assert "<strong>Sam Supervisor</strong> is writing a reply" in response.text


def test_opening_the_page_counts_as_viewing(client, agent, supervisor, ticket):
    client.force_login(supervisor)
    client.get(reverse("web:ticket", args=[ticket.pk]))
    client.force_login(agent)

    response = client.get(reverse("web:ticket", args=[ticket.pk]))

    assert "<strong>Sam Supervisor</strong> is viewing this ticket" in response.text


def test_nobody_else_means_an_empty_notice(agent_client, ticket):
    response = agent_client.post(reverse("web:ticket_presence", args=[ticket.pk]))

    assert response.text.strip() == ""


def test_presence_of_a_hidden_ticket_is_404_and_not_recorded(agent_client, agent, other_ticket):
    response = agent_client.post(reverse("web:ticket_presence", args=[other_ticket.pk]))

    assert response.status_code == 404
    assert presence.viewers_of(other_ticket.pk, excluding_user_id=0) == []
