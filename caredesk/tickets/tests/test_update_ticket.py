from datetime import UTC, datetime

import pytest

from caredesk.core import clock
from caredesk.core.errors import PermissionDenied, StaleVersion, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Priority, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Category, CustomFieldDefinition
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.transitions import ALLOWED_TRANSITIONS

MOMENT = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
STATUSES = [status.value for status in TicketStatus]
# The shortest way from a new ticket to each status through allowed moves.
ROUTE = {
    "new": [],
    "open": ["open"],
    "pending": ["pending"],
    "on_hold": ["on_hold"],
    "solved": ["solved"],
    "closed": ["solved", "closed"],
}


def change(ticket, agent, **changes):
    return update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(**changes))


def field_events(ticket):
    return list(
        ticket.events.filter(kind=EventKind.FIELD_CHANGED)
        .order_by("id")
        .values_list("data", flat=True)
    )


def test_every_field_changes_with_one_event_each(ticket, agent, supervisor, other_team):
    CustomFieldDefinition.objects.create(key="seats", label="Seats", field_type="number")
    billing = Category.objects.get(slug="billing")

    with clock.pinned(MOMENT):
        updated = change(
            ticket,
            agent,
            subject="  New   subject ",
            priority=Priority.URGENT,
            assignee=supervisor,
            team=other_team,
            category=billing,
            tags=["VIP", "refund"],
            custom_fields={"seats": 3},
        )

    updated.refresh_from_db()
    assert (updated.subject, updated.priority, updated.assignee, updated.team) == (
        "New subject",
        Priority.URGENT,
        supervisor,
        other_team,
    )
    assert (updated.category, updated.custom_fields, updated.version, updated.updated_at) == (
        billing,
        {"seats": 3},
        2,
        MOMENT,
    )
    assert sorted(updated.tags.values_list("name", flat=True)) == ["refund", "vip"]
    assert field_events(updated) == [
        {"field": "subject", "from": "Help with my order", "to": "New subject"},
        {"field": "priority", "from": "normal", "to": "urgent"},
        {"field": "assignee", "from": None, "to": {"id": supervisor.pk, "name": "Sam Supervisor"}},
        {
            "field": "team",
            "from": {"id": ticket.team_id, "name": "Support"},
            "to": {"id": other_team.pk, "name": "Billing"},
        },
        {"field": "category", "from": None, "to": "billing"},
        {"field": "custom_fields", "from": {}, "to": {"seats": 3}},
        {"field": "tags", "from": [], "to": ["refund", "vip"]},
    ]
    assert updated.events.filter(kind=EventKind.FIELD_CHANGED).filter(is_public=True).count() == 0


def test_no_change_writes_nothing(ticket, agent):
    change(ticket, agent, priority=Priority.NORMAL, subject="Help with my order", tags=[])

    ticket.refresh_from_db()
    assert (ticket.version, ticket.events.count()) == (1, 2)


def test_custom_field_none_clears_the_key(ticket, agent):
    CustomFieldDefinition.objects.create(key="seats", label="Seats", field_type="number")
    change(ticket, agent, custom_fields={"seats": 3})

    change(ticket, agent, custom_fields={"seats": None})

    ticket.refresh_from_db()
    assert ticket.custom_fields == {}


def test_blank_subject_is_refused(ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        change(ticket, agent, subject="   ")

    assert error.value.field == "subject"
    ticket.refresh_from_db()
    assert (ticket.subject, ticket.version) == ("Help with my order", 1)


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_transition_table(ticket, agent, current, target):
    for step in ROUTE[current]:
        ticket = change(ticket, agent, status=step)
    ticket.refresh_from_db()
    version = ticket.version
    allowed = target == current or target in ALLOWED_TRANSITIONS[current]

    if allowed:
        change(ticket, agent, status=target)
    else:
        with pytest.raises(ValidationFailed) as error:
            change(ticket, agent, status=target)
        assert error.value.field == "status"

    ticket.refresh_from_db()
    assert ticket.status == (target if allowed else current)
    assert ticket.version == version + (1 if allowed and target != current else 0)


def test_the_table_forbids_the_key_moves():
    assert "closed" not in ALLOWED_TRANSITIONS["new"]
    assert "closed" not in ALLOWED_TRANSITIONS["open"]
    assert ALLOWED_TRANSITIONS["closed"] == frozenset()


def test_status_change_records_from_and_to_and_timestamps(ticket, agent):
    with clock.pinned(MOMENT):
        change(ticket, agent, status="solved")
    change(ticket, agent, status="closed")

    ticket.refresh_from_db()
    assert ticket.solved_at == MOMENT
    assert ticket.closed_at is not None
    assert list(
        ticket.events.filter(kind=EventKind.STATUS_CHANGED)
        .order_by("id")
        .values_list("data", "is_public")
    ) == [
        ({"field": "status", "from": "new", "to": "solved"}, True),
        ({"field": "status", "from": "solved", "to": "closed"}, True),
    ]


def test_stale_version_is_refused_and_changes_nothing(ticket, agent):
    change(ticket, agent, priority=Priority.HIGH)

    with pytest.raises(StaleVersion) as error:
        update_ticket(
            ticket,
            actor=Actor.of_user(agent),
            changes=TicketChanges(priority=Priority.LOW, subject="Other"),
            expected_version=1,
        )

    assert error.value.field == "If-Match"
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.subject, ticket.version) == (
        Priority.HIGH,
        "Help with my order",
        2,
    )
    assert len(field_events(ticket)) == 1


def test_current_version_is_accepted(ticket, agent):
    update_ticket(
        ticket,
        actor=Actor.of_user(agent),
        changes=TicketChanges(priority=Priority.LOW),
        expected_version=1,
    )

    ticket.refresh_from_db()
    assert (ticket.priority, ticket.version) == (Priority.LOW, 2)


def test_customer_may_not_update(ticket, customer_user):
    with pytest.raises(PermissionDenied):
        update_ticket(
            ticket,
            actor=Actor.of_user(customer_user),
            changes=TicketChanges(priority=Priority.HIGH),
        )

    ticket.refresh_from_db()
    assert (ticket.priority, ticket.version) == (Priority.NORMAL, 1)


def test_assigning_to_an_inactive_agent_is_refused(ticket, agent, other_agent):
    other_agent.is_active = False
    other_agent.save()

    with pytest.raises(ValidationFailed) as error:
        change(ticket, agent, assignee=other_agent)

    assert error.value.field == "assignee"
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.version) == (None, 1)


def test_invalid_custom_field_changes_nothing(ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        change(ticket, agent, priority=Priority.HIGH, custom_fields={"ghost": 1})

    assert error.value.field == "custom_fields.ghost"
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.version) == (Priority.NORMAL, 1)


def test_a_ticket_cannot_lose_its_team(ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(team=None))

    assert error.value.field == "team"
    ticket.refresh_from_db()
    assert ticket.team is not None
