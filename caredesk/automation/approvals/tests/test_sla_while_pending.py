"""An approval request is the team's internal business: the customer is still waiting."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from caredesk.automation.approvals.services.requests import decide, propose_action
from caredesk.core import clock
from caredesk.tickets.tests.factories import make_ticket

MONDAY_9 = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Europe/Berlin"))


def clock_states(ticket):
    return dict(ticket.sla_clocks.values_list("target", "state"))


def test_the_sla_keeps_running_while_an_approval_is_pending(
    standard_policy, limits, customer, team, agent, supervisor
):
    with clock.pinned(MONDAY_9):
        ticket = make_ticket(customer, team=team)
    running = clock_states(ticket)

    with clock.pinned(MONDAY_9 + timedelta(minutes=30)):
        request = propose_action(
            ticket,
            actor=agent,
            action="refund",
            amount=Decimal("150.00"),
            currency="EUR",
            reason="Lost",
        ).request
    pending = clock_states(ticket)
    with clock.pinned(MONDAY_9 + timedelta(hours=1)):
        decide(request, actor=supervisor, approve=True)
    decided = clock_states(ticket)

    assert running == {"first_response": "running", "resolution": "running"}
    assert pending == running
    assert decided == running
    # Never paused and resumed: each clock has run without a break since the ticket opened.
    assert set(ticket.sla_clocks.values_list("running_since", "consumed_seconds")) == {
        (MONDAY_9, 0.0)
    }
