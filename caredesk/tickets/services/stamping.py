from datetime import datetime

from caredesk.tickets.models import Ticket


def save_change(ticket: Ticket, now: datetime, fields: list[str]) -> None:
    """Persist ``fields`` and mark the ticket changed: a new version for ETags, a new updated_at."""
    ticket.version += 1
    ticket.updated_at = now
    ticket.save(update_fields=sorted({*fields, "version", "updated_at"}))
