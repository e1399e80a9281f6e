"""The tickets' own timeline events in plain words, and the word helpers every app's sentences use.

Times inside a sentence ("breached at 11:00") are given in the reader's own time zone.
"""

from datetime import datetime
from typing import Any

from caredesk.core.screens import Reading, Sentence
from caredesk.tickets.choices import CUSTOMER_STATUS_TEXT, Channel, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.services.customer_merge import CUSTOMER_MERGED

FIELD_NAMES = {"custom_fields": "custom fields", "assignee": "the assignee"}


def status_text(value: Any, *, for_customer: bool) -> str:
    if value not in TicketStatus.values:
        return str(value)
    if for_customer:
        return CUSTOMER_STATUS_TEXT[TicketStatus(value)]
    return str(TicketStatus(value).label)


def value_text(value: Any) -> str:
    if value is None or value in ("", [], {}):
        return "nothing"
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in sorted(value.items()))
    return str(value)


def moment_text(value: Any, reading: Reading) -> str:
    """A time in the reader's zone; the date only when it is not the day the event happened."""
    if not value:
        return "no time"
    try:
        moment = datetime.fromisoformat(str(value)).astimezone(reading.zone)
    except ValueError:
        return str(value)
    if moment.date() == reading.event.created_at.astimezone(reading.zone).date():
        return moment.strftime("%H:%M")
    return moment.strftime("%a %d %b %H:%M")


def _created(reading: Reading) -> str:
    if reading.for_customer:
        return f"{reading.actor} opened this request"
    channel = reading.event.channel
    name = Channel(channel).label if channel in Channel.values else "caredesk"
    return f"{reading.actor} opened the ticket ({name})"


def _status_changed(reading: Reading) -> str:
    after = status_text(reading.data.get("to"), for_customer=reading.for_customer)
    if reading.for_customer:
        return f"Status: {after}"
    before = status_text(reading.data.get("from"), for_customer=False)
    verb = (
        "reopened the ticket" if reading.event.kind == EventKind.REOPENED else "changed the status"
    )
    return f"{reading.actor} {verb} from {before} to {after}"


def _field_changed(reading: Reading) -> str:
    field = str(reading.data.get("field", "a field"))
    name = FIELD_NAMES.get(field, field)
    before, after = value_text(reading.data.get("from")), value_text(reading.data.get("to"))
    return f"{reading.actor} changed {name} from {before} to {after}"


class _Facts(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def _about(template: str) -> Sentence:
    """A sentence naming the other ticket of a merge, split, move or link."""
    return lambda reading: template.format_map(_Facts(reading.data, actor=reading.actor))


def _customer_merged(reading: Reading) -> str:
    before = reading.data.get("from_customer_name") or "another customer"
    after = reading.data.get("to_customer_name") or "this customer"
    return f"{reading.actor} merged the customer {before} into {after}"


SENTENCES: dict[str, Sentence] = {
    EventKind.CREATED: _created,
    EventKind.MESSAGE_ADDED: lambda reading: f"{reading.actor} replied",
    EventKind.NOTE_ADDED: lambda reading: f"{reading.actor} added an internal note",
    EventKind.STATUS_CHANGED: _status_changed,
    EventKind.REOPENED: _status_changed,
    EventKind.FIELD_CHANGED: _field_changed,
    EventKind.FOLLOW_UP_OPENED: lambda reading: (
        f"{reading.actor} wrote after closing; follow-up "
        f"#{reading.data.get('follow_up_id')} was opened"
    ),
    EventKind.MERGED_INTO: _about("{actor} merged this ticket into #{target_id}"),
    EventKind.MERGED_FROM: _about("{actor} merged #{source_id} into this ticket"),
    EventKind.SPLIT_FROM: _about("{actor} split this ticket from #{ticket_id}"),
    EventKind.SPLIT_TO: _about("{actor} split a message into #{ticket_id}"),
    EventKind.MESSAGE_MOVED_OUT: _about("{actor} moved a message to #{ticket_id}"),
    EventKind.MESSAGE_MOVED_IN: _about("{actor} moved a message here from #{ticket_id}"),
    EventKind.LINKED: _about("{actor} linked this ticket with #{ticket_id}"),
    EventKind.UNLINKED: _about("{actor} removed the link with #{ticket_id}"),
    CUSTOMER_MERGED: _customer_merged,
}
