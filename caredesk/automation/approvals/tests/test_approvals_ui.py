"""Refunds, credits and goodwill on the ticket page: propose, see the outcome, decide."""

from decimal import Decimal

import pytest
from django.urls import reverse

from caredesk.accounts.choices import Role
from caredesk.accounts.tests.factories import UserFactory
from caredesk.automation.approvals.services.authority import LimitSpec, set_authority_limit
from caredesk.automation.approvals.services.requests import propose_action
from caredesk.automation.models import ApprovalRequest
from caredesk.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def limits(admin_user):
    """Agents refund up to 100 EUR unasked; nobody else has a limit."""
    return set_authority_limit(
        LimitSpec(Role.AGENT, "refund", Decimal("100"), "EUR"), actor=admin_user
    )


@pytest.fixture
def pending(ticket, agent, supervisor, limits):
    """Ana's refund of 150 EUR, above her limit, waiting for Sam."""
    return propose_action(
        ticket,
        actor=agent,
        action="refund",
        amount=Decimal("150.00"),
        currency="EUR",
        reason="Parcel lost twice.",
    ).request


def propose_url(ticket):
    return reverse("web:ticket_propose", args=[ticket.pk])


def decide_url(request):
    return reverse("web:approval_decide", args=[request.pk])


def proposal(**changes):
    return {
        "action": "refund",
        "amount": "30.00",
        "currency": "EUR",
        "reason": "Broken on arrival.",
        **changes,
    }


def snapshot(ticket):
    return (
        list(ApprovalRequest.objects.values_list("pk", "state")),
        TicketEvent.objects.filter(ticket=ticket).count(),
    )


def test_amount_within_authority_is_recorded_at_once(agent_client, ticket, limits):
    response = agent_client.post(propose_url(ticket), proposal(), headers=HTMX)

    assert response.status_code == 200
    assert response.text.startswith('<section id="approvals"')
    assert (
        "Within your authority (up to 100.00 EUR): the refund of 30.00 EUR is recorded."
        in response.text
    )
    assert ApprovalRequest.objects.count() == 0
    assert (
        "Ana Agent gave a refund of 30.00 EUR within their authority (limit 100.00 EUR): "
        "Broken on arrival." in response.text
    )
    assert (
        'id="timeline" class="timeline" aria-labelledby="timeline-heading" hx-swap-oob="true"'
        in response.text
    )


def test_amount_above_authority_is_sent_to_the_supervisor(agent_client, ticket, supervisor, limits):
    response = agent_client.post(
        propose_url(ticket), proposal(amount="150", currency="eur"), headers=HTMX
    )

    request = ApprovalRequest.objects.get()
    assert (request.amount, request.currency, request.state) == (
        Decimal("150.00"),
        "EUR",
        "pending",
    )
    assert (
        "Sent for approval: the refund of 150.00 EUR is above your authority. "
        "Sam Supervisor will decide." in response.text
    )
    assert "Withdraw request" in response.text
    assert "Approve" not in response.text


def test_without_htmx_the_page_is_reloaded_with_the_outcome(agent_client, ticket, limits):
    response = agent_client.post(propose_url(ticket), proposal(), follow=True)

    assert response.redirect_chain[-1][0] == reverse("web:ticket", args=[ticket.pk]) + "#approvals"
    assert "Within your authority" in response.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"amount": "ten"}, "Amount: Enter a number.", id="not-a-number"),
        pytest.param({"amount": "0"}, "Amount: amount must be more than zero.", id="zero"),
        pytest.param(
            {"amount": "1.234"},
            "Amount: Ensure that there are no more than 2 decimal places.",
            id="fractions-of-cents",
        ),
        pytest.param(
            {"currency": "E1"},
            "Currency: currency must be a three-letter ISO 4217 code such as EUR.",
            id="currency",
        ),
        pytest.param({"reason": ""}, "Reason: Say why, for whoever approves it.", id="no-reason"),
    ],
)
def test_invalid_proposal_names_the_field_and_writes_nothing(
    agent_client, ticket, limits, changes, message
):
    before = snapshot(ticket)

    response = agent_client.post(propose_url(ticket), proposal(**changes), headers=HTMX)

    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert snapshot(ticket) == before


