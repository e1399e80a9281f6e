"""Full-text search over tickets: SQLite FTS5 or PostgreSQL tsvector + GIN, behind one interface.

Both keep one row per ticket with three texts: the subject, the public conversation and the
internal notes. Customers match only the first two, so a search never reveals a note's words.
Services call ``index_ticket`` inside their transaction, so the index never lags the tickets.
The user's words are reduced to plain tokens, each required (AND); no query syntax is exposed.
"""

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from caredesk.tickets.models import Message, Ticket

TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_TOKENS = 12
# PostgreSQL's 'simple' configuration and FTS5's unicode61 both lower-case without stemming, so
# the two engines match the same words in any language.
PG_CONFIG = "simple"


def tokens_of(query: str) -> list[str]:
    return [token.lower() for token in TOKEN.findall(query)][:MAX_TOKENS]


def _texts(ticket: Ticket) -> tuple[str, str, str]:
    public_parts: list[str] = []
    internal_parts: list[str] = []
    for body, is_public in Message.objects.filter(ticket=ticket).values_list(
        "body_text", "is_public"
    ):
        (public_parts if is_public else internal_parts).append(body)
    return ticket.subject, "\n".join(public_parts), "\n".join(internal_parts)


def index_ticket(ticket: Ticket) -> None:
    subject, public_text, internal_text = _texts(ticket)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO ticket_search (ticket_id, subject, public_text, internal_text) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (ticket_id) DO UPDATE SET "
                "subject = EXCLUDED.subject, public_text = EXCLUDED.public_text, "
                "internal_text = EXCLUDED.internal_text",
                [ticket.pk, subject, public_text, internal_text],
            )
        else:
            cursor.execute(
                "INSERT OR REPLACE INTO ticket_search (rowid, subject, public_text, internal_text) "
                "VALUES (%s, %s, %s, %s)",
                [ticket.pk, subject, public_text, internal_text],
            )


def matching_ticket_ids(query: str, *, include_internal: bool) -> RawSQL | None:
    """A subquery of ticket ids matching every word of ``query``; None when it has no words."""
    words = tokens_of(query)
    if not words:
        return None
    if connection.vendor == "postgresql":
        column = "all_vector" if include_internal else "public_vector"
        return RawSQL(  # noqa: S611 - the column comes from a fixed pair; words are parameters
            f"SELECT ticket_id FROM ticket_search WHERE {column} @@ plainto_tsquery(%s, %s)",  # noqa: S608
            [PG_CONFIG, " ".join(words)],
        )
    phrase = " ".join('"' + word.replace('"', "") + '"' for word in words)
    if not include_internal:
        phrase = "{subject public_text} : (" + phrase + ")"
    # Parameters only: the user's words never reach the SQL text.
    return RawSQL("SELECT rowid FROM ticket_search WHERE ticket_search MATCH %s", [phrase])  # noqa: S611
