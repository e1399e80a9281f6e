import pytest

from caredesk.channels.voice.models import CallbackRequest, CallEvent, CallRecord
from caredesk.channels.voice.tests.conftest import answered_call, missed_call
from caredesk.channels.webhook_requests import MAX_WEBHOOK_BYTES
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.tickets.models import Message, Ticket


def test_an_answered_call_opens_a_phone_ticket_for_a_new_caller(post_call_event, team):
    response = post_call_event(
        {**answered_call(), "caller_name": "Pia Phone", "notes": "Wants a refund"}
    )

    assert response.status_code == 201
    call = CallRecord.objects.get()
    ticket = call.message.ticket
    assert response.json() == {
        "event_id": CallEvent.objects.get().pk,
        "state": "accepted",
        "call_id": call.pk,
        "ticket_id": ticket.pk,
        "message_id": call.message_id,
        "callback_due_at": None,
    }
    assert (ticket.channel, ticket.team, ticket.subject) == (
        "phone",
        team,
        "Phone call from +491701234567",
    )
    assert (ticket.requester.name, ticket.requester.phone) == ("Pia Phone", "+491701234567")
    assert list(ticket.requester.identities.values_list("kind", "value")) == [
        ("phone", "+491701234567")
    ]
    assert call.message.body_text == (
        "Phone call from +491701234567 to +49301234567: answered, 3 min 12 s.\n\n"
        "Notes: Wants a refund"
    )
    assert (call.message.author_kind, call.message.is_public) == ("customer", True)
    assert (call.direction, call.outcome, call.duration_seconds, call.notes) == (
        "inbound",
        "answered",
        192,
        "Wants a refund",
    )


def test_a_second_call_threads_to_the_callers_open_phone_ticket(post_call_event):
    first = post_call_event(answered_call("call-a", "+49 170 1234567")).json()

    second = post_call_event(answered_call("call-b", "0049 170 123 4567")).json()

    assert second["ticket_id"] == first["ticket_id"]
    assert Ticket.objects.count() == 1
    assert Customer.objects.count() == 1
    assert Message.objects.filter(ticket_id=first["ticket_id"]).count() == 2


def test_a_known_customer_is_found_by_phone(post_call_event, customer):
    CustomerIdentity.objects.create(customer=customer, kind="phone", value="+491701234567")

    ticket_id = post_call_event(answered_call()).json()["ticket_id"]

    assert Ticket.objects.get(pk=ticket_id).requester == customer


def test_a_redelivered_event_is_not_logged_twice(post_call_event):
    first = post_call_event(answered_call())

    again = post_call_event(answered_call())

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["state"] == "duplicate"
    assert again.json()["call_id"] == first.json()["call_id"]
    assert (CallRecord.objects.count(), Message.objects.count(), CallEvent.objects.count()) == (
        1,
        1,
        2,
    )


def test_a_redelivery_may_add_the_recording(post_call_event):
    post_call_event(answered_call())

    post_call_event({**answered_call(), "recording_url": "https://rec.example/1.mp3"})

    assert CallRecord.objects.get().recording_url == "https://rec.example/1.mp3"


def test_a_missed_call_schedules_a_callback(post_call_event):
    response = post_call_event(missed_call())

    callback = CallbackRequest.objects.get()
    assert response.json()["callback_due_at"] == callback.due_at.isoformat()
    assert (callback.due_at - callback.created_at).total_seconds() == 30 * 60
    assert list(callback.ticket.tags.values_list("name", flat=True)) == ["callback"]


@pytest.mark.parametrize(
    ("token", "status"),
    [(None, 401), ("wrong-secret", 401)],
)
def test_without_the_integration_secret_nothing_is_stored(post_call_event, token, status):
    response = post_call_event(answered_call(), token=token)

    assert response.status_code == status
    assert response.json()["field"] == "Authorization"
    assert (CallEvent.objects.count(), Ticket.objects.count()) == (0, 0)


def test_an_inactive_integration_is_refused(post_call_event, phone_system):
    phone_system.is_active = False
    phone_system.save()

    assert post_call_event(answered_call()).status_code == 401


def test_malformed_json_is_stored_flagged_not_lost(post_call_event):
    response = post_call_event(b'{"call_id": "x", ')

    assert response.status_code == 422
    event = CallEvent.objects.get()
    assert response.json()["field"] == "body"
    assert response.json()["event_id"] == event.pk
    assert (event.state, event.field, bytes(event.raw_body)) == (
        "flagged",
        "body",
        b'{"call_id": "x", ',
    )
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"call_id": ""}, "call_id"),
        ({"outcome": "exploded"}, "outcome"),
        ({"direction": "sideways"}, "direction"),
        ({"duration_seconds": -1}, "duration_seconds"),
        ({"recording_url": "ftp://x"}, "recording_url"),
        ({"from": "anonymous"}, "from"),
    ],
)
def test_bad_fields_are_named_and_the_event_kept(post_call_event, change, field):
    response = post_call_event({**answered_call(), **change})

    assert response.status_code == 422
    assert response.json()["field"] == field
    assert CallEvent.objects.get().state == "flagged"
    assert (Ticket.objects.count(), Customer.objects.count()) == (0, 0)


def test_a_missing_field_is_named(post_call_event):
    fields = answered_call()
    del fields["to"]

    response = post_call_event(fields)

    assert (response.status_code, response.json()["field"]) == (422, "to")


def test_an_oversized_body_is_refused_before_storing(post_call_event):
    response = post_call_event(b"x" * (MAX_WEBHOOK_BYTES + 1))

    assert response.status_code == 413
    assert CallEvent.objects.count() == 0
