"""What service levels announce: clocks reached their warning point or their due time."""

from dataclasses import dataclass
from datetime import datetime

from caredesk.sla.models import TicketClock


@dataclass(frozen=True)
class DeadlineReached:
    clock: TicketClock
    trigger: str  # "warning" or "breach"
    at: datetime


@dataclass(frozen=True)
class DeadlinesReached:
    """One sweep batch's warnings and breaches, published together so subscribers can read
    their configuration once per batch instead of once per clock."""

    reached: tuple[DeadlineReached, ...]
