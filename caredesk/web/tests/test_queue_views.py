import pytest
from django.urls import reverse

from caredesk.tickets.choices import Priority
from caredesk.tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def queue_url(view):
    return reverse("web:queue", args=[view])


def test_workspace_opens_my_open_queue(agent_client):
    response = agent_client.get(reverse("web:workspace"))

    assert response["Location"] == queue_url("mine")


def test_my_open_lists_only_tickets_assigned_to_me(agent_client, agent, customer, team):
    mine = make_ticket(customer, subject="Mine to answer", team=team, assignee=agent)
    make_ticket(customer, subject="Nobody's yet", team=team)

    response = agent_client.get(queue_url("mine"))

    assert response.status_code == 200
    assert [ticket.pk for ticket in response.context["tickets"]] == [mine.pk]


def test_unassigned_lists_my_teams_unassigned_tickets(agent_client, ticket, other_ticket):
    response = agent_client.get(queue_url("unassigned"))

    assert [t.pk for t in response.context["tickets"]] == [ticket.pk]


def test_all_shows_own_team_ticket_and_hides_other_team(agent_client, ticket, other_ticket):
    response = agent_client.get(queue_url("all"))

    assert ticket.subject in response.text
    assert other_ticket.subject not in response.text


def test_admin_sees_every_team(client, admin_user, ticket, other_ticket):
    client.force_login(admin_user)

    response = client.get(queue_url("all"))

    assert {t.pk for t in response.context["tickets"]} == {ticket.pk, other_ticket.pk}


def test_unknown_queue_is_not_found(agent_client):
    assert agent_client.get(queue_url("everything")).status_code == 404


def test_customers_are_sent_to_the_portal(customer_client):
    response = customer_client.get(queue_url("all"))

    assert response["Location"] == reverse("web:portal")


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(queue_url("all"))

    assert response["Location"].startswith(reverse("web:login"))


def test_filters_by_priority_and_text(agent_client, customer, team):
    urgent = make_ticket(customer, subject="Server down", team=team, priority=Priority.URGENT)
    make_ticket(customer, subject="Server slow", team=team)

    by_priority = agent_client.get(queue_url("all"), {"priority": Priority.URGENT})
    by_text = agent_client.get(queue_url("all"), {"q": "slow"})

    assert [t.pk for t in by_priority.context["tickets"]] == [urgent.pk]
    assert [t.subject for t in by_text.context["tickets"]] == ["Server slow"]


def test_filters_by_status_team_and_tag(agent_client, customer, team):
    tagged = make_ticket(customer, subject="Refund", team=team, tags=["billing"])
    make_ticket(customer, subject="Other", team=team)

    response = agent_client.get(
        queue_url("all"), {"status": "new", "team": team.pk, "tag": "billing"}
    )

    assert [t.pk for t in response.context["tickets"]] == [tagged.pk]


def test_invalid_filter_names_the_field(agent_client, ticket):
    response = agent_client.get(queue_url("all"), {"status": "lost", "team": "999"})

    assert response.status_code == 400
    assert "Status: Select a valid choice." in response.text
    assert "Team: Select a valid choice." in response.text
    assert response.context["tickets"] == []


def test_invalid_cursor_is_a_form_error(agent_client, ticket):
    response = agent_client.get(queue_url("all"), {"cursor": "nonsense"})

    assert response.status_code == 400
    assert "The cursor is not valid" in response.text


def test_pages_follow_the_cursor_keeping_filters(agent_client, customer, team):
    tickets = [make_ticket(customer, subject=f"Ticket {n}", team=team) for n in range(27)]

    first = agent_client.get(queue_url("all"), {"sort": "created", "q": "ticket"})
    second = agent_client.get(first.context["next_page_url"])

    assert len(first.context["tickets"]) == 25
    assert "q=ticket" in first.context["next_page_url"]
    assert [t.pk for t in second.context["tickets"]] == [tickets[1].pk, tickets[0].pk]
    assert second.context["next_page_url"] is None
    assert "First page" in second.text


def test_sorting_by_priority_puts_urgent_first(agent_client, customer, team):
    make_ticket(customer, subject="Low", team=team, priority=Priority.LOW)
    make_ticket(customer, subject="Urgent", team=team, priority=Priority.URGENT)

    response = agent_client.get(queue_url("all"), {"sort": "priority"})

    assert [t.subject for t in response.context["tickets"]] == ["Urgent", "Low"]


def test_htmx_request_gets_only_the_results(agent_client, ticket):
    response = agent_client.get(queue_url("all"), headers={"HX-Request": "true"})

    assert response.text.startswith('<section id="queue-results"')
    assert "<html" not in response.text
    assert "HX-Request" in response["Vary"]
