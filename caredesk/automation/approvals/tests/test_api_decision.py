from decimal import Decimal

import pytest

from caredesk.accounts.models import Notification
from caredesk.automation.approvals.services.requests import propose_action
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.update import TicketChanges, update_ticket


@pytest.fixture
def pending(limits, ticket, agent, supervisor):
    """Ana's 150 EUR refund, above her 100 EUR limit, waiting for Sam; nobody told yet."""
    request = propose_action(
        ticket,
        actor=agent,
        action="refund",
        amount=Decimal("150.00"),
        currency="EUR",
        reason="Lost",
    ).request
    Notification.objects.all().delete()
    return request


def decision_path(request):
    return f"/api/v1/approvals/{request.pk}/decision"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin_user", 200),
        ("supervisor", 200),
        ("second_supervisor", 200),
        ("agent", 403),  # the requester, and an agent besides
        ("colleague", 403),  # an agent of the same team: sees the ticket, may not decide
        ("other_supervisor", 404),  # Billing's supervisor does not see a Support ticket
        ("other_agent", 404),
        ("customer_user", 404),
    ],
)
def test_who_may_decide_an_agents_request(
    request, as_user, pending, ticket, agent, team, who, status
):
    if who == "colleague":
        user = type(agent).objects.create_user("al@example.com", name="Al Colleague", role="agent")
        user.teams.set([team])
    else:
        user = request.getfixturevalue(who)

    response = as_user(user, "post", decision_path(pending), {"approve": True, "note": "ok"})

    assert response.status_code == status
    pending.refresh_from_db()
    decided_events = ticket.events.filter(kind="approval.approved").count()
    if status == 200:
        assert (response.json()["state"], response.json()["decided_by"]["id"]) == (
            "approved",
            user.pk,
        )
        assert (pending.state, pending.decided_by_id, decided_events) == ("approved", user.pk, 1)
        assert list(Notification.objects.values_list("user", flat=True)) == [agent.pk]
    else:
        assert (pending.state, pending.decided_by_id, decided_events) == ("pending", None, 0)
        assert not Notification.objects.exists()


def test_a_supervisor_assigned_a_ticket_of_another_team_sees_but_may_not_decide(
    as_user, limits, other_ticket, other_agent, supervisor, other_supervisor
):
    """The ticket is visible to Sam through the assignment, but it is Billing's to approve."""
    request = propose_action(
        other_ticket,
        actor=other_agent,
        action="refund",
        amount=Decimal("150.00"),
        currency="EUR",
        reason="Lost",
    ).request
    update_ticket(other_ticket, actor=Actor.system(), changes=TicketChanges(assignee=supervisor))

    seen = as_user(supervisor, "get", f"/api/v1/approvals/{request.pk}")
    decided = as_user(supervisor, "post", decision_path(request), {"approve": True})

    assert seen.status_code == 200
    assert decided.status_code == 403
    request.refresh_from_db()
    assert request.state == "pending"


def test_a_second_decision_answers_409(as_user, pending, ticket, supervisor, admin_user):
    first = as_user(supervisor, "post", decision_path(pending), {"approve": True})

    second = as_user(admin_user, "post", decision_path(pending), {"approve": False, "note": "No"})

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json() == {"detail": "This request is approved already.", "field": "state"}
    assert ticket.events.filter(kind__in=["approval.approved", "approval.denied"]).count() == 1


def test_a_denial_is_recorded_with_its_note(as_user, pending, ticket, agent, supervisor):
    response = as_user(
        supervisor, "post", decision_path(pending), {"approve": False, "note": "Offer a voucher."}
    )

    assert response.status_code == 200
    assert response.json()["decision_note"] == "Offer a voucher."
    assert ticket.events.get(kind="approval.denied").data == {
        "approval_id": pending.pk,
        "action": "refund",
        "amount": "150.00",
        "currency": "EUR",
        "requested_by": "Ana Agent",
        "note": "Offer a voucher.",
    }
    assert Notification.objects.get(user=agent).subject == (
        f"Denied: refund of 150.00 EUR on ticket #{ticket.pk}"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"approve": False}, "note"),
        ({"approve": "perhaps"}, "approve"),
        ({"note": "ok"}, "approve"),
        ({"approve": True, "note": "x" * 5001}, "note"),
        ({"approve": True, "amount": "999.00"}, "amount"),
    ],
)
def test_bad_decisions_are_refused_naming_the_field(
    as_user, pending, ticket, supervisor, body, field
):
    response = as_user(supervisor, "post", decision_path(pending), body)

    assert response.status_code == 422
    assert response.json()["field"] == field
    pending.refresh_from_db()
    assert pending.state == "pending"
    assert not ticket.events.filter(kind__in=["approval.approved", "approval.denied"]).exists()
    assert not Notification.objects.exists()


def test_the_requester_cancels_through_the_api(as_user, pending, ticket, agent, supervisor):
    refused = as_user(supervisor, "post", f"/api/v1/approvals/{pending.pk}/cancellation")

    cancelled = as_user(agent, "post", f"/api/v1/approvals/{pending.pk}/cancellation")

    assert refused.status_code == 403
    assert cancelled.status_code == 200
    assert cancelled.json()["state"] == "cancelled"
    assert ticket.events.filter(kind="approval.cancelled").count() == 1


def test_unknown_and_huge_request_ids_are_not_found(as_user, supervisor):
    missing = as_user(supervisor, "post", "/api/v1/approvals/999/decision", {"approve": True})
    huge = as_user(supervisor, "post", f"/api/v1/approvals/{2**70}/decision", {"approve": True})

    assert (missing.status_code, huge.status_code) == (404, 404)
