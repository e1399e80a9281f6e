import pytest

from caredesk.channels.chat.services.assignment import accept_chat
from caredesk.channels.chat.services.sessions import (
    end_chat,
    post_agent_message,
    post_visitor_message,
)
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed
from caredesk.tickets.actors import Actor


@pytest.fixture
def active_chat(online_agent, start):
    session = start().session
    return accept_chat(session, agent=online_agent)


def test_a_resent_visitor_message_is_stored_once(active_chat):
    first = post_visitor_message(active_chat, text="Order 1042", client_id="c-1")

    again = post_visitor_message(active_chat, text="Order 1042", client_id="c-1")

    assert again.pk == first.pk
    assert active_chat.ticket.messages.filter(body_text="Order 1042").count() == 1


def test_the_same_client_id_in_another_chat_is_another_message(active_chat, online_agent, start):
    other = start(email="otto@example.org").session

    mine = post_visitor_message(active_chat, text="Hi", client_id="c-1")
    theirs = post_visitor_message(other, text="Hi", client_id="c-1")

    assert mine.pk != theirs.pk
    assert theirs.ticket_id == other.ticket_id


def test_an_agent_reply_is_a_public_first_response(active_chat, online_agent):
    reply = post_agent_message(
        active_chat, agent=online_agent, text="Let me look.", client_id="a-1"
    )

    ticket = active_chat.ticket
    ticket.refresh_from_db()
    assert reply.is_public
    assert reply.channel == "chat"
    assert reply.author_user == online_agent
    assert ticket.first_response_at == reply.created_at


def test_a_resent_agent_reply_is_stored_once(active_chat, online_agent):
    first = post_agent_message(active_chat, agent=online_agent, text="Hello", client_id="a-1")

    again = post_agent_message(active_chat, agent=online_agent, text="Hello", client_id="a-1")

    assert again.pk == first.pk


def test_only_the_chats_agent_may_write_in_it(active_chat, online_colleague):
    with pytest.raises(PermissionDenied) as refusal:
        post_agent_message(active_chat, agent=online_colleague, text="Hi", client_id="a-1")

    assert refusal.value.field == "session"
    assert not active_chat.ticket.messages.filter(body_text="Hi").exists()


def test_an_ended_chat_takes_no_more_messages(active_chat):
    end_chat(active_chat, actor=Actor.of_customer(active_chat.customer))

    with pytest.raises(Conflict):
        post_visitor_message(active_chat, text="Still there?", client_id="c-9")


def test_a_converted_chat_still_takes_the_visitors_messages(agent, start):
    converted = start().session

    message = post_visitor_message(converted, text="My order is 1042", client_id="c-2")

    assert message.ticket_id == converted.ticket_id


@pytest.mark.parametrize("client_id", ["", "has space", "x" * 65, "semi;colon"])
def test_a_malformed_client_id_is_refused(active_chat, client_id):
    with pytest.raises(ValidationFailed) as refusal:
        post_visitor_message(active_chat, text="Hi", client_id=client_id)

    assert refusal.value.field == "client_id"


def test_the_visitor_ends_the_chat_once(active_chat):
    visitor = Actor.of_customer(active_chat.customer)

    ended = end_chat(active_chat, actor=visitor)
    again = end_chat(active_chat, actor=visitor)

    assert ended.state == again.state == "ended"
    assert active_chat.ticket.events.filter(kind="chat.ended").count() == 1


def test_another_visitor_cannot_end_the_chat(active_chat, other_customer):
    with pytest.raises(PermissionDenied):
        end_chat(active_chat, actor=Actor.of_customer(other_customer))
