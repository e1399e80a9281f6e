import pytest

from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.services.merge import split_message
from caredesk.tickets.services.messages import add_message


def test_split_moves_the_message_to_a_new_ticket(ticket, agent, customer, customer_user, team):
    second = add_message(ticket, actor=Actor.of_user(customer_user), body="Also: a new question")

    new_ticket = split_message(second, actor=Actor.of_user(agent))

    assert (new_ticket.subject, new_ticket.status, new_ticket.requester, new_ticket.team) == (
        f"Split from #{ticket.pk}: Help with my order",
        TicketStatus.OPEN,
        customer,
        team,
    )
    assert list(new_ticket.messages.values_list("body_text", flat=True)) == ["Also: a new question"]
    assert list(ticket.messages.values_list("body_text", flat=True)) == ["It has not arrived."]
    assert new_ticket.events.get().kind == EventKind.SPLIT_FROM
    assert new_ticket.events.get().data == {"ticket_id": ticket.pk, "message_id": second.pk}
    split_to = ticket.events.get(kind=EventKind.SPLIT_TO)
    assert split_to.data == {"ticket_id": new_ticket.pk, "message_id": second.pk}


def test_split_with_a_subject(ticket, agent, customer_user):
    second = add_message(ticket, actor=Actor.of_user(customer_user), body="Another thing")

    new_ticket = split_message(second, actor=Actor.of_user(agent), subject="  Invoice copy ")

    assert new_ticket.subject == "Invoice copy"


def test_the_only_message_cannot_be_split(ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        split_message(ticket.messages.get(), actor=Actor.of_user(agent))

    assert error.value.field == "message_id"
    assert ticket.messages.count() == 1


def test_customer_may_not_split(ticket, customer_user):
    second = add_message(ticket, actor=Actor.of_user(customer_user), body="Another thing")

    with pytest.raises(PermissionDenied):
        split_message(second, actor=Actor.of_user(customer_user))

    second.refresh_from_db()
    assert second.ticket_id == ticket.pk
