"""The supervisor's page: breaches, warnings and pending approvals across the teams they see."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from caredesk.accounts import policy
from caredesk.accounts.ui.access import current_user, supervisor_only
from caredesk.accounts.ui.zones import local_text, zone_of
from caredesk.automation.approvals.money import money_text
from caredesk.automation.approvals.selectors import approval_queue_of
from caredesk.automation.choices import ApprovalState
from caredesk.automation.models import ApprovalRequest
from caredesk.core import clock
from caredesk.core.ui.htmx import HtmxHttpRequest
from caredesk.sla.ui.supervision import clock_lists

# Each list shows this many rows; the counts on top say how many there are in all.
ROW_LIMIT = 50


@dataclass(frozen=True)
class ApprovalLine:
    request: ApprovalRequest
    amount: str
    asked: str
    can_decide: bool


@require_GET
@supervisor_only
def supervisor_page(request: HtmxHttpRequest) -> HttpResponse:
    user = current_user(request)
    now, zone = clock.now(), zone_of(user)
    pending = approval_queue_of(user, state=ApprovalState.PENDING).select_related("ticket__team")
    approvals = [
        ApprovalLine(
            request=each,
            amount=money_text(each.amount, each.currency),
            asked=local_text(each.created_at, zone),
            can_decide=policy.can_decide_approval(user, each),
        )
        for each in pending[:ROW_LIMIT]
    ]
    clocks = clock_lists(user, now=now, zone=zone, limit=ROW_LIMIT)
    context = {
        **clocks,
        "counts": {**clocks["clock_counts"], "approvals": pending.count()},
        "approvals": approvals,
        "row_limit": ROW_LIMIT,
    }
    return render(request, "web/supervisor/page.html", context)
