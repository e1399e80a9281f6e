from caredesk.channels.voice.authentication import twilio_signature
from caredesk.channels.voice.models import CallbackRequest, CallEvent, CallRecord
from caredesk.channels.voice.tests.conftest import TWILIO_ACCOUNT, TWILIO_TOKEN, TWILIO_URL
from caredesk.channels.webhook_requests import MAX_WEBHOOK_BYTES
from caredesk.tickets.models import Ticket

NO_ANSWER = {
    "CallSid": "CA1111",
    "CallStatus": "no-answer",
    "Direction": "inbound",
    "From": "+4917012345678",
    "To": "+49301234567",
}
COMPLETED = {**NO_ANSWER, "CallSid": "CA2222", "CallStatus": "completed", "CallDuration": "65"}


def test_a_signed_completed_call_is_logged(post_twilio):
    response = post_twilio(COMPLETED)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml"
    assert response.content == b'<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
    call = CallRecord.objects.get()
    assert (call.provider, call.provider_call_id, call.outcome, call.duration_seconds) == (
        "twilio",
        "CA2222",
        "answered",
        65,
    )
    assert call.message.body_text == (
        "Phone call from +4917012345678 to +49301234567: answered, 1 min 05 s."
    )


def test_a_no_answer_call_becomes_a_callback_due_in_the_integrations_target(post_twilio):
    post_twilio(NO_ANSWER)

    callback = CallbackRequest.objects.get()
    assert callback.call.outcome == "missed"
    assert (callback.due_at - callback.created_at).total_seconds() == 15 * 60
    assert callback.ticket.events.filter(kind="callback.scheduled").count() == 1


def test_progress_events_are_stored_but_log_nothing(post_twilio):
    response = post_twilio({**NO_ANSWER, "CallStatus": "ringing"})

    assert response.status_code == 200
    assert CallEvent.objects.get().state == "ignored"
    assert (CallRecord.objects.count(), Ticket.objects.count()) == (0, 0)


def test_a_recording_callback_adds_the_link_to_the_logged_call(post_twilio):
    post_twilio(COMPLETED)

    post_twilio({"CallSid": "CA2222", "RecordingUrl": "https://api.twilio.com/rec/RE1"})

    assert CallRecord.objects.get().recording_url == "https://api.twilio.com/rec/RE1"
    assert list(CallEvent.objects.order_by("id").values_list("state", flat=True)) == [
        "accepted",
        "updated",
    ]


def test_redelivery_is_idempotent_on_the_call_sid(post_twilio):
    post_twilio(COMPLETED)
    post_twilio(COMPLETED)

    assert CallRecord.objects.count() == 1
    assert list(CallEvent.objects.order_by("id").values_list("state", flat=True)) == [
        "accepted",
        "duplicate",
    ]


def test_a_bad_signature_is_refused_and_nothing_stored(post_twilio):
    response = post_twilio(COMPLETED, signature="bm90IHRoZSBzaWduYXR1cmU=")

    assert (response.status_code, response.json()["field"]) == (403, "X-Twilio-Signature")
    assert CallEvent.objects.count() == 0


def test_a_missing_signature_is_refused(post_twilio):
    response = post_twilio(COMPLETED, signature="")

    assert response.status_code == 403
    assert CallEvent.objects.count() == 0


def test_a_signature_over_other_parameters_is_refused(post_twilio):
    signed_for_other = twilio_signature(
        TWILIO_TOKEN, TWILIO_URL, [("AccountSid", TWILIO_ACCOUNT), ("CallSid", "CA9")]
    )

    assert post_twilio(COMPLETED, signature=signed_for_other).status_code == 403


def test_a_signed_event_missing_a_field_is_kept_flagged(post_twilio):
    response = post_twilio({key: value for key, value in COMPLETED.items() if key != "From"})

    assert (response.status_code, response.json()["field"]) == (422, "From")
    event = CallEvent.objects.get()
    assert (event.state, event.field) == ("flagged", "From")
    assert b"CallSid=CA2222" in bytes(event.raw_body)


def test_a_bad_duration_is_named(post_twilio):
    response = post_twilio({**COMPLETED, "CallDuration": "long"})

    assert (response.status_code, response.json()["field"]) == (422, "CallDuration")


def test_an_oversized_form_is_refused(client, twilio):
    response = client.post(
        "/hooks/voice/twilio",
        data=b"a=" + b"x" * MAX_WEBHOOK_BYTES,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 413


def test_only_post_is_allowed(client, twilio):
    assert client.get("/hooks/voice/twilio").status_code == 405
