from datetime import UTC, datetime, timedelta

import pytest

from caredesk.accounts.models import Notification
from caredesk.channels.voice.models import CallbackRequest
from caredesk.channels.voice.services.callbacks import notify_overdue_callbacks
from caredesk.channels.voice.tasks import notify_overdue_callbacks_task
from caredesk.channels.voice.tests.conftest import answered_call, missed_call
from caredesk.core import clock
from caredesk.tickets.actors import Actor
from caredesk.tickets.services.update import TicketChanges, update_ticket

MISSED_AT = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def missed(post_call_event, agent, supervisor):
    with clock.pinned(MISSED_AT):
        post_call_event(missed_call())
    return CallbackRequest.objects.get()


def test_the_callback_is_due_after_the_integrations_target(missed):
    assert missed.due_at == MISSED_AT + timedelta(minutes=30)
    event = missed.ticket.events.get(kind="callback.scheduled")
    assert event.data == {
        "call_id": missed.call_id,
        "phone": "+491701234567",
        "outcome": "missed",
        "due_at": "2025-03-03T10:30:00+00:00",
    }


def test_nothing_is_sent_before_the_callback_is_due(missed):
    with clock.pinned(MISSED_AT + timedelta(minutes=29)):
        assert notify_overdue_callbacks_task.func() == 0

    assert Notification.objects.count() == 0


def test_an_overdue_callback_notifies_the_team_once(missed, agent, supervisor):
    with clock.pinned(MISSED_AT + timedelta(minutes=31)):
        first = notify_overdue_callbacks_task.func()
        second = notify_overdue_callbacks_task.func()

    assert (first, second) == (1, 0)
    assert sorted(Notification.objects.values_list("user__name", flat=True)) == [
        agent.name,
        supervisor.name,
    ]
    subject = Notification.objects.first().subject
    assert subject == f"Callback overdue: +491701234567 (ticket #{missed.ticket_id})"
    missed.refresh_from_db()
    assert missed.overdue_notified_at == MISSED_AT + timedelta(minutes=31)
    assert missed.ticket.events.get(kind="callback.overdue").data["notified"] == sorted(
        [agent.name, supervisor.name]
    )


def test_the_assignee_alone_is_told_when_there_is_one(missed, agent, supervisor):
    update_ticket(missed.ticket, actor=Actor.system(), changes=TicketChanges(assignee=agent))

    notify_overdue_callbacks(now=MISSED_AT + timedelta(hours=1))

    assert list(Notification.objects.values_list("user", flat=True)) == [agent.pk]


def test_a_callback_made_in_time_is_not_reported(missed, post_call_event):
    with clock.pinned(MISSED_AT + timedelta(minutes=10)):
        post_call_event(
            {
                **answered_call("call-back"),
                "direction": "outbound",
                "from": "+49301234567",
                "to": "+491701234567",
            }
        )

    assert notify_overdue_callbacks(now=MISSED_AT + timedelta(hours=1)) == 0
    missed.refresh_from_db()
    assert missed.completed_at == MISSED_AT + timedelta(minutes=10)
    assert Notification.objects.count() == 0


def test_a_solved_ticket_settles_its_callback_silently(missed, agent):
    update_ticket(missed.ticket, actor=Actor.of_user(agent), changes=TicketChanges(status="solved"))

    assert notify_overdue_callbacks(now=MISSED_AT + timedelta(hours=1)) == 0

    missed.refresh_from_db()
    assert missed.completed_at == MISSED_AT + timedelta(hours=1)
    assert Notification.objects.count() == 0
