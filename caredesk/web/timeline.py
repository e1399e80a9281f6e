"""Timeline events told as sentences: "Ana changed priority from normal to high".

Each app tells its own events (its ``ui/timeline.py``, registered in ``caredesk/screens.py``);
this only picks the sentence for an event's kind and hides what the customer must not see.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from caredesk.core.screens import Reading, screens
from caredesk.tickets.models import TicketEvent


@dataclass(frozen=True)
class TimelineEntry:
    created_at: datetime
    text: str


def describe(event: TicketEvent, *, for_customer: bool = False, zone: tzinfo = UTC) -> str:
    data = event.data or {}
    actor = event.actor_name or "caredesk"
    if for_customer and data.get("rule"):
        actor = "caredesk"  # rule names are the team's internal business
    sentence = screens.sentence(event.kind)
    if sentence is None:
        # A kind no installed app tells any more (rows older than the code): its words, undotted.
        return f"{actor}: {event.kind.replace('.', ' ').replace('_', ' ')}"
    return sentence(
        Reading(event=event, actor=actor, data=data, for_customer=for_customer, zone=zone)
    )


def timeline(
    events: Iterable[TicketEvent], *, for_customer: bool = False, zone: tzinfo = UTC
) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            created_at=event.created_at,
            text=describe(event, for_customer=for_customer, zone=zone),
        )
        for event in events
    ]
