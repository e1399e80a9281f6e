from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core import mail

from caredesk.accounts.models import Notification
from caredesk.automation.approvals.services.requests import cancel, decide, propose_action
from caredesk.core import clock
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed

DECIDED_AT = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)


@pytest.fixture
def pending(limits, ticket, agent, supervisor):
    """Ana's 150 EUR refund, above her 100 EUR limit, waiting for Sam."""
    proposal = propose_action(
        ticket,
        actor=agent,
        action="refund",
        amount=Decimal("150.00"),
        currency="EUR",
        reason="Parcel lost twice",
    )
    Notification.objects.all().delete()
    return proposal.request


def test_the_supervisor_approves_and_the_agent_is_told(
    pending, ticket, agent, supervisor, django_capture_on_commit_callbacks
):
    with clock.pinned(DECIDED_AT), django_capture_on_commit_callbacks(execute=True):
        decided = decide(pending, actor=supervisor, approve=True, note="Fine, loyal customer.")

    assert (decided.state, decided.decided_by, decided.decided_at) == (
        "approved",
        supervisor,
        DECIDED_AT,
    )
    assert decided.decision_note == "Fine, loyal customer."
    event = ticket.events.get(kind="approval.approved")
    assert (event.actor_user, event.is_public, event.created_at) == (supervisor, False, DECIDED_AT)
    assert event.data == {
        "approval_id": pending.pk,
        "action": "refund",
        "amount": "150.00",
        "currency": "EUR",
        "requested_by": "Ana Agent",
        "note": "Fine, loyal customer.",
    }
    notification = Notification.objects.get()
    assert notification.user == agent
    assert notification.subject == f"Approved: refund of 150.00 EUR on ticket #{ticket.pk}"
    assert notification.body == "Sam Supervisor approved your request.\n\nFine, loyal customer."
    assert [message.to for message in mail.outbox] == [[agent.email]]


def test_the_supervisor_denies_with_a_note(pending, ticket, agent, supervisor):
    decided = decide(pending, actor=supervisor, approve=False, note="Offer a voucher instead.")

    assert decided.state == "denied"
    assert ticket.events.get(kind="approval.denied").data["note"] == "Offer a voucher instead."
    assert Notification.objects.get().subject == (
        f"Denied: refund of 150.00 EUR on ticket #{ticket.pk}"
    )


def test_a_denial_needs_a_note(pending, supervisor):
    with pytest.raises(ValidationFailed) as refused:
        decide(pending, actor=supervisor, approve=False, note=" ")

    assert refused.value.field == "note"
    pending.refresh_from_db()
    assert pending.state == "pending"


def test_a_second_decision_conflicts(pending, ticket, supervisor, admin_user):
    decide(pending, actor=supervisor, approve=True)

    with pytest.raises(Conflict) as refused:
        decide(pending, actor=admin_user, approve=False, note="No.")

    assert refused.value.message == "This request is approved already."
    pending.refresh_from_db()
    assert (pending.state, pending.decided_by) == ("approved", supervisor)
    assert ticket.events.filter(kind__in=["approval.approved", "approval.denied"]).count() == 1


def test_an_agent_cannot_decide(pending, ticket, supervisor):
    colleague = type(supervisor).objects.create_user(
        "al@example.com", name="Al Colleague", role="agent"
    )
    colleague.teams.set([ticket.team])

    with pytest.raises(PermissionDenied):
        decide(pending, actor=colleague, approve=True)

    pending.refresh_from_db()
    assert pending.state == "pending"


def test_nobody_decides_their_own_request(
    limits, ticket, supervisor, second_supervisor, admin_user
):
    request = propose_action(
        ticket,
        actor=supervisor,
        action="refund",
        amount=Decimal("900.00"),
        currency="EUR",
        reason="Whole order",
    ).request

    for refused_user in (supervisor, second_supervisor):
        with pytest.raises(PermissionDenied):
            decide(request, actor=refused_user, approve=True)
    decided = decide(request, actor=admin_user, approve=True)

    assert (decided.state, decided.decided_by) == ("approved", admin_user)


def test_the_requester_cancels_and_nobody_decides_afterwards(pending, ticket, agent, supervisor):
    cancelled = cancel(pending, actor=agent)

    with pytest.raises(Conflict):
        decide(pending, actor=supervisor, approve=True)
    assert (cancelled.state, cancelled.decided_by) == ("cancelled", agent)
    assert ticket.events.get(kind="approval.cancelled").data == {
        "approval_id": pending.pk,
        "action": "refund",
        "amount": "150.00",
        "currency": "EUR",
    }


def test_only_the_requester_cancels(pending, supervisor):
    with pytest.raises(PermissionDenied):
        cancel(pending, actor=supervisor)

    pending.refresh_from_db()
    assert pending.state == "pending"
