"""Each action of a rule, taken through the ticket services: on the timeline with the rule's name."""

import pytest

from caredesk.accounts.models import Notification
from caredesk.automation.rules.tests.rule_fixtures import condition
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority
from caredesk.tickets.models import Category, Message, TicketEvent
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket

TAGGED_URGENT = [condition("ticket.tags", "contains", "go")]


def _trigger(ticket, agent):
    """An agent's update the rules listen to."""
    return update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(tags=["go"]))


def _rule_events(ticket, name):
    return [
        (event.kind, event.data.get("field"), event.data.get("to"))
        for event in TicketEvent.objects.filter(ticket=ticket, data__rule=name).order_by("id")
    ]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ({"type": "set_status", "status": "pending"}, ("status.changed", "status", "pending")),
        ({"type": "set_priority", "priority": "urgent"}, ("field.changed", "priority", "urgent")),
        ({"type": "set_team", "team": "billing"}, ("field.changed", "team", None)),
        ({"type": "set_category", "category": "billing"}, ("field.changed", "category", "billing")),
        ({"type": "add_tags", "tags": ["VIP"]}, ("field.changed", "tags", ["go", "vip"])),
        ({"type": "remove_tags", "tags": ["go"]}, ("field.changed", "tags", [])),
    ],
)
def test_field_actions_land_on_the_timeline_with_the_rule_name(
    make_rule, ticket, agent, other_team, action, expected
):
    Category.objects.get_or_create(slug="billing", defaults={"name": "Billing"})
    make_rule("Escalate", [action], all=TAGGED_URGENT)

    _trigger(ticket, agent)

    events = _rule_events(ticket, "Escalate")
    assert events[0] == ("rule.fired", None, None)
    kind, field, to = events[1]
    assert (kind, field) == expected[:2]
    if field == "team":
        assert to == {"id": other_team.pk, "name": "Billing"}
    else:
        assert to == expected[2]
    fired = TicketEvent.objects.get(ticket=ticket, kind="rule.fired")
    assert fired.actor_kind == "system"
    assert fired.actor_name == "Rule: Escalate"
    assert fired.data["event"] == "ticket_updated"


def test_assign_and_unassign(make_rule, ticket, agent, supervisor):
    make_rule(
        "Give to Sam", [{"type": "assign", "agent": "SUPERVISOR@example.com"}], all=TAGGED_URGENT
    )

    _trigger(ticket, agent)

    ticket.refresh_from_db()
    assert ticket.assignee == supervisor
    assert _rule_events(ticket, "Give to Sam")[1] == (
        "field.changed",
        "assignee",
        {"id": supervisor.pk, "name": "Sam Supervisor"},
    )


def test_unassign(make_rule, ticket, agent):
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(assignee=agent))
    make_rule("Drop", [{"type": "assign", "agent": None}], all=TAGGED_URGENT)

    _trigger(ticket, agent)

    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_note_and_templated_reply(make_rule, ticket, agent, customer):
    make_rule(
        "Answer",
        [
            {"type": "add_note", "body": "Checked by the rule."},
            {
                "type": "send_reply",
                "body": "Hello {{customer.preferred_name}}, ticket {{ticket.number}}.",
            },
        ],
        all=TAGGED_URGENT,
    )

    _trigger(ticket, agent)

    note, reply = Message.objects.filter(ticket=ticket, author_kind="system").order_by("id")
    assert (note.is_public, note.body_text) == (False, "Checked by the rule.")
    assert reply.is_public is True
    assert reply.body_text == f"Hello {customer.greeting_name}, ticket {ticket.pk}."
    assert [kind for kind, _, _ in _rule_events(ticket, "Answer")] == [
        "rule.fired",
        "note.added",
        "message.added",
    ]


def test_notify_agents_team_and_assignee(make_rule, ticket, agent, supervisor, other_agent):
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(assignee=agent))
    make_rule(
        "Tell",
        [
            {
                "type": "notify",
                "subject": "Ticket {{ticket.number}} needs you",
                "agents": ["otto@example.com"],
                "teams": ["support"],
                "assignee": True,
            }
        ],
        all=TAGGED_URGENT,
    )

    _trigger(ticket, agent)

    notes = Notification.objects.order_by("user__email")
    assert [(n.user.email, n.subject) for n in notes] == [
        ("agent@example.com", f"Ticket {ticket.pk} needs you"),
        ("otto@example.com", f"Ticket {ticket.pk} needs you"),
        ("supervisor@example.com", f"Ticket {ticket.pk} needs you"),
    ]
    fired = TicketEvent.objects.get(ticket=ticket, kind="rule.fired")
    assert fired.data["actions"] == ["notified Ana Agent, Otto Other, Sam Supervisor"]


def test_a_failing_rule_is_skipped_and_the_change_stays(make_rule, ticket, agent):
    # new -> closed is not a transition the ticket can make.
    make_rule("Bad", [{"type": "set_status", "status": "closed"}], all=TAGGED_URGENT)
    make_rule("Good", [{"type": "set_priority", "priority": "high"}], all=TAGGED_URGENT)

    _trigger(ticket, agent)

    ticket.refresh_from_db()
    assert ticket.status == "new"
    assert ticket.priority == Priority.HIGH
    assert list(ticket.tags.values_list("name", flat=True)) == ["go"]
    assert _rule_events(ticket, "Bad") == [("rule.failed", None, None)]
    failed = TicketEvent.objects.get(ticket=ticket, kind="rule.failed")
    assert failed.data["error"] == "A ticket cannot go from new to closed."


def test_message_fields(make_rule, ticket, agent, customer):
    make_rule(
        "Refund words",
        [{"type": "add_tags", "tags": ["refund"]}],
        events=["message_received"],
        all=[
            condition("message.body", "contains", "refund"),
            condition("message.author", "is", "customer"),
        ],
    )

    add_message(ticket, actor=Actor.of_user(agent), body="Do you want a refund?")
    assert list(ticket.tags.values_list("name", flat=True)) == []
    add_message(ticket, actor=Actor.of_customer(customer), body="Yes, a REFUND please.")

    assert list(ticket.tags.values_list("name", flat=True)) == ["refund"]
