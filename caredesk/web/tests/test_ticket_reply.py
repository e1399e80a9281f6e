import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caredesk.tickets.choices import TicketStatus
from caredesk.tickets.models import Message

pytestmark = pytest.mark.django_db


def reply_url(ticket):
    return reverse("web:ticket_reply", args=[ticket.pk])


def test_public_reply_is_stored_and_opens_the_ticket(agent_client, ticket):
    response = agent_client.post(reply_url(ticket), {"body": "On its way.", "visibility": "public"})

    ticket.refresh_from_db()
    assert response["Location"] == reverse("web:ticket", args=[ticket.pk]) + "#conversation"
    assert ticket.messages.filter(body_text="On its way.", is_public=True).exists()
    assert ticket.status == TicketStatus.OPEN


def test_internal_note_stays_internal(agent_client, ticket):
    agent_client.post(reply_url(ticket), {"body": "Call courier.", "visibility": "internal"})

    assert ticket.messages.get(body_text="Call courier.").is_public is False


def test_reply_can_set_the_status(agent_client, ticket):
    agent_client.post(
        reply_url(ticket), {"body": "Done.", "visibility": "public", "status": "solved"}
    )

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED


def test_reply_with_an_attachment(agent_client, ticket):
    upload = SimpleUploadedFile("label.txt", b"tracking 123", content_type="text/plain")

    agent_client.post(
        reply_url(ticket), {"body": "See label.", "visibility": "public", "attachments": [upload]}
    )

    message = ticket.messages.get(body_text="See label.")
    assert [a.filename for a in message.attachments.all()] == ["label.txt"]


def test_empty_reply_names_the_field_and_keeps_the_page(agent_client, ticket):
    response = agent_client.post(reply_url(ticket), {"body": "  ", "visibility": "public"})

    assert response.status_code == 422
    assert "Message: Write a message before sending." in response.text
    assert ticket.messages.count() == 1


def test_impossible_status_names_the_status_field(agent_client, ticket):
    response = agent_client.post(
        reply_url(ticket), {"body": "Bye.", "visibility": "public", "status": "closed"}
    )

    assert response.status_code == 422
    assert "Set status: A ticket cannot go from open to closed." in response.text
    assert not Message.objects.filter(body_text="Bye.").exists()


def test_executable_attachment_is_refused_on_the_field(agent_client, ticket):
    upload = SimpleUploadedFile("tool.exe", b"MZ...", content_type="application/octet-stream")

    response = agent_client.post(
        reply_url(ticket), {"body": "Run this.", "visibility": "public", "attachments": [upload]}
    )

    assert response.status_code == 422
    assert "Attachments: Attachment &#x27;tool.exe&#x27; looks like a program" in response.text


def test_oversized_attachment_is_refused_before_reading(agent_client, ticket, settings):
    settings.CAREDESK_MAX_ATTACHMENT_BYTES = 10
    upload = SimpleUploadedFile("big.txt", b"x" * 11, content_type="text/plain")

    response = agent_client.post(
        reply_url(ticket), {"body": "Big.", "visibility": "public", "attachments": [upload]}
    )

    assert response.status_code == 422
    assert "Attachments: big.txt is 11\xa0bytes; each attachment may be at most 10\xa0bytes." in (
        response.text
    )


def test_request_larger_than_any_message_is_413(agent_client, ticket, settings):
    settings.CAREDESK_MAX_ATTACHMENT_BYTES = 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = agent_client.post(reply_url(ticket), {"body": "x" * 2000, "visibility": "public"})

    assert response.status_code == 413
    assert ticket.messages.count() == 1


def test_htmx_reply_returns_the_form_and_out_of_band_parts(agent_client, ticket):
    response = agent_client.post(
        reply_url(ticket),
        {"body": "Quick.", "visibility": "public"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.startswith('<form id="reply-form"')
    assert (
        'id="conversation" class="conversation" aria-labelledby="conversation-heading" hx-swap-oob="true"'
        in response.text
    )
    assert 'hx-swap-oob="true"' in response.text.split('id="ticket-fields"')[1].split(">")[0]
    assert "Quick." in response.text


def test_htmx_reply_error_returns_only_the_form(agent_client, ticket):
    response = agent_client.post(
        reply_url(ticket), {"body": "", "visibility": "public"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 422
    assert response.text.startswith('<form id="reply-form"')
    assert "hx-swap-oob" not in response.text


def test_reply_to_a_hidden_ticket_is_404_and_stores_nothing(agent_client, other_ticket):
    response = agent_client.post(reply_url(other_ticket), {"body": "Hi", "visibility": "public"})

    assert response.status_code == 404
    assert other_ticket.messages.count() == 1


def test_reply_needs_post(agent_client, ticket):
    assert agent_client.get(reply_url(ticket)).status_code == 405
