"""Domain events between apps, without signals and without upward imports.

A service publishes a small frozen dataclass; the handlers subscribed to its type run at once,
inside the publisher's transaction, so their writes (SLA clocks, rule actions) commit or roll back
with the change that caused them. A handler that must not run before the commit (a task, an
email) defers itself with ``transaction.on_commit``. Subscriptions are listed in one place,
``caredesk/subscriptions.py``, so anyone can read who reacts to what.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any], None]

_handlers: dict[type, list[Handler]] = defaultdict(list)


def subscribe(event_type: type, handler: Handler) -> None:
    if handler not in _handlers[event_type]:
        _handlers[event_type].append(handler)


def publish(event: object) -> None:
    for handler in list(_handlers.get(type(event), ())):
        handler(event)
