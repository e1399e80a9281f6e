from datetime import UTC, datetime

import pytest

from caredesk.core import clock
from caredesk.core.errors import ValidationFailed
from caredesk.customers.models import Customer
from caredesk.tickets.actors import Actor
from caredesk.tickets.attachments import IncomingFile
from caredesk.tickets.choices import AuthorKind, Channel, Priority, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import Attachment, CustomFieldDefinition, Message, Ticket, TicketEvent
from caredesk.tickets.services.open_ticket import RequesterByEmail, open_ticket
from caredesk.tickets.tests.factories import make_ticket


@pytest.fixture
def fields(db):
    CustomFieldDefinition.objects.create(key="order", label="Order", field_type="text")
    CustomFieldDefinition.objects.create(key="seats", label="Seats", field_type="number")
    CustomFieldDefinition.objects.create(key="since", label="Since", field_type="date")
    CustomFieldDefinition.objects.create(
        key="plan", label="Plan", field_type="choice", choices=["basic", "pro"]
    )


def test_opens_with_defaults_in_the_default_team(customer, team):
    moment = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)

    with clock.pinned(moment):
        ticket = make_ticket(customer)

    ticket.refresh_from_db()
    assert (ticket.subject, ticket.status, ticket.priority, ticket.channel) == (
        "Help with my order",
        TicketStatus.NEW,
        Priority.NORMAL,
        Channel.WEB,
    )
    assert (ticket.team, ticket.assignee, ticket.requester, ticket.version) == (
        team,
        None,
        customer,
        1,
    )
    assert (ticket.created_at, ticket.updated_at, ticket.first_response_at) == (
        moment,
        moment,
        None,
    )
    assert ticket.language == "en"
    message = ticket.messages.get()
    assert (message.body_text, message.is_public, message.author_kind) == (
        "It has not arrived.",
        True,
        AuthorKind.CUSTOMER,
    )
    assert message.author_customer == customer
    created, added = ticket.events.all()
    assert (created.kind, created.is_public, created.data) == (
        EventKind.CREATED,
        True,
        {
            "requester_id": customer.pk,
            "team_id": team.pk,
            "priority": "normal",
            "category": None,
            "follow_up_of": None,
        },
    )
    assert (added.kind, added.data) == (
        EventKind.MESSAGE_ADDED,
        {"message_id": message.pk, "attachments": 0},
    )


def test_without_a_default_team_the_ticket_has_none(customer, other_team):
    ticket = make_ticket(customer)

    assert ticket.team is None


def test_an_explicit_team_wins_over_the_default(customer, team, other_team):
    ticket = make_ticket(customer, team=other_team)

    assert ticket.team == other_team


def test_blank_subject_is_taken_from_the_body(customer, team):
    ticket = make_ticket(customer, subject="   ", body="My   printer\nis on fire")

    assert ticket.subject == "My printer is on fire"


def test_subject_over_300_characters_is_refused(customer, team):
    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, subject="x" * 301)

    assert error.value.field == "subject"
    assert Ticket.objects.count() == 0


def test_empty_body_is_refused(customer, team):
    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, body="   ")

    assert error.value.field == "body"
    assert Ticket.objects.count() == 0


def test_same_external_id_on_the_same_channel_returns_the_first_ticket(customer, team):
    first = make_ticket(customer, channel=Channel.EMAIL, external_id="<abc@mail>")

    again = make_ticket(customer, channel=Channel.EMAIL, external_id="<abc@mail>", body="Resent")

    assert again.pk == first.pk
    assert Ticket.objects.count() == 1
    assert Message.objects.count() == 1


def test_same_external_id_on_another_channel_is_another_ticket(customer, team):
    first = make_ticket(customer, channel=Channel.EMAIL, external_id="k-1")

    second = make_ticket(customer, channel=Channel.CHAT, external_id="k-1")

    assert second.pk != first.pk
    assert Ticket.objects.count() == 2


def test_tags_are_normalised_and_deduplicated(customer, team):
    ticket = make_ticket(customer, tags=[" Refund ", "refund", "Late Delivery", ""])

    assert sorted(ticket.tags.values_list("name", flat=True)) == ["late-delivery", "refund"]


def test_tag_with_forbidden_characters_is_refused(customer, team):
    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, tags=["ok", "no/slash"])

    assert error.value.field == "tags"
    assert Ticket.objects.count() == 0


def test_typed_custom_fields_are_stored(customer, team, fields):
    ticket = make_ticket(
        customer,
        custom_fields={"order": "A-17", "seats": 12, "since": "2024-02-29", "plan": "pro"},
    )

    ticket.refresh_from_db()
    assert ticket.custom_fields == {
        "order": "A-17",
        "seats": 12,
        "since": "2024-02-29",
        "plan": "pro",
    }


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("order", 17),
        ("order", "x" * 2001),
        ("seats", "12"),
        ("seats", True),
        ("seats", float("nan")),
        ("since", "2024-02-30"),
        ("since", "yesterday"),
        ("plan", "enterprise"),
        ("nope", "x"),
    ],
)
def test_invalid_custom_field_is_refused_naming_it(customer, team, fields, key, value):
    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, custom_fields={key: value})

    assert error.value.field == f"custom_fields.{key}"
    assert Ticket.objects.count() == 0


