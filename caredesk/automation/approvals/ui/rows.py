"""The approval requests of a ticket as its page lists them, with what the viewer may do."""

from dataclasses import dataclass
from typing import Any

from caredesk.accounts import policy
from caredesk.accounts.models import User
from caredesk.automation.approvals import selectors as approval_selectors
from caredesk.automation.approvals.money import money_text
from caredesk.automation.approvals.services.requests import Proposal
from caredesk.automation.approvals.ui.forms import DecisionForm, ProposalForm
from caredesk.automation.choices import ActionKind, ApprovalState
from caredesk.automation.models import ApprovalRequest
from caredesk.tickets.models import Ticket


@dataclass(frozen=True)
class ApprovalRow:
    request: ApprovalRequest
    amount: str
    can_decide: bool
    can_cancel: bool
    form: DecisionForm


def decision_form(request: ApprovalRequest, data: Any = None) -> DecisionForm:
    return DecisionForm(data, prefix=f"approval-{request.pk}")


def outcome_text(proposal: Proposal) -> str:
    what = f"{ActionKind(proposal.action).label.lower()} of " + money_text(
        proposal.amount, proposal.currency
    )
    if proposal.within_authority:
        assert proposal.authority_limit is not None
        limit = money_text(proposal.authority_limit, proposal.currency)
        return f"Within your authority (up to {limit}): the {what} is recorded. Go ahead."
    notified = (proposal.event.data or {}).get("notified") or []
    who = ", ".join(notified) if notified else "the approvers"
    return f"Sent for approval: the {what} is above your authority. {who} will decide."


def approvals_context(
    user: User,
    ticket: Ticket,
    *,
    proposal_form: ProposalForm | None = None,
    outcome: str = "",
    failed: DecisionForm | None = None,
    failed_id: int | None = None,
) -> dict[str, Any]:
    rows = []
    for request in approval_selectors.approvals_of(user, ticket):
        is_pending = request.state == ApprovalState.PENDING
        form = failed if failed is not None and failed_id == request.pk else None
        rows.append(
            ApprovalRow(
                request=request,
                amount=money_text(request.amount, request.currency),
                can_decide=is_pending and policy.can_decide_approval(user, request),
                can_cancel=is_pending and policy.can_cancel_approval(user, request),
                form=form or decision_form(request),
            )
        )
    return {
        "ticket": ticket,
        "approvals": rows,
        "proposal_form": proposal_form or ProposalForm(),
        "proposal_outcome": outcome,
    }
