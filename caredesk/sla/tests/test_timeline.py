"""SLA and approval events told as sentences, times in the reader's zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from caredesk.core.screens import screens
from caredesk.tickets.models import TicketEvent

BERLIN = ZoneInfo("Europe/Berlin")
AT_TEN_UTC = datetime(2026, 11, 23, 10, tzinfo=UTC)


def event(kind, data, actor="caredesk"):
    return TicketEvent(kind=kind, data=data, actor_name=actor, created_at=AT_TEN_UTC)


@pytest.mark.parametrize(
    ("kind", "data", "sentence"),
    [
        pytest.param(
            "sla.applied",
            {"policy": "Standard", "due": {"first_response": "2026-11-23T10:00:00+00:00"}},
            "SLA policy Standard applied: first response due 11:00",
            id="applied",
        ),
        pytest.param(
            "sla.started",
            {
                "target": "next_response",
                "policy": "Standard",
                "due_at": "2026-11-24T08:00:00+00:00",
            },
            "Next response target started (policy Standard), due Tue 24 Nov 09:00",
            id="started-another-day",
        ),
        pytest.param(
            "sla.breached",
            {"target": "first_response", "policy": "Standard", "at": "2026-11-23T10:00:00+00:00"},
            "First response target breached at 11:00 (policy Standard)",
            id="breached",
        ),
        pytest.param(
            "sla.met",
            {
                "target": "resolution",
                "policy": "Urgent",
                "used_seconds": 4500,
                "target_seconds": 14400,
            },
            "Resolution target met (policy Urgent; 1h 15m of 4h used)",
            id="met",
        ),
        pytest.param(
            "sla.policy_changed",
            {
                "from": "Standard",
                "to": "Urgent",
                "due": {"resolution": "2026-11-23T12:00:00+00:00"},
            },
            "SLA policy changed from Standard to Urgent: resolution due 13:00",
            id="policy-changed",
        ),
        pytest.param(
            "sla.escalated",
            {
                "rule": "Breach level 2",
                "trigger": "breach",
                "target": "first_response",
                "actions": ["priority raised to high"],
                "notified": ["Sam"],
            },
            "Escalation 'Breach level 2': priority raised to high; notified Sam",
            id="escalated",
        ),
        pytest.param(
            "sla.escalated",
            {"rule": "Warn", "actions": [], "notified": []},
            "Escalation 'Warn': no action needed",
            id="escalated-without-actions",
        ),
    ],
)
def test_sla_events_read_as_sentences(kind, data, sentence):
    assert screens.tell(event(kind, data), zone=BERLIN) == sentence


MONEY = {"action": "refund", "amount": "150.00", "currency": "EUR"}


@pytest.mark.parametrize(
    ("kind", "data", "actor", "sentence"),
    [
        pytest.param(
            "approval.within_authority",
            {**MONEY, "amount": "30.00", "authority_limit": "100.00", "reason": "Broken"},
            "Ana Agent",
            "Ana Agent gave a refund of 30.00 EUR within their authority (limit 100.00 EUR): Broken",
            id="within-authority",
        ),
        pytest.param(
            "approval.requested",
            {**MONEY, "authority_limit": None, "reason": "Lost", "notified": ["Sam Supervisor"]},
            "Ana Agent",
            "Ana Agent asked for approval of a refund of 150.00 EUR (no limit set); "
            "notified Sam Supervisor: Lost",
            id="requested",
        ),
        pytest.param(
            "approval.denied",
            {**MONEY, "requested_by": "Ana Agent", "note": "Offer a voucher."},
            "Sam Supervisor",
            "Sam Supervisor denied Ana Agent's refund of 150.00 EUR: Offer a voucher.",
            id="denied",
        ),
        pytest.param(
            "approval.cancelled",
            {**MONEY, "action": "goodwill"},
            "Ana Agent",
            "Ana Agent withdrew the request for a goodwill gesture of 150.00 EUR",
            id="cancelled",
        ),
    ],
)
def test_approval_events_read_as_sentences(kind, data, actor, sentence):
    assert screens.tell(event(kind, data, actor)) == sentence
