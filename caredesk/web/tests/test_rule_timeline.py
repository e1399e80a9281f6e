"""Rule events as the timeline tells them."""

import pytest

from caredesk.automation.rules.services.config import RuleChanges, create_rule
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import TicketEvent
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.web.timeline import describe

pytestmark = pytest.mark.django_db


def test_the_timeline_names_the_rule_to_the_team_only(admin_user, ticket, agent):
    create_rule(
        actor=admin_user,
        changes=RuleChanges(
            name="Wait for them",
            events=["ticket_updated"],
            conditions={"all": [{"field": "ticket.tags", "operator": "contains", "value": "ask"}]},
            actions=[{"type": "set_status", "status": "pending"}],
        ),
    )
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(tags=["ask"]))
    fired = TicketEvent.objects.get(ticket=ticket, kind="rule.fired")
    status = TicketEvent.objects.get(ticket=ticket, kind="status.changed")

    assert describe(fired) == ("Rule: Wait for them fired (ticket updated): set status to pending")
    assert describe(status) == "Rule: Wait for them changed the status from New to Pending"
    assert describe(status, for_customer=True) == "Status: Waiting for your reply"
