from datetime import UTC, datetime

import pytest

from caredesk.core import clock
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import AuthorKind, Channel, LinkKind, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Message, Ticket, TicketLink
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket

MOMENT = datetime(2025, 5, 6, 7, 8, tzinfo=UTC)


def set_status(ticket, agent, *statuses):
    for status in statuses:
        update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status=status))
    ticket.refresh_from_db()
    return ticket


def test_agent_first_public_reply_sets_first_response_and_opens(ticket, agent):
    with clock.pinned(MOMENT):
        message = add_message(ticket, actor=Actor.of_user(agent), body="On it!")

    ticket.refresh_from_db()
    assert (ticket.status, ticket.first_response_at, ticket.version) == (
        TicketStatus.OPEN,
        MOMENT,
        2,
    )
    assert (message.author_kind, message.author_user, message.is_public) == (
        AuthorKind.AGENT,
        agent,
        True,
    )
    assert list(ticket.events.order_by("id").values_list("kind", "data"))[2:] == [
        (EventKind.MESSAGE_ADDED, {"message_id": message.pk, "attachments": 0}),
        (EventKind.STATUS_CHANGED, {"field": "status", "from": "new", "to": "open"}),
    ]


def test_second_agent_reply_keeps_the_first_response_time(ticket, agent):
    with clock.pinned(MOMENT):
        add_message(ticket, actor=Actor.of_user(agent), body="First")

    add_message(ticket, actor=Actor.of_user(agent), body="Second")

    ticket.refresh_from_db()
    assert ticket.first_response_at == MOMENT


def test_internal_note_neither_responds_nor_opens(ticket, agent):
    message = add_message(ticket, actor=Actor.of_user(agent), body="Check stock", is_public=False)

    ticket.refresh_from_db()
    assert (ticket.status, ticket.first_response_at) == (TicketStatus.NEW, None)
    assert message.is_public is False
    assert ticket.events.last().kind == EventKind.NOTE_ADDED


def test_customer_may_not_add_an_internal_note(ticket, customer_user):
    with pytest.raises(PermissionDenied) as error:
        add_message(ticket, actor=Actor.of_user(customer_user), body="secret", is_public=False)

    assert error.value.field == "public"
    ticket.refresh_from_db()
    assert (ticket.messages.count(), ticket.version) == (1, 1)


def test_customer_may_not_set_the_status_with_a_reply(ticket, customer_user):
    with pytest.raises(PermissionDenied) as error:
        add_message(ticket, actor=Actor.of_user(customer_user), body="done", status="solved")

    assert error.value.field == "status"
    assert ticket.messages.count() == 1


@pytest.mark.parametrize(
    ("path", "reopened_kind"),
    [
        (["pending"], EventKind.STATUS_CHANGED),
        (["on_hold"], EventKind.STATUS_CHANGED),
        (["solved"], EventKind.REOPENED),
    ],
)
def test_customer_reply_reopens(ticket, agent, customer_user, path, reopened_kind):
    set_status(ticket, agent, *path)

    add_message(
        ticket, actor=Actor.of_user(customer_user), body="Still broken", channel=Channel.API
    )

    ticket.refresh_from_db()
    assert (ticket.status, ticket.solved_at) == (TicketStatus.OPEN, None)
    event = ticket.events.last()
    assert (event.kind, event.data, event.is_public) == (
        reopened_kind,
        {"field": "status", "from": path[-1], "to": "open"},
        True,
    )


def test_customer_reply_to_a_new_ticket_leaves_it_new(ticket, customer_user):
    add_message(ticket, actor=Actor.of_user(customer_user), body="More detail")

    ticket.refresh_from_db()
    assert (ticket.status, ticket.version, ticket.first_response_at) == (TicketStatus.NEW, 2, None)


def test_customer_reply_to_closed_ticket_opens_a_linked_follow_up(
    ticket, agent, customer_user, customer, team
):
    set_status(ticket, agent, "solved", "closed")
    ticket.tags.set([])

    message = add_message(ticket, actor=Actor.of_user(customer_user), body="It broke again")

    follow_up = message.ticket
    assert follow_up.pk != ticket.pk
    assert (follow_up.follow_up_of, follow_up.requester, follow_up.team, follow_up.subject) == (
        ticket,
        customer,
        team,
        ticket.subject,
    )
    assert (follow_up.status, follow_up.messages.get().body_text) == (
        TicketStatus.NEW,
        "It broke again",
    )
    assert TicketLink.objects.filter(
        source=ticket, target=follow_up, kind=LinkKind.RELATED
    ).exists()
    closed = Ticket.objects.get(pk=ticket.pk)
    assert (closed.status, closed.messages.count()) == (TicketStatus.CLOSED, 1)
    last = closed.events.last()
    assert (last.kind, last.data) == (EventKind.FOLLOW_UP_OPENED, {"follow_up_id": follow_up.pk})


def test_agent_reply_to_closed_ticket_is_refused(ticket, agent):
    set_status(ticket, agent, "solved", "closed")

    with pytest.raises(ValidationFailed) as error:
        add_message(ticket, actor=Actor.of_user(agent), body="One more thing")

    assert error.value.field == "ticket"
    assert (Ticket.objects.count(), Message.objects.count()) == (1, 1)


def test_agent_reply_with_status_solves(ticket, agent):
    with clock.pinned(MOMENT):
        add_message(ticket, actor=Actor.of_user(agent), body="Fixed", status="solved")

    ticket.refresh_from_db()
    assert (ticket.status, ticket.solved_at, ticket.first_response_at) == (
        TicketStatus.SOLVED,
        MOMENT,
        MOMENT,
    )


def test_agent_reply_with_a_forbidden_status_changes_nothing(ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        add_message(ticket, actor=Actor.of_user(agent), body="Bye", status="closed")

    assert error.value.field == "status"
    ticket.refresh_from_db()
    assert (ticket.status, ticket.version, ticket.messages.count()) == (TicketStatus.NEW, 1, 1)


def test_redelivered_external_id_is_stored_once(ticket, customer_user):
    first = add_message(
        ticket,
        actor=Actor.of_user(customer_user),
        body="Hi",
        channel=Channel.EMAIL,
        external_id="m1",
    )

    again = add_message(
        ticket,
        actor=Actor.of_user(customer_user),
        body="Hi",
        channel=Channel.EMAIL,
        external_id="m1",
    )

    assert again.pk == first.pk
    assert ticket.messages.count() == 2


def test_html_reply_is_sanitised(ticket, agent):
    message = add_message(
        ticket, actor=Actor.of_user(agent), body="", body_html="<p>ok</p><script>steal()</script>"
    )

    assert (message.body_html, message.body_text) == ("<p>ok</p>", "ok")
