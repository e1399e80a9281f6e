import pytest

from caredesk.channels.voice.models import CallbackRequest, CallRecord
from caredesk.channels.voice.services.calls import log_call
from caredesk.core.errors import PermissionDenied, ValidationFailed
from caredesk.customers.models import CustomerIdentity
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message


def _log(ticket, user, **fields):
    values = {
        "direction": "outbound",
        "from_number": "+49301234567",
        "to_number": "+49 170 7654321",
        "outcome": "answered",
        "duration_seconds": 300,
        "notes": "Explained the refund.",
        "recording_url": "https://rec.example/9.mp3",
    }
    return log_call(ticket, actor=Actor.of_user(user), **{**values, **fields})


def test_an_agent_logs_a_call_as_an_internal_note(ticket, agent):
    call = _log(ticket, agent)

    message = call.message
    assert (message.ticket, message.is_public, message.channel, message.author_user) == (
        ticket,
        False,
        "phone",
        agent,
    )
    assert message.body_text == (
        "Phone call to +491707654321 from +49301234567: answered, 5 min 00 s.\n\n"
        "Notes: Explained the refund.\n\nRecording: https://rec.example/9.mp3"
    )
    assert (call.logged_by, call.to_number, call.recording_url) == (
        agent,
        "+491707654321",
        "https://rec.example/9.mp3",
    )
    ticket.refresh_from_db()
    assert ticket.first_response_at is None


def test_a_public_call_log_counts_as_the_first_response(ticket, agent):
    call = _log(ticket, agent, is_public=True)

    ticket.refresh_from_db()
    assert ticket.first_response_at == call.message.created_at


def test_the_customers_number_becomes_their_identity(ticket, agent, customer):
    _log(ticket, agent)

    assert CustomerIdentity.objects.get(kind="phone").customer == customer


def test_an_answered_callback_settles_the_callbacks_owed(ticket, agent, customer):
    missed = _log(
        ticket,
        agent,
        direction="inbound",
        outcome="missed",
        from_number="+491707654321",
        to_number="+49301234567",
    )
    CallbackRequest.objects.create(
        call=missed,
        ticket=ticket,
        phone_number="+491707654321",
        due_at=missed.created_at,
        created_at=missed.created_at,
    )

    _log(ticket, agent)

    assert CallbackRequest.objects.get().completed_at is not None
    assert ticket.events.filter(kind="callback.completed").count() == 1


def test_a_customer_cannot_log_calls(ticket, customer_user):
    with pytest.raises(PermissionDenied):
        _log(ticket, customer_user)

    assert (CallRecord.objects.count(), Message.objects.count()) == (0, 1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"direction": "up"}, "direction"),
        ({"outcome": "maybe"}, "outcome"),
        ({"from_number": "reception"}, "from_number"),
        ({"to_number": "12"}, "to_number"),
        ({"duration_seconds": -5}, "duration_seconds"),
        ({"recording_url": "javascript:alert(1)"}, "recording_url"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(ticket, agent, fields, field):
    with pytest.raises(ValidationFailed) as error:
        _log(ticket, agent, **fields)

    assert error.value.field == field
    assert (CallRecord.objects.count(), Message.objects.count()) == (0, 1)


def test_the_api_logs_a_call_on_a_visible_ticket(api_client, agent, ticket):
    response = api_client(agent).post(
        f"/api/v1/tickets/{ticket.pk}/calls",
        data={
            "direction": "inbound",
            "from_number": "+49 170 7654321",
            "to_number": "+49301234567",
            "outcome": "answered",
            "duration_seconds": 42,
            "public": True,
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    call = CallRecord.objects.get()
    assert response.json()["id"] == call.pk
    assert (response.json()["ticket_id"], response.json()["from_number"]) == (
        ticket.pk,
        "+491707654321",
    )


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [("other_agent", 404), ("customer_user", 403), (None, 401)],
)
def test_the_api_refuses_who_may_not_log(request, api_client, ticket, user_fixture, status):
    user = request.getfixturevalue(user_fixture) if user_fixture else None

    response = api_client(user).post(
        f"/api/v1/tickets/{ticket.pk}/calls",
        data={
            "direction": "inbound",
            "from_number": "+491707654321",
            "to_number": "+49301234567",
            "outcome": "answered",
        },
        content_type="application/json",
    )

    assert response.status_code == status
    assert CallRecord.objects.count() == 0
