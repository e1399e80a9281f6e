from datetime import timedelta

import pytest

from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.models import AgentChatCapacity
from caredesk.channels.chat.services.availability import set_availability
from caredesk.channels.chat.services.conversion import OFFLINE_TAG
from caredesk.channels.chat.services.sessions import start_chat
from caredesk.core import clock
from caredesk.core.errors import ValidationFailed
from caredesk.tickets.choices import AuthorKind
from caredesk.tickets.models import Ticket


def test_a_started_chat_is_a_chat_ticket_greeted_at_once(online_agent, chat_greeting, start):
    started = start()

    session = started.session
    ticket = session.ticket
    assert session.state == ChatState.WAITING
    assert ticket.channel == "chat"
    assert ticket.team == online_agent.teams.get()
    assert session.customer.email == "vera@example.com"
    assert list(ticket.messages.values_list("author_kind", "body_text")) == [
        (AuthorKind.CUSTOMER, "Where is my parcel?"),
        (
            AuthorKind.SYSTEM,
            "Hello Vera, thanks for reaching out! An agent will be with you in a moment.",
        ),
    ]
    assert "chat.started" in ticket.events.values_list("kind", flat=True)


def test_the_token_is_shown_once_and_stored_only_as_a_hash(online_agent, start):
    started = start()

    assert started.token.startswith("cv_")
    assert started.token not in started.session.visitor_token_hash
    assert len(started.session.visitor_token_hash) == 64


def test_agents_hear_of_a_new_chat_only_after_it_commits(
    online_agent, start, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        start()

    assert len(callbacks) == 2  # the queue, and the chat's own group


def test_nobody_online_converts_the_chat_to_an_email_answered_ticket(agent, chat_greeting, start):
    started = start()

    session = started.session
    ticket = session.ticket
    assert session.state == ChatState.CONVERTED
    assert session.ended_at is not None
    assert ticket.channel == "chat"
    assert list(ticket.tags.values_list("name", flat=True)) == [OFFLINE_TAG]
    assert ticket.messages.last().body_text == (
        "Nobody from our team is free to chat right now, so we will answer by email at "
        "vera@example.com. Your message has reached us."
    )
    converted = ticket.events.get(kind="chat.converted")
    assert converted.data == {
        "session_id": session.pk,
        "reason": "nobody online",
        "answer_by": "email",
    }


def test_an_agent_online_in_another_team_does_not_staff_this_one(other_agent, start):
    set_availability(other_agent, availability="online")

    started = start()

    assert started.session.state == ChatState.CONVERTED


def test_an_agent_whose_page_went_quiet_is_not_online(online_agent, start):
    AgentChatCapacity.objects.filter(pk=online_agent.pk).update(
        last_seen_at=clock.now() - timedelta(minutes=5)
    )

    started = start()

    assert started.session.state == ChatState.CONVERTED


@pytest.mark.parametrize(
    ("name", "email", "text", "field"),
    [
        ("Vera", "not-an-address", "Hello", "email"),
        ("Vera", "", "Hello", "email"),
        ("Vera", "vera@example.com", "   ", "message"),
        ("Vera", "vera@example.com", "x" * 5001, "message"),
        ("V" * 201, "vera@example.com", "Hello", "name"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(team, name, email, text, field):
    with pytest.raises(ValidationFailed) as refusal:
        start_chat(name=name, email=email, text=text, team=team)

    assert refusal.value.field == field
    assert not Ticket.objects.exists()
