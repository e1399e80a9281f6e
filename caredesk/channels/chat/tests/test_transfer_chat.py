import pytest

from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.services.assignment import accept_chat, transfer_chat
from caredesk.channels.chat.services.availability import set_availability, set_chat_limit
from caredesk.core.errors import Conflict, PermissionDenied, ValidationFailed


@pytest.fixture
def active_chat(online_agent, start):
    return accept_chat(start().session, agent=online_agent)


def test_transfer_to_an_online_colleague(active_chat, online_agent, online_colleague):
    moved = transfer_chat(active_chat, actor=online_agent, to_agent=online_colleague)

    moved.ticket.refresh_from_db()
    assert moved.state == ChatState.ACTIVE
    assert moved.agent == online_colleague
    assert moved.ticket.assignee == online_colleague
    assert moved.ticket.events.get(kind="chat.transferred").data == {
        "session_id": moved.pk,
        "from_agent_id": online_agent.pk,
        "to_agent_id": online_colleague.pk,
        "to_team_id": None,
    }


def test_transfer_to_a_team_puts_the_chat_back_in_its_queue(active_chat, online_agent, other_team):
    moved = transfer_chat(active_chat, actor=online_agent, to_team=other_team)

    moved.ticket.refresh_from_db()
    assert moved.state == ChatState.WAITING
    assert moved.agent is None
    assert moved.team == other_team
    assert moved.queued_at > moved.started_at
    assert moved.ticket.team == other_team
    assert moved.ticket.assignee is None


def test_transfer_to_an_offline_colleague_is_refused(active_chat, online_agent, online_colleague):
    set_availability(online_colleague, availability="offline")

    with pytest.raises(Conflict) as refusal:
        transfer_chat(active_chat, actor=online_agent, to_agent=online_colleague)

    active_chat.refresh_from_db()
    assert refusal.value.field == "agent"
    assert active_chat.agent == online_agent


def test_transfer_respects_the_colleagues_limit(
    active_chat, online_agent, online_colleague, supervisor, start
):
    set_chat_limit(online_colleague, actor=supervisor, max_concurrent=1)
    accept_chat(start(email="other@example.com").session, agent=online_colleague)

    with pytest.raises(Conflict):
        transfer_chat(active_chat, actor=online_agent, to_agent=online_colleague)


def test_only_the_chats_agent_or_a_supervisor_transfers(
    active_chat, online_colleague, supervisor, other_team
):
    with pytest.raises(PermissionDenied):
        transfer_chat(active_chat, actor=online_colleague, to_team=other_team)

    moved = transfer_chat(active_chat, actor=supervisor, to_team=other_team)

    assert moved.team == other_team


def test_transfer_needs_exactly_one_target(active_chat, online_agent, online_colleague, team):
    with pytest.raises(ValidationFailed) as refusal:
        transfer_chat(active_chat, actor=online_agent, to_agent=online_colleague, to_team=team)

    assert refusal.value.field == "to"
