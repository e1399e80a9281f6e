from decimal import Decimal

import pytest

from caredesk.accounts.models import Notification
from caredesk.automation.approvals.services.requests import decide, propose_action
from caredesk.automation.models import ApprovalRequest


def proposal_body(**changes):
    return {"action": "refund", "amount": "150.00", "currency": "EUR", "reason": "Lost", **changes}


def ask(ticket, user, amount="150.00"):
    return propose_action(
        ticket, actor=user, action="refund", amount=Decimal(amount), currency="EUR", reason="Lost"
    ).request


def test_within_authority_answers_200_and_writes_no_request(as_user, limits, ticket, agent):
    response = as_user(
        agent, "post", f"/api/v1/tickets/{ticket.pk}/approvals", proposal_body(amount=80)
    )

    assert response.status_code == 200
    assert response.json() == {
        "outcome": "within_authority",
        "action": "refund",
        "amount": "80.00",
        "currency": "EUR",
        "authority_limit": "100.00",
        "approval": None,
    }
    assert not ApprovalRequest.objects.exists()


def test_above_authority_answers_201_with_the_request(as_user, limits, ticket, agent, supervisor):
    response = as_user(agent, "post", f"/api/v1/tickets/{ticket.pk}/approvals", proposal_body())

    assert response.status_code == 201
    body = response.json()
    request = ApprovalRequest.objects.get()
    assert body["outcome"] == "approval_requested"
    assert body["approval"] == {
        "id": request.pk,
        "ticket_id": ticket.pk,
        "action": "refund",
        "amount": "150.00",
        "currency": "EUR",
        "reason": "Lost",
        "authority_limit": "100.00",
        "approver_role": "supervisor",
        "state": "pending",
        "requested_by": {"id": agent.pk, "name": "Ana Agent"},
        "decided_by": None,
        "decided_at": None,
        "decision_note": "",
        "created_at": body["approval"]["created_at"],
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": -5}, "amount"),
        ({"amount": 0}, "amount"),
        ({"amount": "0.00"}, "amount"),
        ({"amount": 12.345}, "amount"),
        ({"amount": "12.345"}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"amount": 1e20}, "amount"),
        ({"amount": "lots"}, "amount"),
        ({"action": "bribe"}, "action"),
        ({"currency": "eur"}, "currency"),
        ({"reason": ""}, "reason"),
        ({"reason": "x" * 5001}, "reason"),
        ({"approve_myself": True}, "approve_myself"),
    ],
)
def test_bad_proposals_are_refused_naming_the_field(
    as_user, limits, ticket, agent, supervisor, changes, field
):
    response = as_user(
        agent, "post", f"/api/v1/tickets/{ticket.pk}/approvals", proposal_body(**changes)
    )

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not ApprovalRequest.objects.exists()
    assert not ticket.events.filter(kind__startswith="approval.").exists()
    assert not Notification.objects.exists()


def test_a_proposal_without_an_amount_is_refused(as_user, limits, ticket, agent):
    body = proposal_body()
    del body["amount"]

    response = as_user(agent, "post", f"/api/v1/tickets/{ticket.pk}/approvals", body)

    assert response.status_code == 422
    assert response.json()["field"] == "amount"


def test_an_invisible_ticket_is_not_found(as_user, limits, other_ticket, agent):
    response = as_user(
        agent, "post", f"/api/v1/tickets/{other_ticket.pk}/approvals", proposal_body()
    )
    huge = as_user(agent, "post", f"/api/v1/tickets/{2**70}/approvals", proposal_body())

    assert response.status_code == 404
    assert huge.status_code == 404
    assert not ApprovalRequest.objects.exists()


def test_customers_get_not_found_everywhere(
    as_user, limits, ticket, agent, supervisor, customer_user
):
    request = ask(ticket, agent)
    calls = [
        ("post", f"/api/v1/tickets/{ticket.pk}/approvals", proposal_body()),
        ("get", f"/api/v1/tickets/{ticket.pk}/approvals", None),
        ("get", "/api/v1/approvals?state=pending", None),
        ("get", f"/api/v1/approvals/{request.pk}", None),
        ("post", f"/api/v1/approvals/{request.pk}/decision", {"approve": True}),
        ("post", f"/api/v1/approvals/{request.pk}/cancellation", None),
        ("get", "/api/v1/authority-limits", None),
        ("put", "/api/v1/authority-limits", {"limits": []}),
    ]

    statuses = [
        as_user(customer_user, method, path, body).status_code for method, path, body in calls
    ]

    assert statuses == [404] * len(calls)
    request.refresh_from_db()
    assert request.state == "pending"
    assert ApprovalRequest.objects.count() == 1
    assert ticket.events.filter(kind__startswith="approval.").count() == 1


def test_a_tickets_requests_are_listed_newest_first(as_user, limits, ticket, agent, supervisor):
    first = ask(ticket, agent, "150.00")
    second = ask(ticket, agent, "250.00")

    response = as_user(supervisor, "get", f"/api/v1/tickets/{ticket.pk}/approvals")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [second.pk, first.pk]


def test_the_supervisors_queue_holds_their_teams_pending_requests(
    as_user,
    limits,
    ticket,
    other_ticket,
    agent,
    other_agent,
    supervisor,
    other_supervisor,
    admin_user,
    django_assert_num_queries,
):
    ours = [ask(ticket, agent, amount) for amount in ("150.00", "160.00", "170.00")]
    theirs = ask(other_ticket, other_agent)
    approved = decide(ask(ticket, agent, "180.00"), actor=supervisor, approve=True)
    as_user(supervisor, "get", "/api/v1/approvals")  # issues the token outside the count

    # The token, the supervisor's teams, the page: whatever the number of rows.
    with django_assert_num_queries(3):
        supervisors = as_user(supervisor, "get", "/api/v1/approvals?state=pending")
    admins = as_user(admin_user, "get", "/api/v1/approvals")
    billing = as_user(other_supervisor, "get", "/api/v1/approvals")
    agents = as_user(agent, "get", "/api/v1/approvals?state=approved")

    assert [item["id"] for item in supervisors.json()["items"]] == [r.pk for r in reversed(ours)]
    assert [item["id"] for item in admins.json()["items"]] == [
        theirs.pk,
        *[r.pk for r in reversed(ours)],
    ]
    assert [item["id"] for item in billing.json()["items"]] == [theirs.pk]
    assert [item["id"] for item in agents.json()["items"]] == [approved.pk]


def test_the_queue_pages_with_a_cursor(as_user, limits, ticket, agent, supervisor):
    requests = [ask(ticket, agent, amount) for amount in ("150.00", "160.00", "170.00")]

    first = as_user(supervisor, "get", "/api/v1/approvals?limit=2").json()
    second = as_user(supervisor, "get", f"/api/v1/approvals?limit=2&cursor={first['next']}").json()

    assert [item["id"] for item in first["items"]] == [requests[2].pk, requests[1].pk]
    assert [item["id"] for item in second["items"]] == [requests[0].pk]
    assert second["next"] is None


def test_an_unknown_queue_state_is_refused(as_user, supervisor):
    response = as_user(supervisor, "get", "/api/v1/approvals?state=maybe")

    assert response.status_code == 422
    assert response.json()["field"] == "state"
