import json
from urllib.parse import urlencode

import pytest

from caredesk.channels.voice.authentication import twilio_signature
from caredesk.channels.voice.models import VoiceIntegration

GENERIC_SECRET = "generic-phone-secret"
TWILIO_TOKEN = "twilio-auth-token"
TWILIO_ACCOUNT = "AC0123456789abcdef"
TWILIO_URL = "http://testserver/hooks/voice/twilio"


@pytest.fixture
def phone_system(team):
    return VoiceIntegration.objects.create(
        name="Office PBX",
        provider="generic",
        secret=GENERIC_SECRET,
        team=team,
        callback_within_minutes=30,
    )


@pytest.fixture
def twilio(team):
    return VoiceIntegration.objects.create(
        name="Twilio",
        provider="twilio",
        secret=TWILIO_TOKEN,
        account_id=TWILIO_ACCOUNT,
        team=team,
        callback_within_minutes=15,
    )


@pytest.fixture
def post_call_event(client, phone_system):
    """``post_call_event(fields)`` posts a generic event (a dict, or raw bytes) with the token."""

    def post(fields, *, token=GENERIC_SECRET):
        body = fields if isinstance(fields, bytes) else json.dumps(fields).encode()
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return client.post(
            "/api/v1/channels/voice/events",
            data=body,
            content_type="application/json",
            headers=headers,
        )

    return post


@pytest.fixture
def post_twilio(client, twilio):
    """``post_twilio(params)`` posts a form signed as Twilio signs it (or with ``signature``)."""

    def post(params, *, signature=None):
        pairs = [("AccountSid", TWILIO_ACCOUNT), *params.items()]
        headers = {
            "x-twilio-signature": signature
            if signature is not None
            else twilio_signature(TWILIO_TOKEN, TWILIO_URL, pairs)
        }
        return client.post(
            "/hooks/voice/twilio",
            data=urlencode(pairs),
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )

    return post


def missed_call(call_id="call-1", number="+49 170 1234567"):
    return {
        "call_id": call_id,
        "direction": "inbound",
        "from": number,
        "to": "+49301234567",
        "outcome": "missed",
    }


def answered_call(call_id="call-2", number="+49 170 1234567", duration=192):
    return {**missed_call(call_id, number), "outcome": "answered", "duration_seconds": duration}
