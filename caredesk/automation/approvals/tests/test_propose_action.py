from decimal import Decimal

import pytest
from django.core import mail

from caredesk.accounts.models import Notification
from caredesk.automation.approvals.services.requests import propose_action
from caredesk.automation.models import ApprovalRequest
from caredesk.core.errors import PermissionDenied, ValidationFailed


def propose(
    ticket, user, action="refund", amount="80.00", currency="EUR", reason="Broken on arrival"
):
    return propose_action(
        ticket, actor=user, action=action, amount=Decimal(amount), currency=currency, reason=reason
    )


def test_an_amount_within_the_agents_limit_is_recorded_without_asking(limits, ticket, agent):
    proposal = propose(ticket, agent, amount="80.00")

    assert proposal.within_authority is True
    assert proposal.request is None
    assert proposal.authority_limit == Decimal("100.00")
    event = ticket.events.get(kind="approval.within_authority")
    assert event.actor_user == agent
    assert event.channel == "internal"
    assert event.is_public is False
    assert event.data == {
        "action": "refund",
        "amount": "80.00",
        "currency": "EUR",
        "authority_limit": "100.00",
        "reason": "Broken on arrival",
    }
    assert not ApprovalRequest.objects.exists()
    assert not Notification.objects.exists()


def test_an_amount_equal_to_the_limit_is_within_authority(limits, ticket, agent):
    proposal = propose(ticket, agent, amount="100.00")

    assert proposal.within_authority is True
    assert not ApprovalRequest.objects.exists()


def test_an_amount_above_the_agents_limit_asks_the_teams_supervisor(
    limits, ticket, agent, supervisor, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose(ticket, agent, amount="100.01")

    request = proposal.request
    assert proposal.within_authority is False
    assert (request.state, request.approver_role, request.requested_by) == (
        "pending",
        "supervisor",
        agent,
    )
    assert (request.amount, request.authority_limit) == (Decimal("100.01"), Decimal("100.00"))
    assert ticket.events.get(kind="approval.requested").data == {
        "approval_id": request.pk,
        "action": "refund",
        "amount": "100.01",
        "currency": "EUR",
        "authority_limit": "100.00",
        "reason": "Broken on arrival",
        "approver_role": "supervisor",
        "notified": ["Sam Supervisor"],
    }
    notification = Notification.objects.get()
    assert notification.user == supervisor
    assert notification.subject == (f"Approval needed: refund of 100.01 EUR on ticket #{ticket.pk}")
    assert notification.url == f"/tickets/{ticket.pk}/"
    assert [message.to for message in mail.outbox] == [[supervisor.email]]


def test_limits_are_per_action(limits, ticket, agent, supervisor):
    refund = propose(ticket, agent, action="refund", amount="60.00")
    credit = propose(ticket, agent, action="credit", amount="60.00")

    assert refund.within_authority is True
    assert credit.within_authority is False
    assert credit.request.authority_limit == Decimal("50.00")


def test_a_role_without_a_configured_limit_needs_approval_for_every_amount(
    limits, ticket, agent, supervisor
):
    """No goodwill limit is set for agents, so even one cent goes to the supervisor."""
    proposal = propose(ticket, agent, action="goodwill", amount="0.01")

    assert proposal.within_authority is False
    assert proposal.request.authority_limit is None
    assert ticket.events.get(kind="approval.requested").data["authority_limit"] is None


def test_a_limit_in_another_currency_does_not_cover_the_amount(limits, ticket, agent, supervisor):
    """There are no exchange rates: 10 USD is not compared with a 100 EUR limit."""
    proposal = propose(ticket, agent, amount="10.00", currency="USD")

    assert proposal.within_authority is False
    assert proposal.request.authority_limit is None


def test_a_supervisors_proposal_within_their_own_limit_is_recorded(limits, ticket, supervisor):
    proposal = propose(ticket, supervisor, amount="450.00")

    assert proposal.within_authority is True
    assert proposal.authority_limit == Decimal("500.00")


def test_a_supervisors_proposal_above_their_own_limit_goes_to_the_admins(
    limits, ticket, supervisor, second_supervisor, admin_user, second_admin
):
    proposal = propose(ticket, supervisor, amount="750.00")

    assert proposal.request.approver_role == "admin"
    assert sorted(Notification.objects.values_list("user__name", flat=True)) == [
        "Ada Admin",
        "Alan Admin",
    ]
    assert ticket.events.get(kind="approval.requested").data["notified"] == [
        "Ada Admin",
        "Alan Admin",
    ]


def test_an_admins_own_proposal_goes_to_the_other_admins(limits, ticket, admin_user, second_admin):
    proposal = propose(ticket, admin_user, amount="20.00")

    assert proposal.request.approver_role == "admin"
    assert list(Notification.objects.values_list("user__name", flat=True)) == ["Alan Admin"]


def test_the_teams_on_call_is_notified_with_its_supervisors(
    limits, team, ticket, agent, supervisor
):
    on_call = type(agent).objects.create_user(
        "oncall@example.com", name="Oona On-call", role="agent"
    )
    team.on_call = on_call
    team.save()

    propose(ticket, agent, amount="150.00")

    assert ticket.events.get(kind="approval.requested").data["notified"] == [
        "Oona On-call",
        "Sam Supervisor",
    ]


def test_a_team_without_a_supervisor_asks_the_admins(limits, ticket, agent, admin_user):
    propose(ticket, agent, amount="150.00")

    assert list(Notification.objects.values_list("user", flat=True)) == [admin_user.pk]


def test_customers_cannot_propose(limits, ticket, customer_user):
    with pytest.raises(PermissionDenied):
        propose(ticket, customer_user, amount="1.00")

    assert not ApprovalRequest.objects.exists()
    assert not ticket.events.filter(kind__startswith="approval.").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-5.00"}, "amount"),
        ({"amount": "1.005"}, "amount"),
        ({"amount": "10000000000.00"}, "amount"),
        ({"action": "bribe"}, "action"),
        ({"currency": "euro"}, "currency"),
        ({"reason": "   "}, "reason"),
        ({"reason": "x" * 5001}, "reason"),
    ],
)
def test_bad_input_is_refused_naming_the_field(limits, ticket, agent, supervisor, changes, field):
    with pytest.raises(ValidationFailed) as refused:
        propose(ticket, agent, **changes)

    assert refused.value.field == field
    assert not ApprovalRequest.objects.exists()
    assert not ticket.events.filter(kind__startswith="approval.").exists()
    assert not Notification.objects.exists()


def test_a_float_amount_is_refused(limits, ticket, agent):
    with pytest.raises(ValidationFailed) as refused:
        propose_action(
            ticket, actor=agent, action="refund", amount=0.1, currency="EUR", reason="Late"
        )

    assert refused.value.field == "amount"
