"""The queue's "Next due" column: a badge in words, a colour hint, and a sort with nulls last."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/Berlin"))
QUEUE = reverse("web:queue", args=["all"])


def opened(customer, team, *, at=MONDAY_9, **fields):
    with clock.pinned(at):
        return make_ticket(customer, team=team, **fields)


def queue_at(client, moment, **params):
    with clock.pinned(moment):
        return client.get(QUEUE, params)


def badge_of(response, ticket):
    rows = {row.ticket.pk: row.badge for row in response.context["rows"]}
    return rows[ticket.pk]


def test_running_target_shows_the_time_left(agent_client, standard_policy, customer, team):
    ticket = opened(customer, team)

    response = queue_at(agent_client, MONDAY_9 + timedelta(minutes=40))

    badge = badge_of(response, ticket)
    assert (badge.text, badge.tone) == ("due in 1h 20m", "ok")
    assert "Next due" in response.text
    assert (
        'class="sla-badge sla-ok" title="Due Mon 23 Nov, 10:00 UTC">due in 1h 20m' in response.text
    )


def test_due_time_is_shown_in_the_agents_time_zone(
    agent_client, agent, standard_policy, customer, team
):
    agent.timezone = "Europe/Berlin"
    agent.save(update_fields=["timezone"])
    ticket = opened(customer, team)

    response = queue_at(agent_client, MONDAY_9 + timedelta(minutes=40))

    assert badge_of(response, ticket).due == "Due Mon 23 Nov, 11:00 CET"


def test_past_the_warning_share_the_badge_warns_in_words_too(
    agent_client, standard_policy, customer, team
):
    ticket = opened(customer, team)

    response = queue_at(agent_client, MONDAY_9 + timedelta(minutes=100))

    badge = badge_of(response, ticket)
    assert (badge.text, badge.tone, badge.alert) == ("due in 20m", "warning", "Warning")
    assert '<span class="visually-hidden">Warning: </span>due in 20m' in response.text


def test_past_due_the_badge_says_overdue(agent_client, standard_policy, customer, team):
    ticket = opened(customer, team)

    response = queue_at(agent_client, MONDAY_9 + timedelta(hours=2, minutes=35))

    badge = badge_of(response, ticket)
    assert (badge.text, badge.tone) == ("overdue by 35m", "breached")
    assert '<span class="visually-hidden">Breached: </span>overdue by 35m' in response.text


def test_waiting_on_the_customer_the_badge_says_paused(
    agent_client, agent, standard_policy, customer, team
):
    ticket = opened(customer, team)
    with clock.pinned(MONDAY_9 + timedelta(minutes=10)):
        update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="pending"))

    response = queue_at(agent_client, MONDAY_9 + timedelta(hours=5))

    badge = badge_of(response, ticket)
    assert (badge.text, badge.tone) == ("paused", "paused")


def test_ticket_without_policy_has_no_badge(agent_client, customer, team):
    ticket = opened(customer, team)

    response = queue_at(agent_client, MONDAY_9)

    assert badge_of(response, ticket) is None
    assert "No target" in response.text


def test_sorting_by_next_due_puts_the_soonest_first_and_unmeasured_last(
    agent_client, standard_policy, urgent_policy, customer, team
):
    later = opened(customer, team, subject="Standard")
    unmeasured = opened(customer, team, subject="No clock")
    unmeasured.sla_clocks.all().delete()
    urgent = opened(customer, team, subject="Urgent", priority=4)

    response = queue_at(agent_client, MONDAY_9 + timedelta(minutes=5), sort="due")

    assert [t.pk for t in response.context["tickets"]] == [urgent.pk, later.pk, unmeasured.pk]


def test_next_due_sort_pages_through_tickets_with_and_without_clocks(
    agent_client, standard_policy, customer, team
):
    measured = [opened(customer, team, at=MONDAY_9 + timedelta(minutes=n)) for n in range(24)]
    unmeasured = [opened(customer, team) for _ in range(3)]
    for ticket in unmeasured:
        ticket.sla_clocks.all().delete()

    with clock.pinned(MONDAY_9 + timedelta(hours=1)):
        first = agent_client.get(QUEUE, {"sort": "due"})
        second = agent_client.get(first.context["next_page_url"])

    shown = [t.pk for t in first.context["tickets"]] + [t.pk for t in second.context["tickets"]]
    assert shown == [t.pk for t in measured] + sorted(t.pk for t in unmeasured)


def queries_for_queue(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE, {"sort": "due"})
    assert response.status_code == 200
    return len(queries)


def test_queue_query_count_does_not_grow_with_the_rows(
    agent_client, standard_policy, customer, team
):
    for _ in range(5):
        opened(customer, team)
    with clock.pinned(MONDAY_9 + timedelta(hours=1)):
        five = queries_for_queue(agent_client)
    for _ in range(15):
        opened(customer, team)

    with clock.pinned(MONDAY_9 + timedelta(hours=1)):
        twenty = queries_for_queue(agent_client)

    assert five == twenty
