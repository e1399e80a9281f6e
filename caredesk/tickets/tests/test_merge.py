import pytest

from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.merge import merge_tickets
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def duplicate(customer, team):
    return make_ticket(customer, subject="Order missing", body="Where is it?", tags=["late"])


def test_merge_moves_messages_and_closes_the_source(ticket, duplicate, agent, customer):
    moved = duplicate.messages.get()

    survivor = merge_tickets(duplicate, into=ticket, actor=Actor.of_user(agent))

    duplicate.refresh_from_db()
    assert survivor.pk == ticket.pk
    assert (duplicate.status, duplicate.merged_into, duplicate.messages.count()) == (
        TicketStatus.CLOSED,
        ticket,
        0,
    )
    assert duplicate.closed_at is not None
    assert list(ticket.messages.order_by("id").values_list("body_text", flat=True)) == [
        "It has not arrived.",
        "Where is it?",
    ]
    moved.refresh_from_db()
    assert moved.ticket_id == ticket.pk
    assert list(ticket.tags.values_list("name", flat=True)) == ["late"]
    into_event = duplicate.events.get(kind=EventKind.MERGED_INTO)
    assert into_event.data == {"target_id": ticket.pk, "messages_moved": 1, "status_before": "new"}
    from_event = ticket.events.get(kind=EventKind.MERGED_FROM)
    assert from_event.data == {
        "source_id": duplicate.pk,
        "messages_moved": 1,
        "source_requester_id": customer.pk,
    }
    ticket.refresh_from_db()
    assert (ticket.status, ticket.version) == (TicketStatus.NEW, 2)


def test_merge_into_itself_is_refused(ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        merge_tickets(ticket, into=ticket, actor=Actor.of_user(agent))

    assert error.value.field == "target"
    ticket.refresh_from_db()
    assert (ticket.status, ticket.version) == (TicketStatus.NEW, 1)


def test_an_already_merged_ticket_cannot_be_merged_again(ticket, duplicate, agent, customer):
    third = make_ticket(customer, subject="Third")
    merge_tickets(duplicate, into=ticket, actor=Actor.of_user(agent))

    with pytest.raises(ValidationFailed) as error:
        merge_tickets(duplicate, into=third, actor=Actor.of_user(agent))

    assert error.value.field == "source"
    duplicate.refresh_from_db()
    assert (duplicate.merged_into, third.messages.count()) == (ticket, 1)


def test_merging_into_a_merged_ticket_is_refused(ticket, duplicate, agent, customer):
    third = make_ticket(customer, subject="Third")
    merge_tickets(duplicate, into=ticket, actor=Actor.of_user(agent))

    with pytest.raises(ValidationFailed) as error:
        merge_tickets(third, into=duplicate, actor=Actor.of_user(agent))

    assert error.value.field == "target"
    third.refresh_from_db()
    assert (third.merged_into, third.messages.count()) == (None, 1)


def test_a_closed_ticket_cannot_be_merged(ticket, duplicate, agent):
    for status in ("solved", "closed"):
        update_ticket(duplicate, actor=Actor.of_user(agent), changes=TicketChanges(status=status))

    with pytest.raises(ValidationFailed) as error:
        merge_tickets(duplicate, into=ticket, actor=Actor.of_user(agent))

    assert error.value.field == "source"
    assert ticket.messages.count() == 1


def test_customer_may_not_merge(ticket, duplicate, customer_user):
    with pytest.raises(PermissionDenied):
        merge_tickets(duplicate, into=ticket, actor=Actor.of_user(customer_user))

    duplicate.refresh_from_db()
    assert (duplicate.merged_into, duplicate.messages.count()) == (None, 1)


def test_internal_notes_move_too(ticket, duplicate, agent):
    add_message(duplicate, actor=Actor.of_user(agent), body="note", is_public=False)

    merge_tickets(duplicate, into=ticket, actor=Actor.of_user(agent))

    assert list(ticket.messages.order_by("id").values_list("is_public", flat=True)) == [
        True,
        True,
        False,
    ]


def test_customer_reply_to_a_merged_ticket_lands_on_the_survivor(customer, team, agent):
    survivor = make_ticket(customer, subject="Refund")
    duplicate = make_ticket(customer, subject="Refund again")
    merge_tickets(duplicate, into=survivor, actor=Actor.of_user(agent))

    message = add_message(duplicate, actor=Actor.of_customer(customer), body="Any news?")

    assert message.ticket_id == survivor.pk
    assert not Ticket.objects.filter(follow_up_of=duplicate).exists()
