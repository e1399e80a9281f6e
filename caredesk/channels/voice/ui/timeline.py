"""Phone callbacks' timeline events in plain words: owed, made and overdue."""

from caredesk.channels.voice.choices import CallOutcome
from caredesk.channels.voice.services.callbacks import (
    CALLBACK_COMPLETED,
    CALLBACK_OVERDUE,
    CALLBACK_SCHEDULED,
)
from caredesk.core.screens import Reading, Sentence
from caredesk.tickets.ui.timeline import moment_text, value_text


def _scheduled(reading: Reading) -> str:
    outcome = reading.data.get("outcome")
    call = CallOutcome(outcome).label.lower() if outcome in CallOutcome.values else "unanswered"
    due = moment_text(reading.data.get("due_at"), reading)
    return f"A callback to {reading.data.get('phone')} is owed after a {call} call, due {due}"


def _overdue(reading: Reading) -> str:
    due = moment_text(reading.data.get("due_at"), reading)
    notified = reading.data.get("notified")
    told = f"; notified {value_text(notified)}" if notified else ""
    return f"The callback due {due} is overdue{told}"


SENTENCES: dict[str, Sentence] = {
    CALLBACK_SCHEDULED: _scheduled,
    CALLBACK_COMPLETED: lambda reading: f"{reading.actor} called the customer back",
    CALLBACK_OVERDUE: _overdue,
}
