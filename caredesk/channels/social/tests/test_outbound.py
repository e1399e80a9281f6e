import json
from datetime import UTC, datetime, timedelta

import pytest

from caredesk.accounts.models import Notification
from caredesk.channels.social.models import Conversation, OutboundDelivery
from caredesk.channels.social.services.outbound import (
    MAX_ATTEMPTS,
    attempt_delivery,
    queue_pending_replies,
    retry_delay,
    send_due_deliveries,
)
from caredesk.channels.social.tasks import send_due_deliveries_task
from caredesk.channels.social.tests.conftest import SECRET, inbound
from caredesk.core import clock
from caredesk.core.signed_posts import sign
from caredesk.tickets.actors import Actor
from caredesk.tickets.models import Ticket
from caredesk.tickets.services.messages import add_message
from caredesk.tickets.services.update import TicketChanges, update_ticket
from caredesk.tickets.tests.factories import make_ticket

REPLIED_AT = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def social_ticket(post_inbound):
    return Ticket.objects.get(pk=post_inbound(inbound()).json()["ticket_id"])


@pytest.fixture
def reply(social_ticket, agent):
    with clock.pinned(REPLIED_AT):
        return add_message(social_ticket, actor=Actor.of_user(agent), body="We are on it.")


def test_a_public_agent_reply_is_queued(reply, whatsapp):
    delivery = OutboundDelivery.objects.get()

    assert (delivery.message, delivery.channel, delivery.state, delivery.attempts) == (
        reply,
        whatsapp,
        "queued",
        0,
    )
    assert delivery.next_attempt_at == REPLIED_AT


def test_the_first_attempt_runs_as_soon_as_the_reply_commits(
    social_ticket, agent, bridge, tasks_run_inline, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_message(social_ticket, actor=Actor.of_user(agent), body="Sent at once")

    assert OutboundDelivery.objects.get().state == "sent"
    assert bridge.bodies()[0]["text"] == "Sent at once"


def test_internal_notes_and_customer_messages_stay_home(social_ticket, agent, post_inbound):
    add_message(social_ticket, actor=Actor.of_user(agent), body="Check stock", is_public=False)
    post_inbound(inbound("m2", text="Still there?"))

    assert OutboundDelivery.objects.count() == 0


def test_replies_on_other_tickets_are_not_bridged(ticket, agent, whatsapp):
    add_message(ticket, actor=Actor.of_user(agent), body="By email")

    assert OutboundDelivery.objects.count() == 0


def test_a_failed_attempt_is_retried_with_backoff_until_it_is_sent(reply, bridge):
    bridge.failures = 1
    delivery = OutboundDelivery.objects.get()

    with clock.pinned(REPLIED_AT):
        first = attempt_delivery(delivery.pk)
    delivery.refresh_from_db()
    assert (first, delivery.attempts, delivery.response_code) == ("queued", 1, 503)
    assert delivery.next_attempt_at == REPLIED_AT + timedelta(seconds=30)
    assert delivery.last_error.startswith("HTTP 503")

    assert send_due_deliveries(now=REPLIED_AT + timedelta(seconds=29)) == 0
    with clock.pinned(REPLIED_AT + timedelta(seconds=31)):
        assert send_due_deliveries_task.func() == 1

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_code, delivery.last_error) == (
        "sent",
        2,
        200,
        "",
    )
    assert delivery.sent_at == REPLIED_AT + timedelta(seconds=31)
    assert len(bridge.received) == 2
    headers, body = bridge.received[-1]
    assert headers["X-Caredesk-Signature"] == sign(SECRET, body)
    assert headers["Idempotency-Key"] == f"caredesk-message-{reply.pk}"
    assert json.loads(body) == {
        "conversation_id": "c1",
        "message_id": reply.pk,
        "ticket_id": reply.ticket_id,
        "text": "We are on it.",
        "html": "",
        "author_name": reply.author_user.name,
        "sent_at": REPLIED_AT.isoformat(),
    }


def test_a_sent_delivery_is_not_sent_again(reply, bridge):
    delivery = OutboundDelivery.objects.get()
    attempt_delivery(delivery.pk, now=REPLIED_AT)

    assert attempt_delivery(delivery.pk, now=REPLIED_AT + timedelta(hours=1)) is None
    assert len(bridge.received) == 1


def test_an_unreachable_bridge_counts_as_a_failed_attempt(reply, whatsapp, bridge):
    whatsapp.callback_url = "http://127.0.0.1:9/unreachable"
    whatsapp.save()
    delivery = OutboundDelivery.objects.get()

    assert attempt_delivery(delivery.pk, now=REPLIED_AT) == "queued"

    delivery.refresh_from_db()
    assert (delivery.response_code, delivery.last_error.startswith("ConnectError")) == (None, True)


def test_after_the_last_attempt_the_delivery_fails_and_the_team_is_told(reply, bridge, agent):
    bridge.failures = MAX_ATTEMPTS
    delivery = OutboundDelivery.objects.get()
    ticket = update_ticket(
        reply.ticket, actor=Actor.system(), changes=TicketChanges(assignee=agent)
    )
    now = REPLIED_AT

    for _ in range(MAX_ATTEMPTS):
        attempt_delivery(delivery.pk, now=now)
        delivery.refresh_from_db()
        now = delivery.next_attempt_at or now

    assert (delivery.state, delivery.attempts, len(bridge.received)) == (
        "failed",
        MAX_ATTEMPTS,
        MAX_ATTEMPTS,
    )
    assert ticket.events.get(kind="social.delivery_failed").data["attempts"] == MAX_ATTEMPTS
    assert list(Notification.objects.values_list("user", flat=True)) == [agent.pk]


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 30), (2, 60), (3, 120), (4, 240), (20, 3600)]
)
def test_the_pause_doubles_up_to_an_hour(attempts, seconds):
    assert retry_delay(attempts) == timedelta(seconds=seconds)


def test_replies_written_before_the_conversation_existed_are_queued(customer, whatsapp, agent):
    ticket = make_ticket(customer, channel="social")
    add_message(ticket, actor=Actor.system(), body="We got your message.")
    conversation = Conversation.objects.create(
        channel=whatsapp,
        external_id="c9",
        ticket=ticket,
        customer=customer,
        created_at=REPLIED_AT,
        updated_at=REPLIED_AT,
    )

    assert queue_pending_replies(conversation) == 1
    assert queue_pending_replies(conversation) == 0
