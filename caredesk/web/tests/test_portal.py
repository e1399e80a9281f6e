import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caredesk.accounts.choices import Role
from caredesk.accounts.tests.factories import UserFactory
from caredesk.tickets.actors import Actor
from caredesk.tickets.choices import Channel, TicketStatus
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket

pytestmark = pytest.mark.django_db


def ticket_url(ticket):
    return reverse("web:portal_ticket", args=[ticket.pk])


def test_portal_greets_by_greeting_name_and_lists_own_requests(
    customer_client, ticket, other_ticket
):
    response = customer_client.get(reverse("web:portal"))

    assert response.status_code == 200
    assert "Hello Cora" in response.text
    assert [t.pk for t in response.context["tickets"]] == [ticket.pk]
    assert "Received — we will get back to you" in response.text


def test_staff_are_sent_to_the_workspace(agent_client):
    response = agent_client.get(reverse("web:portal"))

    assert response["Location"] == reverse("web:workspace")


def test_anonymous_visitors_are_sent_to_login(client, ticket):
    response = client.get(ticket_url(ticket))

    assert response["Location"].startswith(reverse("web:login"))


def test_customer_reads_own_request_without_internal_notes(customer_client, agent, ticket):
    add_message(ticket, actor=Actor.of_user(agent), body="We are on it.")
    add_message(ticket, actor=Actor.of_user(agent), body="Customer is grumpy.", is_public=False)

    response = customer_client.get(ticket_url(ticket))

    assert response.status_code == 200
    assert "We are on it." in response.text
    assert "grumpy" not in response.text
    assert "internal note" not in response.text.lower()
    assert "Status: We are working on it" in response.text


def test_customer_gets_404_for_someone_elses_request(customer_client, other_ticket):
    assert customer_client.get(ticket_url(other_ticket)).status_code == 404


def test_new_request_opens_a_web_ticket_for_the_customer(customer_client, customer):
    upload = SimpleUploadedFile("photo.png", b"\x89PNG data", content_type="image/png")

    response = customer_client.post(
        reverse("web:portal_new"),
        {"subject": "Broken lid", "description": "The lid cracked.", "attachments": [upload]},
    )

    ticket = Ticket.objects.get(subject="Broken lid")
    assert response["Location"] == ticket_url(ticket)
    assert ticket.requester == customer
    assert ticket.channel == Channel.WEB
    assert [a.filename for a in ticket.messages.get().attachments.all()] == ["photo.png"]


def test_new_request_errors_name_the_fields(customer_client):
    response = customer_client.post(reverse("web:portal_new"), {"subject": "", "description": ""})

    assert response.status_code == 422
    assert "Subject: Give your request a short subject." in response.text
    assert "Description: Describe what you need help with." in response.text
    assert not Ticket.objects.exists()


def test_too_long_description_from_the_service_lands_on_the_description(customer_client):
    response = customer_client.post(
        reverse("web:portal_new"), {"subject": "Hi", "description": "x" * 200_001}
    )

    assert response.status_code == 422
    assert "Description: The message is longer than 200000 characters." in response.text
    assert not Ticket.objects.exists()


def test_executable_upload_is_refused_on_the_attachments_field(customer_client):
    upload = SimpleUploadedFile("run.sh", b"#!/bin/sh", content_type="text/x-sh")

    response = customer_client.post(
        reverse("web:portal_new"),
        {"subject": "Script", "description": "See file.", "attachments": [upload]},
    )

    assert response.status_code == 422
    assert "Attachments: Attachment &#x27;run.sh&#x27; looks like a program" in response.text


def test_customer_account_without_profile_is_told_why(client):
    client.force_login(UserFactory(role=Role.CUSTOMER, name="Lone Login"))

    response = client.post(reverse("web:portal_new"), {"subject": "Hi", "description": "Help"})

    assert response.status_code == 422
    assert "not linked to a customer record" in response.text


def test_customer_reply_reopens_a_pending_request(customer_client, agent, ticket):
    add_message(ticket, actor=Actor.of_user(agent), body="Which size?", status="pending")

    response = customer_client.post(
        reverse("web:portal_reply", args=[ticket.pk]), {"body": "Size M."}
    )

    ticket.refresh_from_db()
    assert response["Location"] == ticket_url(ticket) + "#conversation"
    assert ticket.status == TicketStatus.OPEN


def test_empty_customer_reply_names_the_field(customer_client, ticket):
    response = customer_client.post(reverse("web:portal_reply", args=[ticket.pk]), {"body": ""})

    assert response.status_code == 422
    assert "Your reply: Write a message before sending." in response.text


def test_htmx_customer_reply_updates_messages_out_of_band(customer_client, ticket):
    response = customer_client.post(
        reverse("web:portal_reply", args=[ticket.pk]),
        {"body": "Any news?"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.startswith('<form id="portal-reply-form"')
    assert '<div id="portal-messages" hx-swap-oob="true">' in response.text
    assert "Any news?" in response.text


def test_reply_to_a_closed_request_leads_to_the_follow_up(customer_client, agent, ticket):
    actor = Actor.of_user(agent)
    update_ticket(ticket, actor=actor, changes=TicketChanges(status="solved"))
    update_ticket(ticket, actor=actor, changes=TicketChanges(status="closed"))

    response = customer_client.post(
        reverse("web:portal_reply", args=[ticket.pk]), {"body": "It broke again."}
    )

    follow_up = Ticket.objects.get(follow_up_of=ticket)
    assert response["Location"] == ticket_url(follow_up)


def test_customer_cannot_reply_to_someone_elses_request(customer_client, other_ticket):
    response = customer_client.post(
        reverse("web:portal_reply", args=[other_ticket.pk]), {"body": "Hi"}
    )

    assert response.status_code == 404
    assert other_ticket.messages.count() == 1


def test_oversized_request_is_413(customer_client, settings):
    settings.CAREDESK_MAX_ATTACHMENT_BYTES = 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = customer_client.post(
        reverse("web:portal_new"), {"subject": "Big", "description": "x" * 2000}
    )

    assert response.status_code == 413
    assert not Ticket.objects.exists()


def test_bad_cursor_shows_an_empty_page_not_an_error(customer_client, ticket):
    response = customer_client.get(reverse("web:portal"), {"cursor": "!!"})

    assert response.status_code == 200
