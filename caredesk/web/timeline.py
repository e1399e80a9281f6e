"""Timeline events told as sentences: "Ana changed priority from normal to high"."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from caredesk.tickets.choices import CUSTOMER_STATUS_TEXT, Channel, TicketStatus
from caredesk.tickets.events import EventKind
from caredesk.tickets.models import TicketEvent

FIELD_NAMES = {"custom_fields": "custom fields", "assignee": "the assignee"}


@dataclass(frozen=True)
class TimelineEntry:
    created_at: datetime
    text: str


def _status(value: Any, *, for_customer: bool) -> str:
    if value not in TicketStatus.values:
        return str(value)
    if for_customer:
        return CUSTOMER_STATUS_TEXT[TicketStatus(value)]
    return str(TicketStatus(value).label)


def _value(value: Any) -> str:
    if value is None or value in ("", [], {}):
        return "nothing"
    if isinstance(value, dict) and "name" in value:
        return str(value["name"])
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in sorted(value.items()))
    return str(value)


def _field_change(actor: str, data: dict[str, Any]) -> str:
    field = str(data.get("field", "a field"))
    name = FIELD_NAMES.get(field, field)
    return f"{actor} changed {name} from {_value(data.get('from'))} to {_value(data.get('to'))}"


def describe(event: TicketEvent, *, for_customer: bool = False) -> str:
    actor = event.actor_name or "caredesk"
    data = event.data or {}
    kind = event.kind
    if kind == EventKind.CREATED and for_customer:
        return f"{actor} opened this request"
    if kind == EventKind.CREATED:
        channel = Channel(event.channel).label if event.channel in Channel.values else "caredesk"
        return f"{actor} opened the ticket ({channel})"
    if kind == EventKind.MESSAGE_ADDED:
        return f"{actor} replied"
    if kind == EventKind.NOTE_ADDED:
        return f"{actor} added an internal note"
    if kind in (EventKind.STATUS_CHANGED, EventKind.REOPENED):
        before = _status(data.get("from"), for_customer=for_customer)
        after = _status(data.get("to"), for_customer=for_customer)
        if for_customer:
            return f"Status: {after}"
        verb = "reopened the ticket" if kind == EventKind.REOPENED else "changed the status"
        return f"{actor} {verb} from {before} to {after}"
    if kind == EventKind.FIELD_CHANGED:
        return _field_change(actor, data)
    if kind == EventKind.FOLLOW_UP_OPENED:
        return f"{actor} wrote after closing; follow-up #{data.get('follow_up_id')} was opened"
    if kind == EventKind.MERGED_INTO:
        return f"{actor} merged this ticket into #{data.get('target_id')}"
    if kind == EventKind.MERGED_FROM:
        return f"{actor} merged #{data.get('source_id')} into this ticket"
    if kind == EventKind.SPLIT_FROM:
        return f"{actor} split this ticket from #{data.get('ticket_id')}"
    if kind == EventKind.SPLIT_TO:
        return f"{actor} split a message into #{data.get('ticket_id')}"
    if kind == EventKind.LINKED:
        return f"{actor} linked this ticket with #{data.get('ticket_id')}"
    if kind == EventKind.UNLINKED:
        return f"{actor} removed the link with #{data.get('ticket_id')}"
    return f"{actor}: {kind}"


def timeline(events: Iterable[TicketEvent], *, for_customer: bool = False) -> list[TimelineEntry]:
    return [
        TimelineEntry(created_at=event.created_at, text=describe(event, for_customer=for_customer))
        for event in events
    ]
