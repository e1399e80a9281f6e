from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from caredesk.channels.chat.choices import ChatState
from caredesk.channels.chat.models import TeamChatSettings
from caredesk.channels.chat.services.assignment import accept_chat
from caredesk.channels.chat.services.conversion import OFFLINE_TAG
from caredesk.channels.chat.services.sessions import post_agent_message, post_visitor_message
from caredesk.channels.chat.services.timeouts import expire_due_chats
from caredesk.channels.email.models import OutboundEmail
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.messages import add_message

BERLIN = ZoneInfo("Europe/Berlin")
SATURDAY_NOON = datetime(2026, 11, 7, 12, tzinfo=BERLIN)
MONDAY_TEN = datetime(2026, 11, 9, 10, tzinfo=BERLIN)
OFFLINE_TEXT = (
    "Nobody from our team is free to chat right now, so we will answer by email at "
    "vera@example.com. Your message has reached us."
)


def test_a_chat_outside_business_hours_is_answered_by_email(office_calendar, online_agent, start):
    with clock.pinned(SATURDAY_NOON):
        started = start()

    session = started.session
    assert session.state == ChatState.CONVERTED
    assert session.timeout_at is None
    assert session.ticket.events.get(kind="chat.converted").data["reason"] == (
        "outside business hours"
    )
    assert list(session.ticket.tags.values_list("name", flat=True)) == [OFFLINE_TAG]


def test_a_chat_in_business_hours_waits_for_the_online_team(office_calendar, online_agent, start):
    with clock.pinned(MONDAY_TEN):
        started = start()

    assert started.session.state == ChatState.WAITING
    assert started.session.timeout_at == MONDAY_TEN + timedelta(minutes=5)


def test_a_chat_nobody_accepts_in_time_becomes_an_email_ticket(online_agent, start):
    started = start()
    session = started.session
    started_at = session.started_at

    with clock.pinned(started_at + timedelta(minutes=4, seconds=59)):
        early = expire_due_chats()
    with clock.pinned(started_at + timedelta(minutes=5)):
        due = expire_due_chats()
        again = expire_due_chats()

    session.refresh_from_db()
    ticket = session.ticket
    notice = ticket.messages.order_by("pk").last()
    assert (early, due, again) == (0, 1, 0)
    assert session.state == ChatState.CONVERTED
    assert session.timeout_at is None
    assert ticket.events.get(kind="chat.converted").data["reason"] == (
        "nobody accepted within 5 minutes"
    )
    assert list(ticket.tags.values_list("name", flat=True)) == [OFFLINE_TAG]
    assert notice.body_text == OFFLINE_TEXT
    assert OutboundEmail.objects.get(message=notice).to == ["vera@example.com"]


def test_the_teams_setting_decides_how_long_a_chat_waits(team, online_agent, start):
    TeamChatSettings.objects.create(team=team, accept_within_minutes=2)

    session = start().session

    assert session.timeout_at == session.started_at + timedelta(minutes=2)


def test_an_accepted_chat_does_not_time_out_as_waiting(online_agent, start):
    session = start().session

    accept_chat(session, agent=online_agent)
    with clock.pinned(session.started_at + timedelta(minutes=6)):
        due = expire_due_chats()

    session.refresh_from_db()
    assert due == 0
    assert session.state == ChatState.ACTIVE


def test_an_idle_chat_closes_and_each_message_keeps_it_open(online_agent, start):
    session = accept_chat(start().session, agent=online_agent)
    accepted_at = session.accepted_at

    with clock.pinned(accepted_at + timedelta(minutes=20)):
        post_visitor_message(session, text="Still there?", client_id="v1")
    with clock.pinned(accepted_at + timedelta(minutes=40)):
        post_agent_message(session, agent=online_agent, text="Yes.", client_id="a1")
    with clock.pinned(accepted_at + timedelta(minutes=69)):
        before_idle = expire_due_chats()
    with clock.pinned(accepted_at + timedelta(minutes=70)):
        idle = expire_due_chats()

    session.refresh_from_db()
    ended = session.ticket.events.get(kind="chat.ended")
    assert (before_idle, idle) == (0, 1)
    assert session.state == ChatState.ENDED
    assert session.ended_at == accepted_at + timedelta(minutes=70)
    assert ended.data == {"session_id": session.pk, "reason": "idle for 30 minutes"}
    assert ended.actor_kind == "system"


def test_the_teams_reply_to_a_converted_chat_goes_by_email(agent, start):
    session = start().session
    ticket = session.ticket

    reply = add_message(ticket, actor=Actor.of_user(agent), body="Here is your answer.")
    note = add_message(ticket, actor=Actor.of_user(agent), body="Internal.", is_public=False)

    assert session.state == ChatState.CONVERTED
    assert OutboundEmail.objects.get(message=reply).to == ["vera@example.com"]
    assert not OutboundEmail.objects.filter(message=note).exists()