def test_supervisor_sees_approve_and_deny_for_an_agents_request(client_as, ticket, pending):
    response = client_as("supervisor").get(reverse("web:ticket", args=[ticket.pk]))

    row = response.context["approvals"][0]
    assert (row.request.pk, row.can_decide, row.can_cancel) == (pending.pk, True, False)
    assert ">Approve</button>" in response.text
    assert ">Deny</button>" in response.text
    assert "Parcel lost twice." in response.text


def test_the_agent_who_asked_may_withdraw_but_not_decide(agent_client, ticket, pending):
    response = agent_client.get(reverse("web:ticket", args=[ticket.pk]))

    row = response.context["approvals"][0]
    assert (row.can_decide, row.can_cancel) == (False, True)
    assert ">Approve</button>" not in response.text


def test_supervisor_approves_with_a_note(client_as, ticket, pending):
    response = client_as("supervisor").post(
        decide_url(pending),
        {f"approval-{pending.pk}-decision": "approve", f"approval-{pending.pk}-note": "Fine."},
        headers=HTMX,
    )

    pending.refresh_from_db()
    assert response.status_code == 200
    assert (pending.state, pending.decision_note) == ("approved", "Fine.")
    assert "Approved: refund of 150.00 EUR." in response.text
    assert "Sam Supervisor approved Ana Agent&#x27;s refund of 150.00 EUR: Fine." in response.text


def test_denying_without_a_note_names_the_note_and_changes_nothing(client_as, ticket, pending):
    before = snapshot(ticket)

    response = client_as("supervisor").post(
        decide_url(pending), {f"approval-{pending.pk}-decision": "deny"}, headers=HTMX
    )

    assert response.status_code == 422
    assert "Note to the agent: note must not be empty." in response.text
    assert snapshot(ticket) == before


def test_admin_denies_with_a_note(client_as, ticket, pending):
    client_as("admin").post(
        decide_url(pending),
        {f"approval-{pending.pk}-decision": "deny", f"approval-{pending.pk}-note": "Too much."},
        headers=HTMX,
    )

    pending.refresh_from_db()
    assert (pending.state, pending.decided_by.name) == ("denied", "Ada Admin")


def test_a_colleague_agent_may_not_decide(client, ticket, team, pending):
    colleague = UserFactory(email="al@example.com", name="Al", role=Role.AGENT, teams=[team])
    client.force_login(colleague)
    before = snapshot(ticket)

    response = client.post(
        decide_url(pending), {f"approval-{pending.pk}-decision": "approve"}, headers=HTMX
    )

    assert response.status_code == 403
    assert "You may not decide this request." in response.text
    assert snapshot(ticket) == before


def test_the_requester_withdraws(agent_client, ticket, pending):
    response = agent_client.post(reverse("web:approval_cancel", args=[pending.pk]), headers=HTMX)

    pending.refresh_from_db()
    assert pending.state == "cancelled"
    assert "Request withdrawn." in response.text


def test_another_teams_agent_finds_neither_ticket_nor_request(client, other_agent, ticket, pending):
    client.force_login(other_agent)
    before = snapshot(ticket)

    proposed = client.post(propose_url(ticket), proposal())
    decided = client.post(decide_url(pending), {f"approval-{pending.pk}-decision": "approve"})

    assert (proposed.status_code, decided.status_code) == (404, 404)
    assert snapshot(ticket) == before


@pytest.mark.parametrize(
    ("role", "destination"),
    [("customer", "web:portal"), ("anonymous", "web:login")],
)
def test_customers_and_visitors_cannot_propose_or_decide(
    client_as, ticket, pending, role, destination
):
    client = client_as(role)
    before = snapshot(ticket)

    proposed = client.post(propose_url(ticket), proposal())
    decided = client.post(decide_url(pending), {f"approval-{pending.pk}-decision": "approve"})

    assert proposed.status_code == decided.status_code == 302
    assert proposed["Location"].startswith(reverse(destination))
    assert decided["Location"].startswith(reverse(destination))
    assert snapshot(ticket) == before


@pytest.mark.parametrize("role", ["agent", "supervisor", "admin"])
def test_every_staff_role_sees_the_proposal_form(client_as, ticket, role):
    response = client_as(role).get(reverse("web:ticket", args=[ticket.pk]))

    assert response.status_code == 200
    assert "Propose a refund, credit or goodwill gesture" in response.text