def test_inactive_custom_field_counts_as_unknown(customer, team, fields):
    CustomFieldDefinition.objects.filter(key="order").update(is_active=False)

    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, custom_fields={"order": "A-1"})

    assert error.value.field == "custom_fields.order"


def test_attachment_is_stored_with_its_checksum(customer, team):
    ticket = make_ticket(
        customer, attachments=[IncomingFile("../../etc/report.pdf", b"%PDF-1.7 hello")]
    )

    attachment = Attachment.objects.get(message__ticket=ticket)
    assert (attachment.filename, attachment.content_type, attachment.size) == (
        "report.pdf",
        "application/pdf",
        14,
    )
    with attachment.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.7 hello"


def test_attachment_over_the_size_limit_is_refused(customer, team, settings):
    settings.CAREDESK_MAX_ATTACHMENT_BYTES = 10

    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, attachments=[IncomingFile("big.txt", b"x" * 11)])

    assert error.value.field == "attachments"
    assert Ticket.objects.count() == 0


def test_attachment_at_the_size_limit_is_accepted(customer, team, settings):
    settings.CAREDESK_MAX_ATTACHMENT_BYTES = 10

    ticket = make_ticket(customer, attachments=[IncomingFile("ok.txt", b"x" * 10)])

    assert Attachment.objects.get(message__ticket=ticket).size == 10


@pytest.mark.parametrize(
    "filename", ["setup.exe", "SETUP.EXE", "run.sh", "invoice.pdf.js", "x.bat."]
)
def test_executable_by_extension_is_refused(customer, team, filename):
    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, attachments=[IncomingFile(filename, b"harmless text")])

    assert error.value.field == "attachments"
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00rest", b"\x7fELF\x02\x01", b"#!/bin/sh\nrm -rf /", b"\xcf\xfa\xed\xfe"]
)
def test_executable_by_magic_bytes_is_refused(customer, team, content):
    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, attachments=[IncomingFile("photo.jpg", content)])

    assert error.value.field == "attachments"
    assert Ticket.objects.count() == 0


def test_html_body_is_sanitised_and_gives_the_text(customer, team):
    ticket = make_ticket(
        customer,
        body="",
        body_html='<p>Hello <b>there</b></p><script>alert("x")</script><img src=x onerror=boom>',
    )

    message = ticket.messages.get()
    assert message.body_html == '<p>Hello <b>there</b></p><img src="x">'
    assert message.body_text == "Hello there"


def test_opened_by_an_agent_the_first_message_is_the_agents(customer, team, agent):
    ticket = open_ticket(
        requester=customer,
        actor=Actor.of_user(agent),
        subject="Phone call",
        body="Customer called about a refund.",
        channel=Channel.PHONE,
        priority=Priority.HIGH,
        assignee=agent,
    )

    message = ticket.messages.get()
    assert (message.author_kind, message.author_user) == (AuthorKind.AGENT, agent)
    assert (ticket.priority, ticket.assignee, ticket.first_response_at) == (
        Priority.HIGH,
        agent,
        None,
    )
    assert list(TicketEvent.objects.filter(ticket=ticket).values_list("actor_name", flat=True)) == [
        "Ana Agent",
        "Ana Agent",
    ]


def test_assigning_to_a_customer_is_refused(customer, team, other_customer_user):
    with pytest.raises(ValidationFailed) as error:
        make_ticket(customer, assignee=other_customer_user)

    assert error.value.field == "assignee"
    assert Ticket.objects.count() == 0


def test_a_requester_by_email_is_created_with_the_ticket_and_writes_it(team):
    ticket = open_ticket(
        requester=RequesterByEmail("Fay@Example.com", name="Fay First"),
        actor=None,
        subject="Hello",
        body="First words",
        channel=Channel.PHONE,
    )

    customer = Customer.objects.get()
    assert (customer.email, customer.name, ticket.requester) == (
        "fay@example.com",
        "Fay First",
        customer,
    )
    message = ticket.messages.get()
    assert (message.author_kind, message.author_customer) == (AuthorKind.CUSTOMER, customer)


def test_a_requester_by_email_is_not_created_for_a_refused_ticket(team, fields):
    with pytest.raises(ValidationFailed) as error:
        open_ticket(
            requester=RequesterByEmail("fay@example.com"),
            actor=None,
            subject="Hello",
            body="First words",
            custom_fields={"seats": "many"},
        )

    assert error.value.field == "custom_fields.seats"
    assert (Customer.objects.count(), Ticket.objects.count()) == (0, 0)
