"""The one source of "now", so tests and the demo loader can set time, and services agree on it."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_pinned: ContextVar[datetime | None] = ContextVar("caredesk_pinned_now", default=None)


def now() -> datetime:
    pinned = _pinned.get()
    return pinned if pinned is not None else timezone.now()


@contextmanager
def pinned(moment: datetime) -> Iterator[None]:
    """Make ``now()`` answer ``moment`` inside the block (demo history, tests of time rules)."""
    if timezone.is_naive(moment):
        raise ValueError("pinned() needs a timezone-aware datetime")
    token = _pinned.set(moment)
    try:
        yield
    finally:
        _pinned.reset(token)
