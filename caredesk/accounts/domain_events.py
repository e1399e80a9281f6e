"""What the accounts app announces to the apps above it (see ``caredesk/subscriptions.py``)."""

from dataclasses import dataclass
from datetime import datetime

from caredesk.accounts.models import User


@dataclass(frozen=True)
class AvailabilityChanged:
    """An agent went online, away or offline; routing hands out or takes back work."""

    agent: User
    previous: str
    availability: str
    at: datetime
