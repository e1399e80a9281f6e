"""Which rules run, in which order, and how often: the engine's guarantees."""

from datetime import UTC, datetime

from caredesk.automation.rules.services.config import RuleChanges, update_rule
from caredesk.automation.rules.tests.rule_fixtures import condition
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.models import Message, TicketEvent
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin


def _fired(ticket):
    return [
        event.data["rule"]
        for event in TicketEvent.objects.filter(ticket=ticket, kind="rule.fired").order_by("id")
    ]


def test_rules_run_in_order_and_see_what_earlier_rules_did(make_rule, ticket, agent):
    make_rule(
        "Raise",
        [{"type": "set_priority", "priority": "high"}],
        all=[condition("ticket.tags", "contains", "go")],
    )
    make_rule(
        "Tag high",
        [{"type": "add_tags", "tags": ["hot"]}],
        all=[condition("ticket.priority", "is", "high")],
    )

    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(tags=["go"]))

    assert _fired(ticket) == ["Raise", "Tag high"]
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["go", "hot"]


def test_disabled_rules_and_other_events_do_not_run(make_rule, ticket, agent, admin_user):
    rule = make_rule("Off", [{"type": "add_tags", "tags": ["x"]}])
    make_rule("On new only", [{"type": "add_tags", "tags": ["y"]}], events=["ticket_created"])
    update_rule(rule, actor=admin_user, changes=RuleChanges(is_enabled=False))

    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(priority=Priority.HIGH))

    assert _fired(ticket) == []


def test_two_rules_that_undo_each_other_fire_once_each(make_rule, ticket, agent):
    make_rule(
        "Ping",
        [{"type": "set_priority", "priority": "normal"}],
        all=[condition("ticket.priority", "is", "high")],
    )
    make_rule(
        "Pong",
        [{"type": "set_priority", "priority": "high"}],
        all=[condition("ticket.priority", "is", "normal")],
    )

    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(priority=Priority.HIGH))

    ticket.refresh_from_db()
    assert _fired(ticket) == ["Ping", "Pong"]
    assert ticket.priority == Priority.HIGH


def test_a_rule_that_retriggers_itself_stops(make_rule, ticket, customer):
    make_rule(
        "Echo",
        [{"type": "send_reply", "body": "We got your message."}],
        events=["message_received"],
    )

    add_message(ticket, actor=Actor.of_customer(customer), body="Hello?")

    assert _fired(ticket) == ["Echo"]
    assert Message.objects.filter(ticket=ticket, author_kind="system").count() == 1


def test_a_rule_fires_once_for_an_update_that_publishes_two_events(make_rule, ticket, agent):
    make_rule("Any change", [{"type": "add_note", "body": "Seen."}])

    update_ticket(
        ticket,
        actor=Actor.of_user(agent),
        changes=TicketChanges(status="open", priority=Priority.HIGH),
    )

    assert _fired(ticket) == ["Any change"]


def test_each_update_is_a_new_chance(make_rule, ticket, agent):
    make_rule(
        "Any change",
        [{"type": "add_note", "body": "Seen."}],
        all=[condition("ticket.priority", "changed")],
    )

    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(priority=Priority.HIGH))
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="open"))
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(priority=Priority.LOW))

    assert _fired(ticket) == ["Any change", "Any change"]


def test_a_rule_on_a_new_ticket_moves_its_clocks_to_the_policy_it_selects(
    make_rule, customer, team, standard_policy, urgent_policy
):
    make_rule(
        "VIP is urgent",
        [{"type": "set_priority", "priority": "urgent"}],
        events=["ticket_created"],
        all=[condition("customer.vip", "is", True)],
    )
    customer.is_vip = True
    customer.save()

    with clock.pinned(MONDAY_10):
        ticket = make_ticket(customer, team=team)

    applied = TicketEvent.objects.get(ticket=ticket, kind="sla.applied")
    changed = TicketEvent.objects.get(ticket=ticket, kind="sla.policy_changed")
    assert (applied.data["policy"], changed.data["from"], changed.data["to"]) == (
        "Standard",
        "Standard",
        "Urgent",
    )
    assert _fired(ticket) == ["VIP is urgent"]
