"""The supervisor's page: breaches, warnings and pending approvals across the teams they see."""

from dataclasses import dataclass
from datetime import datetime, tzinfo

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from caredesk.accounts.ui.access import current_user, supervisor_only
from caredesk.automation import approval_policy
from caredesk.automation.choices import ApprovalState
from caredesk.automation.models import ApprovalRequest
from caredesk.automation.money import money_text
from caredesk.automation.selectors import approval_queue_of
from caredesk.core import clock
from caredesk.core.ui.htmx import HtmxHttpRequest
from caredesk.sla import selectors as sla_selectors
from caredesk.sla.choices import SlaTarget
from caredesk.sla.models import TicketClock
from caredesk.tickets.models import Ticket
from caredesk.web.sla_display import Badge, clock_badge, local_text, zone_of

# Each list shows this many rows; the counts on top say how many there are in all.
ROW_LIMIT = 50


@dataclass(frozen=True)
class ClockRow:
    ticket: Ticket
    target: str
    policy: str
    due: str
    stopped: str
    badge: Badge


@dataclass(frozen=True)
class ApprovalLine:
    request: ApprovalRequest
    amount: str
    asked: str
    can_decide: bool


def _rows(clocks: QuerySet[TicketClock], *, now: datetime, zone: tzinfo) -> list[ClockRow]:
    return [
        ClockRow(
            ticket=each.ticket,
            target=SlaTarget(each.target).label,
            policy=each.policy.name,
            due=local_text(each.due_at, zone),
            stopped=local_text(each.stopped_at, zone),
            badge=clock_badge(each, now=now, zone=zone),
        )
        for each in clocks[:ROW_LIMIT]
    ]


@require_GET
@supervisor_only
def supervisor_page(request: HtmxHttpRequest) -> HttpResponse:
    user = current_user(request)
    now, zone = clock.now(), zone_of(user)
    overdue = sla_selectors.overdue_clocks(user, now=now)
    missed = sla_selectors.recently_missed_clocks(user, now=now)
    warnings = sla_selectors.warning_clocks(user, now=now)
    pending = approval_queue_of(user, state=ApprovalState.PENDING).select_related("ticket__team")
    approvals = [
        ApprovalLine(
            request=each,
            amount=money_text(each.amount, each.currency),
            asked=local_text(each.created_at, zone),
            can_decide=approval_policy.can_decide_approval(user, each),
        )
        for each in pending[:ROW_LIMIT]
    ]
    context = {
        "counts": {
            "overdue": overdue.count(),
            "missed": missed.count(),
            "warnings": warnings.count(),
            "approvals": pending.count(),
        },
        "overdue": _rows(overdue, now=now, zone=zone),
        "missed": _rows(missed, now=now, zone=zone),
        "warnings": _rows(warnings, now=now, zone=zone),
        "approvals": approvals,
        "recent_days": sla_selectors.RECENT_MISSES.days,
        "row_limit": ROW_LIMIT,
    }
    return render(request, "web/supervisor/page.html", context)
