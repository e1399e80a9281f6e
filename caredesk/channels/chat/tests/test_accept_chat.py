import pytest

from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.models import ChatSession
from caredesk.channels.chat.services.assignment import accept_chat
from caredesk.channels.chat.services.availability import set_availability, set_chat_limit
from caredesk.channels.chat.services.sessions import end_chat
from caredesk.core.errors import Conflict, NotFound, PermissionDenied
from caredesk.tickets.actors import Actor


def test_accepting_takes_the_chat_and_assigns_the_ticket(online_agent, start):
    session = start().session

    accepted = accept_chat(session, agent=online_agent)

    accepted.ticket.refresh_from_db()
    assert accepted.state == ChatState.ACTIVE
    assert accepted.agent == online_agent
    assert accepted.accepted_at is not None
    assert accepted.ticket.assignee == online_agent
    event = accepted.ticket.events.get(kind="chat.accepted")
    assert event.actor_user == online_agent
    assert event.data["session_id"] == session.pk


def test_a_second_accept_of_the_same_chat_is_refused(online_agent, online_colleague, start):
    session = start().session
    seen_by_colleague = ChatSession.objects.get(pk=session.pk)  # loaded while still waiting

    accept_chat(session, agent=online_agent)
    with pytest.raises(Conflict) as refusal:
        accept_chat(seen_by_colleague, agent=online_colleague)

    session.refresh_from_db()
    assert refusal.value.message == "Ana Agent has already accepted this chat."
    assert refusal.value.field == "session"
    assert session.agent == online_agent
    assert session.ticket.events.filter(kind="chat.accepted").count() == 1


def test_the_concurrent_limit_is_kept(online_agent, supervisor, start):
    set_chat_limit(online_agent, actor=supervisor, max_concurrent=2)
    first, second, third = (start(email=f"v{n}@example.com").session for n in range(3))
    accept_chat(first, agent=online_agent)
    accept_chat(second, agent=online_agent)

    with pytest.raises(Conflict) as refusal:
        accept_chat(third, agent=online_agent)

    third.refresh_from_db()
    assert refusal.value.message == "Ana Agent already has 2 chats, the limit of 2."
    assert third.state == ChatState.WAITING
    assert third.agent is None


def test_an_ended_chat_frees_a_place(online_agent, supervisor, start):
    set_chat_limit(online_agent, actor=supervisor, max_concurrent=1)
    first, second = start(email="a@example.com").session, start(email="b@example.com").session
    accept_chat(first, agent=online_agent)
    end_chat(first, actor=Actor.of_user(online_agent))

    accepted = accept_chat(second, agent=online_agent)

    assert accepted.state == ChatState.ACTIVE


def test_an_away_agent_takes_no_new_chats(online_agent, start):
    session = start().session
    set_availability(online_agent, availability="away")

    with pytest.raises(Conflict) as refusal:
        accept_chat(session, agent=online_agent)

    assert refusal.value.message == "Ana Agent is not online for chats."


def test_another_teams_chat_is_not_found(online_agent, other_agent, start):
    set_availability(other_agent, availability="online")
    session = start().session

    with pytest.raises(NotFound):
        accept_chat(session, agent=other_agent)

    session.refresh_from_db()
    assert session.state == ChatState.WAITING


def test_customers_cannot_accept_chats(online_agent, customer_user, start):
    with pytest.raises(PermissionDenied):
        accept_chat(start().session, agent=customer_user)


def test_only_supervisors_set_limits(online_agent, agent):
    with pytest.raises(PermissionDenied):
        set_chat_limit(online_agent, actor=agent, max_concurrent=5)
