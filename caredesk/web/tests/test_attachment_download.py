import pytest
from django.urls import reverse

from caredesk.tickets.actors import Actor
from caredesk.tickets.attachments import IncomingFile
from caredesk.tickets.services.messages import add_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def note_file(agent, ticket):
    note = add_message(
        ticket,
        actor=Actor.of_user(agent),
        body="Internal scan.",
        is_public=False,
        attachments=[IncomingFile("scan.txt", b"secret scan", "text/plain")],
    )
    return note.attachments.get()


@pytest.fixture
def public_file(agent, ticket):
    reply = add_message(
        ticket,
        actor=Actor.of_user(agent),
        body="Your label.",
        attachments=[IncomingFile("label.html", b"<script>alert(1)</script>", "text/html")],
    )
    return reply.attachments.get()


def test_customer_downloads_a_public_file_as_an_attachment(customer_client, public_file):
    response = customer_client.get(reverse("web:attachment", args=[public_file.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"


def test_customer_cannot_download_an_internal_notes_file(customer_client, note_file):
    assert customer_client.get(reverse("web:attachment", args=[note_file.pk])).status_code == 404


def test_other_team_agent_cannot_download(client, other_agent, public_file):
    client.force_login(other_agent)

    assert client.get(reverse("web:attachment", args=[public_file.pk])).status_code == 404


def test_agent_downloads_the_internal_file(agent_client, note_file):
    response = agent_client.get(reverse("web:attachment", args=[note_file.pk]))

    assert b"".join(response.streaming_content) == b"secret scan"


def test_unknown_attachment_is_404(agent_client):
    assert agent_client.get(reverse("web:attachment", args=[424242])).status_code == 404
