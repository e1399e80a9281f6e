import pytest
from django.urls import reverse

from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message

pytestmark = pytest.mark.django_db


def page_url(ticket):
    return reverse("web:ticket", args=[ticket.pk])


def test_agent_sees_own_team_ticket_with_conversation_and_customer(agent_client, ticket):
    response = agent_client.get(page_url(ticket))

    assert response.status_code == 200
    assert "It has not arrived." in response.text
    assert "Cora Customer opened the ticket (Web form)" in response.text
    assert "customer@example.com" in response.text
    assert "Acme" in response.text


def test_agent_gets_404_for_another_teams_ticket(agent_client, other_ticket):
    assert agent_client.get(page_url(other_ticket)).status_code == 404


def test_missing_ticket_is_404(agent_client):
    assert agent_client.get(reverse("web:ticket", args=[999999])).status_code == 404


def test_customer_is_sent_to_the_portal(customer_client, ticket):
    response = customer_client.get(page_url(ticket))

    assert response["Location"] == reverse("web:portal")


def test_internal_notes_are_marked_apart_from_replies(agent_client, agent, ticket):
    add_message(ticket, actor=Actor.of_user(agent), body="Checked the courier.", is_public=False)

    response = agent_client.get(page_url(ticket))

    assert "message-internal" in response.text
    assert "Internal note" in response.text
    assert "Ana Agent added an internal note" in response.text


def test_past_tickets_of_the_customer_are_listed(agent_client, customer, team, ticket):
    from caredesk.tickets.tests.factories import make_ticket

    earlier = make_ticket(customer, subject="Earlier question", team=team)

    response = agent_client.get(page_url(ticket))

    assert [past.pk for past in response.context["history"]] == [earlier.pk]


def test_page_sets_the_strict_content_security_policy(agent_client, ticket):
    response = agent_client.get(page_url(ticket))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "<script>" not in response.text
    assert " style=" not in response.text
    assert " onclick=" not in response.text
