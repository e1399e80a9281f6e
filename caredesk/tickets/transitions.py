"""The ticket status machine: which moves are allowed, and what a reply does to the status."""

from caredesk.core.errors import ValidationFailed
from caredesk.tickets.choices import TicketStatus

S = TicketStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED}),
    S.OPEN: frozenset({S.PENDING, S.ON_HOLD, S.SOLVED}),
    S.PENDING: frozenset({S.OPEN, S.ON_HOLD, S.SOLVED}),
    S.ON_HOLD: frozenset({S.OPEN, S.PENDING, S.SOLVED}),
    # Closing happens only after solving, so nothing is closed without an answer.
    S.SOLVED: frozenset({S.OPEN, S.CLOSED}),
    S.CLOSED: frozenset(),
}


def check_transition(current: str, target: str) -> None:
    if target == current:
        return
    if target not in ALLOWED_TRANSITIONS[current]:
        if current == S.CLOSED:
            raise ValidationFailed(
                "A closed ticket cannot change; a reply to it opens a follow-up ticket.",
                field="status",
            )
        raise ValidationFailed(f"A ticket cannot go from {current} to {target}.", field="status")


def status_after_customer_reply(current: str) -> str:
    """A customer writing again means the team owes them an answer (closed is handled apart)."""
    if current in (S.PENDING, S.ON_HOLD, S.SOLVED):
        return S.OPEN
    return current


def status_after_agent_reply(current: str) -> str:
    return S.OPEN if current == S.NEW else current
