"""Whether the team works right now: asked by channels (live chat), answered by the SLA app.

Channels may not import ``sla`` (the apps are siblings), so ``caredesk/subscriptions.py`` registers
the SLA calendars' answer here. With no answer registered the team counts as always open.
"""

from collections.abc import Callable
from datetime import datetime

OpenAt = Callable[[datetime], bool]

_answer: list[OpenAt] = []


def answer_with(open_at: OpenAt) -> None:
    """Register the one function that decides; registering again replaces it."""
    _answer[:] = [open_at]


def is_open_at(moment: datetime) -> bool:
    return _answer[0](moment) if _answer else True
