import pytest

from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def wrong_reply(ticket, customer):
    return add_message(ticket, actor=Actor.of_customer(customer), body="About my invoice")


def test_move_in_one_click_lands_on_the_target_page(agent_client, wrong_reply, customer, team):
    invoice = make_ticket(customer, subject="Invoice", team=team)

    response = agent_client.post(
        f"/workspace/messages/{wrong_reply.pk}/move/", {"ticket_id": f"#{invoice.pk}"}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"/workspace/tickets/{invoice.pk}/"
    assert "About my invoice" in response.text
    wrong_reply.refresh_from_db()
    assert wrong_reply.ticket_id == invoice.pk


@pytest.mark.parametrize("given", ["", "abc", "99999999", "²"])
def test_move_to_a_bad_number_explains_and_changes_nothing(
    agent_client, wrong_reply, ticket, given
):
    response = agent_client.post(
        f"/workspace/messages/{wrong_reply.pk}/move/", {"ticket_id": given}, follow=True
    )

    assert response.redirect_chain[-1][0] == f"/workspace/tickets/{ticket.pk}/"
    assert "ticket" in response.text.lower()
    wrong_reply.refresh_from_db()
    assert wrong_reply.ticket_id == ticket.pk


def test_split_in_one_click_opens_the_new_ticket(agent_client, wrong_reply, ticket):
    response = agent_client.post(f"/workspace/messages/{wrong_reply.pk}/split/", follow=True)

    wrong_reply.refresh_from_db()
    assert wrong_reply.ticket_id != ticket.pk
    assert response.redirect_chain[-1][0] == f"/workspace/tickets/{wrong_reply.ticket_id}/"


def test_agents_of_other_teams_get_404(client, other_agent, wrong_reply, ticket):
    client.force_login(other_agent)

    response = client.post(f"/workspace/messages/{wrong_reply.pk}/split/")

    assert response.status_code == 404
    wrong_reply.refresh_from_db()
    assert wrong_reply.ticket_id == ticket.pk


def test_customers_are_sent_to_the_portal(customer_client, wrong_reply, ticket):
    response = customer_client.post(f"/workspace/messages/{wrong_reply.pk}/split/")

    assert response.status_code == 302
    assert response.url == "/portal/"
    wrong_reply.refresh_from_db()
    assert wrong_reply.ticket_id == ticket.pk


def test_the_ticket_page_offers_move_and_split(agent_client, wrong_reply, ticket):
    page = agent_client.get(f"/workspace/tickets/{ticket.pk}/")

    assert f"/workspace/messages/{wrong_reply.pk}/move/" in page.text
    assert "Split into a new ticket" in page.text
