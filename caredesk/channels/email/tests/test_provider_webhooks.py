"""The providers' webhooks stay shut (404, nothing stored) until their secret is configured."""

import hashlib
import hmac
import json
import logging
import time

import pytest
from django.core import checks

from caredesk.channels.email.models import InboundEmail, OutboundEmail
from caredesk.channels.email.provider_webhooks import check_provider_webhook_secrets
from caredesk.channels.email.services.ingest import process_inbound, store_raw
from caredesk.channels.email.tests.fixtures import (
    POSTMARK_INBOUND,
    WEBHOOK_AUTH,
    WEBHOOK_SECRET,
    make_email,
)
from caredesk.core.email_url import MAILGUN_BACKEND, POSTMARK_BACKEND, SMTP_BACKEND
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_secrets(settings):
    """What settings.py reads from an environment that sets neither secret."""
    settings.ANYMAIL = {"WEBHOOK_SECRET": [], "MAILGUN_WEBHOOK_SIGNING_KEY": ""}


def signed_with_an_empty_key() -> dict[str, str]:
    """A Mailgun signature anyone can make when the key checked against is empty."""
    timestamp, token = str(int(time.time())), "t" * 50
    signature = hmac.new(b"", f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {"timestamp": timestamp, "token": token, "signature": signature}


def refusals(caplog) -> list[tuple[str, str]]:
    return [
        (record.provider, record.missing_setting)
        for record in caplog.records
        if record.getMessage().startswith("email_webhook_refused")
    ]


@pytest.mark.usefixtures("no_secrets")
def test_postmark_inbound_without_a_secret_is_refused_and_stores_nothing(client, mailbox, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/email/postmark/inbound/",
            json.dumps(POSTMARK_INBOUND),
            content_type="application/json",
        )

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "field": None}
    assert InboundEmail.objects.count() == 0
    assert refusals(caplog) == [("postmark", "EMAIL_WEBHOOK_SECRET")]


@pytest.mark.usefixtures("no_secrets")
@pytest.mark.parametrize("path", ["/email/mailgun/inbound/", "/email/mailgun/inbound_mime/"])
def test_mailgun_inbound_without_a_signing_key_is_refused_and_stores_nothing(
    client, mailbox, caplog, path
):
    with caplog.at_level(logging.WARNING):
        response = client.post(
            path,
            {
                "body-mime": make_email().decode(),
                "recipient": "support@caredesk.test",
                **signed_with_an_empty_key(),
            },
        )

    assert response.status_code == 404
    assert InboundEmail.objects.count() == 0
    assert refusals(caplog) == [("mailgun", "MAILGUN_WEBHOOK_SIGNING_KEY")]


def test_mailgun_basic_auth_alone_does_not_open_its_webhook(client, mailbox, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": WEBHOOK_SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": ""}

    response = client.post(
        "/email/mailgun/inbound_mime/",
        {"body-mime": make_email().decode(), **signed_with_an_empty_key()},
        **WEBHOOK_AUTH,
    )

    assert response.status_code == 404
    assert InboundEmail.objects.count() == 0


@pytest.mark.usefixtures("no_secrets")
@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/email/postmark/tracking/",
            {"RecordType": "Bounce", "Type": "HardBounce", "ID": 42, "MessageID": "m-1"},
        ),
        (
            "/email/mailgun/tracking/",
            {"signature": signed_with_an_empty_key(), "event-data": {"event": "failed"}},
        ),
    ],
)
def test_delivery_reports_without_a_secret_are_refused(client, mailbox, agent, path, body):
    ticket = process_inbound(store_raw(make_email(), source="smtp", mailbox=mailbox).pk).ticket
    message = add_message(ticket, actor=Actor.of_user(agent), body="It ships.", channel="email")
    outbound = OutboundEmail.objects.get(message=message)
    body = {**body, "Metadata": {"caredesk_outbound": str(outbound.pk)}}

    response = client.post(path, json.dumps(body), content_type="application/json")

    outbound.refresh_from_db()
    assert response.status_code == 404
    assert (outbound.state, outbound.last_error) == ("queued", "")


@pytest.mark.usefixtures("anymail_webhooks")
def test_postmark_inbound_with_the_secret_but_without_its_auth_is_refused(client, mailbox):
    response = client.post(
        "/email/postmark/inbound/", json.dumps(POSTMARK_INBOUND), content_type="application/json"
    )

    assert response.status_code == 400
    assert InboundEmail.objects.count() == 0


@pytest.mark.usefixtures("no_secrets")
@pytest.mark.parametrize(
    ("backend", "setting"),
    [
        (POSTMARK_BACKEND, "EMAIL_WEBHOOK_SECRET"),
        (MAILGUN_BACKEND, "MAILGUN_WEBHOOK_SIGNING_KEY"),
    ],
)
def test_the_deployment_check_names_the_missing_secret_of_the_mail_provider(
    settings, backend, setting
):
    settings.EMAIL_BACKEND = backend

    errors = check_provider_webhook_secrets()

    assert [(error.id, error.level) for error in errors] == [("caredesk_email.E001", checks.ERROR)]
    assert f"set {setting} to" in errors[0].msg


@pytest.mark.parametrize("backend", [POSTMARK_BACKEND, MAILGUN_BACKEND, SMTP_BACKEND])
def test_the_deployment_check_passes_with_the_secrets(settings, backend):
    settings.ANYMAIL = {"WEBHOOK_SECRET": [WEBHOOK_SECRET], "MAILGUN_WEBHOOK_SIGNING_KEY": "mg-key"}
    settings.EMAIL_BACKEND = backend

    assert check_provider_webhook_secrets() == []


@pytest.mark.usefixtures("no_secrets")
def test_the_deployment_check_passes_when_no_provider_sends_the_mail(settings):
    settings.EMAIL_BACKEND = SMTP_BACKEND

    assert check_provider_webhook_secrets() == []
