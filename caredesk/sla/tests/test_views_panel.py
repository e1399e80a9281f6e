"""The ticket page's SLA panel: each clock with its due time, badge and the arithmetic behind it."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from caredesk.core import clock
from caredesk.sla.services.sweep import sweep_due_clocks
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=BERLIN)


@pytest.fixture
def berlin_agent(agent):
    agent.timezone = "Europe/Berlin"
    agent.save(update_fields=["timezone"])
    return agent


@pytest.fixture
def measured_ticket(standard_policy, customer, team):
    with clock.pinned(MONDAY_9):
        return make_ticket(customer, team=team)


def page_at(client, ticket, moment):
    with clock.pinned(moment):
        return client.get(reverse("web:ticket", args=[ticket.pk]))


def panel(response, target):
    return next(each for each in response.context["sla_clocks"] if each.target == target)


def test_panel_lists_each_clock_with_due_time_in_the_agents_zone(
    agent_client, berlin_agent, measured_ticket
):
    response = page_at(agent_client, measured_ticket, MONDAY_9 + timedelta(minutes=40))

    assert [each.target for each in response.context["sla_clocks"]] == [
        "First response",
        "Resolution",
    ]
    first = panel(response, "First response")
    assert (first.state, first.due, first.badge.text) == (
        "Running",
        "Mon 23 Nov, 11:00 CET",
        "due in 1h 20m",
    )
    assert panel(response, "Resolution").due == "Mon 23 Nov, 17:00 CET"
    assert '<section id="sla" class="sla-panel"' in response.text
    assert "<summary>How this due time was worked out</summary>" in response.text


def test_explanation_gives_policy_calendar_and_stretches(
    agent_client, berlin_agent, measured_ticket
):
    response = page_at(agent_client, measured_ticket, MONDAY_9 + timedelta(minutes=40))

    first = panel(response, "First response")
    assert first.summary == (
        "2h business-hours target from policy 'Standard' on Berlin office; 40m used in 1 stretch; "
        "1h 20m left."
    )
    assert (first.policy, first.calendar, first.timezone) == (
        "Standard",
        "Berlin office",
        "Europe/Berlin",
    )
    assert first.target_text == "2h of business hours"
    assert first.warn == "Mon 23 Nov, 10:30 CET"
    assert [(s.start, s.end, s.duration) for s in first.running_stretches] == [
        ("Mon 23 Nov, 09:00 CET", "now", "40m")
    ]
    assert "Mon 23 Nov, 09:00 CET – now: 40m counted" in response.text


def test_paused_interval_is_listed_with_its_times(
    agent_client, agent, berlin_agent, measured_ticket
):
    with clock.pinned(MONDAY_9 + timedelta(minutes=30)):
        update_ticket(
            measured_ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="pending")
        )
    with clock.pinned(MONDAY_9 + timedelta(hours=2)):
        update_ticket(
            measured_ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="open")
        )

    response = page_at(agent_client, measured_ticket, MONDAY_9 + timedelta(hours=2, minutes=10))

    first = panel(response, "First response")
    assert [(s.start, s.end, s.duration) for s in first.paused_stretches] == [
        ("Mon 23 Nov, 09:30 CET", "Mon 23 Nov, 11:00 CET", "1h 30m")
    ]
    assert first.due == "Mon 23 Nov, 12:30 CET"
    assert "paused 1h 30m in total" in first.summary
    assert "First response clock paused (status Pending)" in response.text
    assert "First response clock resumed (status Open)" in response.text


def test_paused_clock_has_a_paused_badge(agent_client, agent, measured_ticket):
    with clock.pinned(MONDAY_9 + timedelta(minutes=30)):
        update_ticket(
            measured_ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="pending")
        )

    response = page_at(agent_client, measured_ticket, MONDAY_9 + timedelta(hours=3))

    first = panel(response, "First response")
    assert (first.state, first.badge.text, first.badge.tone) == ("Paused", "paused", "paused")
    assert "Not while paused" in response.text


def test_breach_and_met_are_told_in_the_timeline(
    agent_client, agent, berlin_agent, measured_ticket
):
    with clock.pinned(MONDAY_9 + timedelta(hours=2, minutes=1)):
        sweep_due_clocks()
    with clock.pinned(MONDAY_9 + timedelta(hours=2, minutes=30)):
        add_message(measured_ticket, actor=Actor.of_user(agent), body="On its way.")

    response = page_at(agent_client, measured_ticket, MONDAY_9 + timedelta(hours=3))

    assert (
        "SLA policy Standard applied: first response due 11:00, resolution due 17:00"
        in response.text
    )
    assert "First response target is close to its due time 11:00 (policy Standard)" in response.text
    assert "First response target breached at 11:00 (policy Standard)" in response.text
    assert "First response target missed: due 11:00, done 11:30 (policy Standard)" in response.text
    first = panel(response, "First response")
    assert (first.state, first.badge.text, first.stopped) == (
        "Missed",
        "missed",
        "Mon 23 Nov, 11:30 CET",
    )


def test_ticket_without_policy_says_so(agent_client, ticket):
    response = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    assert response.context["sla_clocks"] == []
    assert "No SLA policy applies to this ticket." in response.text


def test_a_reply_tells_the_page_and_the_panel_reloads_with_the_clock_met(
    agent_client, measured_ticket
):
    with clock.pinned(MONDAY_9 + timedelta(minutes=20)):
        reply = agent_client.post(
            reverse("web:ticket_reply", args=[measured_ticket.pk]),
            {"body": "Looking into it.", "visibility": "public"},
            headers={"HX-Request": "true"},
        )
        fragment = agent_client.get(
            reverse("web:ticket_sla_panel", args=[measured_ticket.pk]),
            headers={"HX-Request": "true"},
        )

    assert json.loads(reply["HX-Trigger"]) == {"ticket-changed": {"frame": False}}
    assert fragment.status_code == 200
    assert fragment.text.startswith('<section id="sla" class="sla-panel"')
    assert panel(fragment, "First response").state == "Met"


def test_the_panel_fragment_is_for_staff_who_see_the_ticket(
    client_as, other_agent, measured_ticket
):
    url = reverse("web:ticket_sla_panel", args=[measured_ticket.pk])

    customer = client_as("customer").get(url)
    client_as("anonymous").logout()
    other = client_as("anonymous")
    other.force_login(other_agent)

    assert customer.status_code == 302
    assert other.get(url).status_code == 404
