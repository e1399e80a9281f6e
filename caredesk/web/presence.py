"""Who is looking at a ticket right now, and whether they are writing a reply.

Kept in Django's cache so every worker process agrees. Each open ticket page refreshes its entry
with a poll every few seconds; an entry older than ``PRESENCE_SECONDS`` counts as gone, so a closed
tab disappears without any goodbye request.
"""

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from caredesk.core import clock

PRESENCE_SECONDS = 15


@dataclass(frozen=True)
class Viewer:
    user_id: int
    name: str
    is_typing: bool


def _key(ticket_id: int) -> str:
    return f"caredesk:presence:ticket:{ticket_id}"


def _fresh(entries: dict[str, dict[str, Any]], now: float) -> dict[str, dict[str, Any]]:
    return {
        user_id: entry
        for user_id, entry in entries.items()
        if now - entry["seen"] < PRESENCE_SECONDS
    }


def record_presence(ticket_id: int, *, user_id: int, name: str, is_typing: bool) -> None:
    """Note that ``user_id`` has the ticket open.

    Read-modify-write without a lock: two polls landing together may drop one entry, which the
    next poll (a few seconds later) restores. A notice that flickers once is cheaper than a lock.
    """
    now = clock.now().timestamp()
    entries = _fresh(cache.get(_key(ticket_id), {}), now)
    entries[str(user_id)] = {"name": name, "typing": is_typing, "seen": now}
    cache.set(_key(ticket_id), entries, timeout=PRESENCE_SECONDS)


def viewers_of(ticket_id: int, *, excluding_user_id: int) -> list[Viewer]:
    """Everyone else with the ticket open, those writing a reply first."""
    now = clock.now().timestamp()
    entries = _fresh(cache.get(_key(ticket_id), {}), now)
    viewers = [
        Viewer(user_id=int(user_id), name=entry["name"], is_typing=bool(entry["typing"]))
        for user_id, entry in entries.items()
        if int(user_id) != excluding_user_id
    ]
    return sorted(viewers, key=lambda viewer: (not viewer.is_typing, viewer.name))
