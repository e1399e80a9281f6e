import pytest

from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.tickets import search
from caredesk.tickets.actors import Actor
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.merge import move_message
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def wrong_reply(ticket, customer):
    """Cora's reply about her invoice, threaded onto her delivery ticket by mistake."""
    return add_message(ticket, actor=Actor.of_customer(customer), body="About the zanzibar invoice")


@pytest.fixture
def invoice_ticket(customer, team):
    return make_ticket(customer, subject="Invoice", body="My invoice is wrong.", team=team)


def test_move_puts_the_message_on_the_other_ticket_and_says_so_on_both(
    wrong_reply, ticket, invoice_ticket, agent
):
    moved_to = move_message(wrong_reply, to=invoice_ticket, actor=Actor.of_user(agent))

    wrong_reply.refresh_from_db()
    assert moved_to == invoice_ticket
    assert wrong_reply.ticket_id == invoice_ticket.pk
    moved_out = ticket.events.get(kind=EventKind.MESSAGE_MOVED_OUT)
    moved_in = invoice_ticket.events.get(kind=EventKind.MESSAGE_MOVED_IN)
    assert moved_out.data == {"message_id": wrong_reply.pk, "ticket_id": invoice_ticket.pk}
    assert moved_in.data == {"message_id": wrong_reply.pk, "ticket_id": ticket.pk}
    assert moved_out.actor_user == agent


def test_search_follows_the_moved_message(wrong_reply, ticket, invoice_ticket, agent):
    move_message(wrong_reply, to=invoice_ticket, actor=Actor.of_user(agent))

    matches = search.matching_ticket_ids("zanzibar", include_internal=True)

    assert list(Ticket.objects.filter(id__in=matches)) == [invoice_ticket]


def test_the_only_message_cannot_be_moved(ticket, invoice_ticket, agent):
    only = ticket.messages.get()

    with pytest.raises(ValidationFailed) as error:
        move_message(only, to=invoice_ticket, actor=Actor.of_user(agent))

    assert error.value.field == "message_id"
    only.refresh_from_db()
    assert only.ticket_id == ticket.pk


def test_moving_onto_its_own_ticket_is_refused(wrong_reply, ticket, agent):
    with pytest.raises(ValidationFailed) as error:
        move_message(wrong_reply, to=ticket, actor=Actor.of_user(agent))

    assert error.value.field == "ticket_id"


def test_customers_may_not_move_messages(wrong_reply, invoice_ticket, customer_user):
    with pytest.raises(PermissionDenied):
        move_message(wrong_reply, to=invoice_ticket, actor=Actor.of_user(customer_user))

    wrong_reply.refresh_from_db()
    assert wrong_reply.ticket_id != invoice_ticket.pk


def test_api_moves_and_answers_with_the_target(api_client, agent, wrong_reply, invoice_ticket):
    response = api_client(agent).post(
        f"/api/v1/messages/{wrong_reply.pk}/move",
        {"ticket_id": invoice_ticket.pk},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["id"] == invoice_ticket.pk


@pytest.mark.parametrize(
    ("who", "target", "status"),
    [
        ("customer_user", "invoice_ticket", 403),
        ("other_agent", "invoice_ticket", 404),
        ("agent", "other_ticket", 404),
    ],
)
def test_api_refusals_change_nothing(request, api_client, wrong_reply, ticket, who, target, status):
    target_ticket = request.getfixturevalue(target)

    response = api_client(request.getfixturevalue(who)).post(
        f"/api/v1/messages/{wrong_reply.pk}/move",
        {"ticket_id": target_ticket.pk},
        content_type="application/json",
    )

    assert response.status_code == status
    wrong_reply.refresh_from_db()
    assert wrong_reply.ticket_id == ticket.pk


@pytest.mark.parametrize(
    "body", [{}, {"ticket_id": "x"}, {"ticket_id": 0}, {"ticket_id": 1, "why": 1}]
)
def test_api_bad_input_names_the_field(api_client, agent, wrong_reply, body):
    response = api_client(agent).post(
        f"/api/v1/messages/{wrong_reply.pk}/move", body, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["field"] in {"ticket_id", "why"}
