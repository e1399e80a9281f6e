import pytest

from caredesk.channels.social.models import Conversation, InboundPayload, SocialChannel
from caredesk.channels.social.tests.conftest import inbound
from caredesk.channels.webhook_requests import MAX_WEBHOOK_BYTES
from caredesk.customers.models import Customer, CustomerIdentity
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Message, Ticket
from caredesk.tickets.services.customer_merge import merge_customers
from caredesk.tickets.services.update import TicketChanges, update_ticket


def test_a_new_conversation_opens_a_social_ticket(post_inbound, whatsapp, team):
    response = post_inbound(inbound(subject="Order 42"))

    assert response.status_code == 201
    ticket = Ticket.objects.get()
    message = ticket.messages.get()
    assert response.json() == {
        "payload_id": InboundPayload.objects.get().pk,
        "state": "accepted",
        "ticket_id": ticket.pk,
        "message_id": message.pk,
    }
    assert (ticket.channel, ticket.team, ticket.subject) == ("social", team, "Order 42")
    assert (message.body_text, message.channel, message.author_kind) == (
        "Hello?",
        "social",
        "customer",
    )
    assert ticket.requester.name == "Wanda WhatsApp"
    assert list(ticket.requester.identities.values_list("kind", "value")) == [
        ("external", "whatsapp:+4917012345")
    ]
    conversation = Conversation.objects.get()
    assert (conversation.channel, conversation.external_id, conversation.ticket) == (
        whatsapp,
        "c1",
        ticket,
    )


def test_messages_thread_by_conversation_id(post_inbound):
    first = post_inbound(inbound("m1", "c1")).json()

    same = post_inbound(inbound("m2", "c1", text="Anyone?")).json()
    other = post_inbound(inbound("m3", "c2", text="New topic")).json()

    assert same["ticket_id"] == first["ticket_id"]
    assert other["ticket_id"] != first["ticket_id"]
    assert Customer.objects.count() == 1
    assert list(
        Message.objects.filter(ticket_id=first["ticket_id"]).values_list("body_text", flat=True)
    ) == ["Hello?", "Anyone?"]


def test_a_known_sender_is_the_same_customer(post_inbound, customer):
    CustomerIdentity.objects.create(
        customer=customer, kind="external", value="whatsapp:+4917012345"
    )

    ticket_id = post_inbound(inbound()).json()["ticket_id"]

    assert Ticket.objects.get(pk=ticket_id).requester == customer


def test_a_redelivered_message_is_not_duplicated(post_inbound):
    first = post_inbound(inbound())

    replayed = post_inbound(inbound())

    assert (first.status_code, replayed.status_code) == (201, 200)
    assert replayed.json()["message_id"] == first.json()["message_id"]
    assert replayed.json()["state"] == "duplicate"
    assert (Message.objects.count(), Ticket.objects.count()) == (1, 1)
    assert list(InboundPayload.objects.order_by("id").values_list("state", flat=True)) == [
        "accepted",
        "duplicate",
    ]


def test_a_message_on_a_closed_conversation_opens_a_follow_up(post_inbound, agent):
    first = post_inbound(inbound("m1")).json()
    ticket = Ticket.objects.get(pk=first["ticket_id"])
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="solved"))
    update_ticket(ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="closed"))

    again = post_inbound(inbound("m2", text="It broke again")).json()

    follow_up = Ticket.objects.get(pk=again["ticket_id"])
    assert follow_up.follow_up_of == ticket
    assert Conversation.objects.get().ticket == follow_up


@pytest.mark.parametrize(
    "signature",
    [
        "sha256=" + "0" * 64,
        "sha1=abc",
        "deadbeef",
    ],
)
def test_a_bad_signature_is_refused_and_nothing_stored(post_inbound, signature):
    response = post_inbound(inbound(), signature=signature)

    assert (response.status_code, response.json()["field"]) == (401, "X-Caredesk-Signature")
    assert (InboundPayload.objects.count(), Ticket.objects.count()) == (0, 0)


def test_a_missing_signature_is_refused(post_inbound):
    response = post_inbound(inbound(), signature="")

    assert (response.status_code, response.json()["field"]) == (401, "X-Caredesk-Signature")
    assert InboundPayload.objects.count() == 0


def test_a_signature_by_another_channels_secret_is_refused(post_inbound, team, bridge):
    telegram = SocialChannel.objects.create(
        name="Telegram", kind="telegram", team=team, secret="other", callback_url=bridge.url
    )

    assert post_inbound(inbound(), channel=telegram).status_code == 401


def test_an_inactive_or_unknown_channel_is_not_found(client, post_inbound, whatsapp):
    whatsapp.is_active = False
    whatsapp.save()

    assert post_inbound(inbound()).status_code == 404
    assert (
        client.post("/hooks/social/999999", data=b"{}", content_type="application/json").status_code
        == 404
    )


def test_malformed_json_is_stored_flagged_not_lost(post_inbound):
    response = post_inbound(b'{"message_id": "m1", "text": ')

    assert response.status_code == 422
    payload = InboundPayload.objects.get()
    assert response.json()["field"] == "body"
    assert response.json()["payload_id"] == payload.pk
    assert (payload.state, bytes(payload.raw_body)) == ("flagged", b'{"message_id": "m1", "text": ')
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"message_id": ""}, "message_id"),
        ({"conversation_id": None}, "conversation_id"),
        ({"sender": {"name": "x"}}, "sender.id"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
    ],
)
def test_a_body_missing_a_field_is_flagged_naming_it(post_inbound, fields, field):
    response = post_inbound({**inbound(), **fields})

    assert (response.status_code, response.json()["field"]) == (422, field)
    payload = InboundPayload.objects.get()
    assert (payload.state, payload.field) == ("flagged", field)
    assert (Ticket.objects.count(), Customer.objects.count()) == (0, 0)


def test_a_non_object_body_is_flagged(post_inbound):
    assert post_inbound(b"[1, 2]").json()["field"] == "body"


def test_an_oversized_body_is_refused(post_inbound):
    response = post_inbound(b" " * (MAX_WEBHOOK_BYTES + 1))

    assert response.status_code == 413
    assert InboundPayload.objects.count() == 0


def test_merging_the_sender_into_a_known_customer_moves_the_conversation(
    post_inbound, customer, agent
):
    ticket = Ticket.objects.get(pk=post_inbound(inbound()).json()["ticket_id"])

    merge_customers(ticket.requester, into=customer, actor=Actor.of_user(agent))

    assert Conversation.objects.get().customer == customer
    again = post_inbound(inbound("m2", text="Me again")).json()
    assert Message.objects.get(pk=again["message_id"]).author_customer == customer
