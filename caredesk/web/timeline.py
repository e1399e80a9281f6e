"""The timeline as the ticket page and the portal draw it: each event told as a sentence.

Each app tells its own events (its ``ui/timeline.py``, registered in ``caredesk/screens.py``);
``screens.tell`` picks the sentence for an event's kind and hides what the customer must not see.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from caredesk.core.screens import screens
from caredesk.tickets.models import TicketEvent


@dataclass(frozen=True)
class TimelineEntry:
    created_at: datetime
    text: str


def describe(event: TicketEvent, *, for_customer: bool = False, zone: tzinfo = UTC) -> str:
    return screens.tell(event, for_customer=for_customer, zone=zone)


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
