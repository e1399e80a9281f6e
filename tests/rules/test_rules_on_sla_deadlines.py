"""Rules listening to SLA warnings and breaches: two apps that may not import each other, wired
in caredesk/subscriptions.py, so the test lives here."""

from datetime import UTC, datetime, timedelta

from caredesk.automation.rules.tests.rule_fixtures import condition
from caredesk.core import clock
from caredesk.sla.services.sweep import sweep_due_clocks
from caredesk.tickets.models import TicketEvent
from caredesk.tickets.tests.factories import make_ticket

MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin


def _fired(ticket):
    return [
        event.data["rule"]
        for event in TicketEvent.objects.filter(ticket=ticket, kind="rule.fired").order_by("id")
    ]


def test_sla_breach_runs_the_rules_listening_to_it(make_rule, customer, team, standard_policy):
    make_rule(
        "Breach",
        [{"type": "add_tags", "tags": ["late"]}],
        events=["sla_breach"],
        all=[condition("sla.target", "is", "first_response")],
    )
    make_rule("Warn", [{"type": "add_tags", "tags": ["soon"]}], events=["sla_warning"])
    with clock.pinned(MONDAY_10):
        ticket = make_ticket(customer, team=team)

    with clock.pinned(MONDAY_10 + timedelta(hours=1, minutes=45)):
        sweep_due_clocks()
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["soon"]
    with clock.pinned(MONDAY_10 + timedelta(hours=2, minutes=1)):
        sweep_due_clocks()

    assert sorted(ticket.tags.values_list("name", flat=True)) == ["late", "soon"]
    assert _fired(ticket) == ["Warn", "Breach"]
