"""Bulk seeding: COPY on PostgreSQL, multi-row executemany on SQLite, timed by phase.

On PostgreSQL the load runs the way pg_restore does: secondary indexes are dropped and rebuilt
after the data, and foreign-key triggers are off for the loading session (the rows are generated
consistent). The seed rate counts every phase, index rebuilds and ANALYZE included.
"""

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction

from bench.people import Cast, seed_people
from bench.rows import EVENT_COLUMNS, MESSAGE_COLUMNS, TICKET_COLUMNS, ChunkMaker, Row
from bench.vocabulary import Vocabulary
from bench.workload import Workload
from caredesk.tickets.models import Message, Ticket, TicketEvent

CHUNK = 25_000
BIG_TABLES = ("tickets_ticket", "tickets_message", "tickets_ticketevent", "ticket_search")
SECONDARY_INDEXES = """
SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = 'public' AND i.tablename = ANY(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
"""


@dataclass
class SeedResult:
    tickets: int
    messages: int
    events: int
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def tickets_per_second(self) -> float:
        return self.tickets / self.seconds


def _write(table: str, columns: Sequence[str], rows: list[Row]) -> None:
    names = ", ".join(columns)
    raw = connection.connection.cursor()
    if connection.vendor == "postgresql":
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _search_columns() -> tuple[str, ...]:
    key = "ticket_id" if connection.vendor == "postgresql" else "rowid"
    return (key, "subject", "public_text", "internal_text")


@contextmanager
def _bulk_load(phases: dict[str, float]) -> Iterator[None]:
    """PostgreSQL: drop secondary indexes and FK triggers for the load, rebuild after."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(SECONDARY_INDEXES, [list(BIG_TABLES)])
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET session_replication_role = replica")
    yield
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _, definition in indexes:
            cursor.execute(definition)
    phases["indexes"] = time.perf_counter() - started


def _finish(phases: dict[str, float]) -> None:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [Ticket, Message, TicketEvent]
        ):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            # What a long-lived FTS5 index converges to through its own automatic merges.
            cursor.execute("INSERT INTO ticket_search(ticket_search) VALUES ('optimize')")
    phases["analyze" if connection.vendor == "postgresql" else "fts_optimize"] = (
        time.perf_counter() - started
    )


def seed(
    workload: Workload, vocabulary: Vocabulary, *, progress: bool = True
) -> tuple[Cast, SeedResult]:
    if Ticket.objects.exists():
        raise RuntimeError("the benchmark seeds an empty database only")
    phases: dict[str, float] = {}
    started = time.perf_counter()
    cast = seed_people(teams=workload.teams, agents=workload.agents, customers=workload.customers)
    phases["people"] = time.perf_counter() - started
    maker = ChunkMaker(
        workload,
        cast,
        vocabulary,
        now_us=time.time_ns() // 1000,
        sqlite=connection.vendor == "sqlite",
    )
    rows_started = time.perf_counter()
    with _bulk_load(phases):
        for first in range(1, workload.tickets + 1, CHUNK):
            chunk = maker.make(first, min(CHUNK, workload.tickets - first + 1))
            with transaction.atomic():
                _write("tickets_ticket", TICKET_COLUMNS, chunk.tickets)
                _write("tickets_message", MESSAGE_COLUMNS, chunk.messages)
                _write("tickets_ticketevent", EVENT_COLUMNS, chunk.events)
                _write("ticket_search", _search_columns(), chunk.search)
            if progress:
                done = first + len(chunk.tickets) - 1
                print(
                    f"  seeded {done:,}/{workload.tickets:,} tickets ({time.perf_counter() - started:.0f}s)",
                    flush=True,
                )
        phases["rows"] = time.perf_counter() - rows_started
    _finish(phases)
    seconds = time.perf_counter() - started
    result = SeedResult(
        tickets=workload.tickets,
        messages=workload.tickets * workload.messages_per_ticket,
        events=workload.tickets,
        seconds=seconds,
        phases={name: round(value, 2) for name, value in phases.items()},
    )
    return cast, result
