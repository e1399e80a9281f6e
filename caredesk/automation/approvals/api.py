"""Authority limits and approvals API: parse, ask the selectors, call a service, serialise.

Customers get "not found" from every endpoint here: approvals are the team's business.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from caredesk.accounts import policy
from caredesk.accounts.api_auth import api_caller
from caredesk.automation.approvals import selectors
from caredesk.automation.approvals.schemas import (
    ApprovalOut,
    ApprovalPageOut,
    ApprovalQueueQuery,
    AuthorityLimitOut,
    AuthorityLimitsIn,
    DecisionIn,
    ProposalIn,
    ProposalOut,
)
from caredesk.automation.approvals.services.authority import LimitSpec, replace_authority_limits
from caredesk.automation.approvals.services.requests import Proposal, cancel, decide, propose_action
from caredesk.core.errors import NotFound
from caredesk.core.pagination import MAX_DATABASE_ID, SortKey, paginate
from caredesk.tickets.models import Ticket
from caredesk.tickets.selectors import get_ticket_for

router = Router(tags=["approvals"])

NEWEST_FIRST = SortKey("created_at", descending=True, is_datetime=True)


def _staff(request: HttpRequest) -> Any:
    user = api_caller(request)
    if not policy.is_staff(user):
        raise NotFound("Not found.")
    return user


def _ticket(user: Any, ticket_id: int) -> Ticket:
    if not 1 <= ticket_id <= MAX_DATABASE_ID:
        raise NotFound("Ticket not found.")
    return get_ticket_for(user, ticket_id)


def _proposal_out(proposal: Proposal) -> dict[str, Any]:
    return {
        "outcome": "within_authority" if proposal.within_authority else "approval_requested",
        "action": proposal.action,
        "amount": proposal.amount,
        "currency": proposal.currency,
        "authority_limit": proposal.authority_limit,
        "approval": proposal.request,
    }


@router.post("/tickets/{ticket_id}/approvals", response={200: ProposalOut, 201: ProposalOut})
def propose(request: HttpRequest, ticket_id: int, payload: ProposalIn) -> Status:
    """Propose a refund, credit or goodwill gesture. 200 when it is within your authority and
    recorded; 201 when it is above it and an approval request was created."""
    user = _staff(request)
    proposal = propose_action(
        _ticket(user, ticket_id),
        actor=user,
        action=payload.action,
        amount=payload.amount,
        currency=payload.currency,
        reason=payload.reason,
    )
    return Status(200 if proposal.within_authority else 201, _proposal_out(proposal))


@router.get("/tickets/{ticket_id}/approvals", response=list[ApprovalOut])
def list_ticket_approvals(request: HttpRequest, ticket_id: int) -> list:
    user = _staff(request)
    return list(selectors.approvals_of(user, _ticket(user, ticket_id)))


@router.get("/approvals", response=ApprovalPageOut)
def approval_queue(request: HttpRequest, query: Query[ApprovalQueueQuery]) -> dict[str, Any]:
    """Admins see every request; supervisors their teams' tickets' and their own; agents their own."""
    user = _staff(request)
    page = paginate(
        selectors.approval_queue_of(user, state=query.state),
        key=NEWEST_FIRST,
        cursor=query.cursor,
        limit=query.limit,
    )
    return {"items": page.items, "next": page.next_cursor}


@router.get("/approvals/{approval_id}", response=ApprovalOut)
def get_approval(request: HttpRequest, approval_id: int) -> Any:
    return selectors.get_approval_for(_staff(request), approval_id)


@router.post("/approvals/{approval_id}/decision", response=ApprovalOut)
def post_decision(request: HttpRequest, approval_id: int, payload: DecisionIn) -> Any:
    user = _staff(request)
    approval = selectors.get_approval_for(user, approval_id)
    decide(approval, actor=user, approve=payload.approve, note=payload.note)
    return selectors.get_approval_for(user, approval_id)


@router.post("/approvals/{approval_id}/cancellation", response=ApprovalOut)
def post_cancellation(request: HttpRequest, approval_id: int) -> Any:
    user = _staff(request)
    cancel(selectors.get_approval_for(user, approval_id), actor=user)
    return selectors.get_approval_for(user, approval_id)


@router.get("/authority-limits", response=list[AuthorityLimitOut])
def list_authority_limits(request: HttpRequest) -> list:
    user = _staff(request)
    if not policy.can_read_authority_limits(user):
        raise NotFound("Not found.")
    return list(selectors.authority_limits())


@router.put("/authority-limits", response=list[AuthorityLimitOut])
def put_authority_limits(request: HttpRequest, payload: AuthorityLimitsIn) -> list:
    """Replace the whole table. A role and action left out needs approval for every amount."""
    user = _staff(request)
    specs = [
        LimitSpec(
            role=item.role,
            action=item.action,
            max_amount=item.max_amount,
            currency=item.currency,
        )
        for item in payload.limits
    ]
    return replace_authority_limits(specs, actor=user)
