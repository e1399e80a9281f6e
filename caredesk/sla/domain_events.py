"""What service levels announce: a clock reached its warning point or its due time."""

from dataclasses import dataclass
from datetime import datetime

from caredesk.sla.models import TicketClock


@dataclass(frozen=True)
class SlaWarned:
    clock: TicketClock
    at: datetime


@dataclass(frozen=True)
class SlaBreached:
    clock: TicketClock
    at: datetime
