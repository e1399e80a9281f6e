import hashlib
import hmac
import json
import time

import pytest

from caredesk.channels.email.models import InboundEmail
from caredesk.channels.email.parsing import parse_email
from caredesk.channels.email.tests.fixtures import POSTMARK_INBOUND, WEBHOOK_AUTH, make_email

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("anymail_webhooks")]

AUTH = WEBHOOK_AUTH


def test_mailgun_inbound_mime_is_stored_raw(client, mailbox):
    timestamp, token = str(int(time.time())), "t" * 50
    signature = hmac.new(b"mg-key", f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()

    response = client.post(
        "/email/mailgun/inbound_mime/",
        {
            "body-mime": make_email().decode(),
            "recipient": "support@caredesk.test",
            "timestamp": timestamp,
            "token": token,
            "signature": signature,
        },
        **AUTH,
    )

    inbound = InboundEmail.objects.get()
    assert response.status_code == 200
    assert (inbound.source, inbound.mailbox, inbound.header_message_id) == (
        "mailgun",
        mailbox,
        "first@mail.example.com",
    )


def test_mailgun_with_a_bad_signature_stores_nothing(client, mailbox):
    response = client.post(
        "/email/mailgun/inbound_mime/",
        {"body-mime": make_email().decode(), "timestamp": "1", "token": "x", "signature": "bad"},
        **AUTH,
    )

    assert response.status_code == 400
    assert InboundEmail.objects.count() == 0


def test_postmark_inbound_is_stored(client, mailbox):
    response = client.post(
        "/email/postmark/inbound/",
        json.dumps(POSTMARK_INBOUND),
        content_type="application/json",
        **AUTH,
    )

    inbound = InboundEmail.objects.get()
    assert response.status_code == 200
    assert (inbound.source, inbound.mailbox) == ("postmark", mailbox)
    assert parse_email(bytes(inbound.raw)).text.strip() == "Hello"
