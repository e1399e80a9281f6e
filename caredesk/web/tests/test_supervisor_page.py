"""The supervisor's page: what is overdue, what is close, what was missed, what waits for approval."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from caredesk.automation.approvals.services.requests import propose_action
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/Berlin"))
PAGE = reverse("web:supervisor")


@pytest.fixture
def situation(standard_policy, customer, other_customer, team, other_team, agent):
    """Support: one ticket overdue at 11:35, one in its warning time, one answered late;
    Billing: one overdue (hidden from Support's supervisor)."""
    with clock.pinned(MONDAY_9):
        overdue = make_ticket(customer, team=team, subject="Overdue one")
        hidden = make_ticket(other_customer, team=other_team, subject="Billing overdue")
        late = make_ticket(customer, team=team, subject="Answered late")
    with clock.pinned(MONDAY_9 + timedelta(minutes=50)):
        warned = make_ticket(customer, team=team, subject="Close one")
    with clock.pinned(MONDAY_9 + timedelta(hours=2, minutes=10)):
        add_message(late, actor=Actor.of_user(agent), body="Sorry for the wait.")
    with clock.pinned(MONDAY_9 + timedelta(hours=2)):
        approval = propose_action(
            overdue,
            actor=agent,
            action="credit",
            amount=Decimal("20"),
            currency="EUR",
            reason="Inconvenience.",
        ).request
    return {
        "overdue": overdue,
        "hidden": hidden,
        "late": late,
        "warned": warned,
        "approval": approval,
    }


def visit(client, moment=MONDAY_9 + timedelta(hours=2, minutes=35)):
    with clock.pinned(moment):
        return client.get(PAGE)


def subjects(rows):
    return [(row.ticket.subject, row.target) for row in rows]


def test_supervisor_sees_breaches_warnings_misses_and_approvals_of_their_teams(
    client_as, situation
):
    response = visit(client_as("supervisor"))

    assert response.status_code == 200
    assert subjects(response.context["overdue"]) == [("Overdue one", "First response")]
    assert subjects(response.context["warnings"]) == [("Close one", "First response")]
    assert subjects(response.context["missed"]) == [("Answered late", "First response")]
    assert [line.request.pk for line in response.context["approvals"]] == [situation["approval"].pk]
    assert response.context["counts"] == {"overdue": 1, "missed": 1, "warnings": 1, "approvals": 1}
    assert "Billing overdue" not in response.text


def test_rows_link_to_the_ticket_and_say_the_state_in_words(client_as, situation):
    response = visit(client_as("supervisor"))

    overdue = situation["overdue"]
    assert (
        f'href="{reverse("web:ticket", args=[overdue.pk])}">#{overdue.pk} Overdue one'
        in response.text
    )
    assert '<span class="visually-hidden">Breached: </span>overdue by 35m' in response.text
    assert '<span class="visually-hidden">Warning: </span>due in 15m' in response.text
    assert '<span class="count-number">1</span> overdue now' in response.text
    assert "<strong>You</strong>" in response.text


def test_admin_sees_every_team(client_as, situation):
    response = visit(client_as("admin"))

    assert subjects(response.context["overdue"]) == [
        ("Overdue one", "First response"),
        ("Billing overdue", "First response"),
    ]
    assert response.context["counts"]["overdue"] == 2


def test_a_quiet_day_says_so(client_as, db):
    response = visit(client_as("supervisor"))

    assert "Nothing is overdue." in response.text
    assert "No approvals are waiting." in response.text
    assert response.context["counts"] == {"overdue": 0, "missed": 0, "warnings": 0, "approvals": 0}


def test_agents_are_refused(client_as, situation):
    response = visit(client_as("agent"))

    assert response.status_code == 403
    assert "This page is for supervisors and admins." in response.text
    assert "Overdue one" not in response.text


@pytest.mark.parametrize(
    ("role", "destination"), [("customer", "web:portal"), ("anonymous", "web:login")]
)
def test_customers_and_visitors_are_sent_away(client_as, situation, role, destination):
    response = visit(client_as(role))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(destination))


@pytest.mark.parametrize(
    ("role", "shown"), [("agent", False), ("supervisor", True), ("admin", True)]
)
def test_only_supervisors_and_admins_get_the_link(client_as, db, role, shown):
    response = client_as(role).get(reverse("web:notifications"))

    assert (PAGE in response.text) is shown
