"""The demo's service levels and approvals.

The default policies are installed before the history is played, so every demo ticket carries the
clocks, acknowledgements and timeline a real one would; at the end the time-based work is caught
up (warnings, breaches at their exact times, follow-ups), and a few refunds above an agent's
authority wait for the supervisor.
"""

from datetime import datetime
from decimal import Decimal

from caredesk.accounts.choices import Role
from caredesk.accounts.models import User
from caredesk.automation.approvals.services.authority import LimitSpec, replace_authority_limits
from caredesk.automation.approvals.services.requests import propose_action
from caredesk.automation.choices import ActionKind
from caredesk.core import clock
from caredesk.sla.services.defaults import install_default_policies
from caredesk.sla.services.due_work import DueWorkDone, run_due_work
from caredesk.tickets.choices import UNRESOLVED_STATUSES
from caredesk.tickets.models import Ticket

CURRENCY = "USD"
LIMITS = [
    LimitSpec(
        role=Role.AGENT, action=ActionKind.REFUND, max_amount=Decimal("50"), currency=CURRENCY
    ),
    LimitSpec(
        role=Role.AGENT, action=ActionKind.GOODWILL, max_amount=Decimal("25"), currency=CURRENCY
    ),
    LimitSpec(
        role=Role.SUPERVISOR, action=ActionKind.REFUND, max_amount=Decimal("500"), currency=CURRENCY
    ),
    LimitSpec(
        role=Role.SUPERVISOR, action=ActionKind.CREDIT, max_amount=Decimal("300"), currency=CURRENCY
    ),
]
REFUND_REQUESTS = [
    (Decimal("120.00"), "Double charge confirmed on the card statement; refund the second charge."),
    (
        Decimal("89.99"),
        "Parcel lost by the carrier; customer asks for the money back, not a resend.",
    ),
    (Decimal("35.00"), "Late delivery: partial refund of the express shipping fee."),
]


def install_service_levels(admin: User) -> None:
    install_default_policies()
    replace_authority_limits(LIMITS, actor=admin)


def catch_up_due_work(now: datetime) -> DueWorkDone:
    with clock.pinned(now):
        return run_due_work(now=now)


def propose_refunds(*, now: datetime) -> None:
    """Two refunds wait for the supervisor; a third, within the agent's limit, is just recorded."""
    tickets = (
        Ticket.objects.filter(
            category__slug="billing", status__in=UNRESOLVED_STATUSES, assignee__role=Role.AGENT
        )
        .select_related("assignee")
        .order_by("pk")[: len(REFUND_REQUESTS)]
    )
    with clock.pinned(now):
        for ticket, (amount, reason) in zip(tickets, REFUND_REQUESTS, strict=False):
            assert ticket.assignee is not None
            propose_action(
                ticket,
                actor=ticket.assignee,
                action=ActionKind.REFUND,
                amount=amount,
                currency=CURRENCY,
                reason=reason,
            )
