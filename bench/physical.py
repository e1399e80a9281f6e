"""The database's own limit: the rows of one ticket create, raw, one transaction per ticket.

Runs last in an engine's pass (bench/engine.py), on the same seeded database, with the same
engine settings as the server: SQLite in WAL mode, ``BEGIN IMMEDIATE``, caredesk's pragmas;
PostgreSQL with the same connection URL. One thread, then ``clients`` threads, each with its own
connection, commit one row set at a time: a ticket, its first message, its
``ticket.created`` event and its search row, the rows every API create writes (the create also
reads the customer, the team, the viewer's scope, and writes its task and timeline extras).
caredesk's API create rate divided by this rate is the share of the database's own limit the API
reaches.
"""

import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any

import psycopg
from django.conf import settings
from django.db import connection

from bench.databases import database_url
from bench.people import Cast
from bench.rows import EVENT_COLUMNS, MESSAGE_COLUMNS, TICKET_COLUMNS, ChunkMaker
from bench.vocabulary import Vocabulary
from bench.workload import Workload

# The raw rate settles within seconds: a third of the API's window per run keeps quick short.
PHYSICAL_SHARE_OF_CREATE_TIME = 0.3
ROW_SETS = 2_000  # cycled: the database assigns the ids, so a text may repeat


@dataclass(frozen=True)
class PhysicalRun:
    clients: int
    tickets: int
    seconds: float
    rows_per_ticket: int

    @property
    def per_second(self) -> float:
        return self.tickets / self.seconds


def _insert(table: str, columns: tuple[str, ...], mark: str, returning: bool = False) -> str:
    names = ", ".join(columns)
    marks = ", ".join(mark for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})" + (
        " RETURNING id" if returning else ""
    )


class _Statements:
    def __init__(self, sqlite: bool) -> None:
        mark = "?" if sqlite else "%s"
        self.ticket = _insert("tickets_ticket", TICKET_COLUMNS[1:], mark, returning=True)
        self.message = _insert("tickets_message", MESSAGE_COLUMNS[1:], mark)
        self.event = _insert("tickets_ticketevent", EVENT_COLUMNS[1:], mark)
        key = "rowid" if sqlite else "ticket_id"
        self.search = _insert(
            "ticket_search", (key, "subject", "public_text", "internal_text"), mark
        )


def _row_sets(workload: Workload, cast: Cast, vocabulary: Vocabulary) -> list[tuple[Any, ...]]:
    sqlite = connection.vendor == "sqlite"
    maker = ChunkMaker(workload, cast, vocabulary, now_us=time.time_ns() // 1000, sqlite=sqlite)
    chunk = maker.make(1, ROW_SETS)
    return [
        (chunk.tickets[i][1:], chunk.messages[3 * i][2:], chunk.events[i][2:], chunk.search[i][1:])
        for i in range(ROW_SETS)
    ]


def _write_one(cursor: Any, sql: _Statements, row_set: tuple[Any, ...]) -> None:
    ticket, message, event, search = row_set
    cursor.execute(sql.ticket, ticket)
    ticket_id = cursor.fetchone()[0]
    cursor.execute(sql.message, (ticket_id, *message))
    cursor.execute(sql.event, (ticket_id, *event))
    cursor.execute(sql.search, (ticket_id, *search))


def _sqlite_client(path: str, sql: _Statements, next_row: Any, stop_at: float) -> int:
    options = settings.DATABASES["default"]["OPTIONS"]
    conn = sqlite3.connect(
        path, timeout=options["timeout"], isolation_level=None, check_same_thread=False
    )
    conn.executescript(options["init_command"])  # caredesk's own pragmas
    cursor = conn.cursor()
    done = 0
    while time.monotonic() < stop_at:
        cursor.execute("BEGIN IMMEDIATE")
        _write_one(cursor, sql, next_row())
        cursor.execute("COMMIT")
        done += 1
    conn.close()
    return done


def _postgres_client(url: str, sql: _Statements, next_row: Any, stop_at: float) -> int:
    done = 0
    with psycopg.connect(url) as conn:
        while time.monotonic() < stop_at:
            with conn.transaction(), conn.cursor() as cursor:
                _write_one(cursor, sql, next_row())
            done += 1
    return done


def _run(
    client: Any, target: str, sql: _Statements, next_row: Any, *, clients: int, seconds: float
) -> PhysicalRun:
    counts: list[int] = []
    stop_at = time.monotonic() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(target=lambda: counts.append(client(target, sql, next_row, stop_at)))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return PhysicalRun(
        clients=clients,
        tickets=sum(counts),
        seconds=round(time.perf_counter() - started, 2),
        rows_per_ticket=4,
    )


def measure(workload: Workload, cast: Cast, vocabulary: Vocabulary) -> list[PhysicalRun]:
    """One connection, then as many as the API's clients: SQLite takes one writer at a time
    (the others wait in its busy handler), PostgreSQL commits them in parallel."""
    sqlite = connection.vendor == "sqlite"
    rows = _row_sets(workload, cast, vocabulary)
    sql = _Statements(sqlite)
    target = str(connection.settings_dict["NAME"]) if sqlite else database_url()
    connection.close()
    counter = iter(range(10**9))
    lock = threading.Lock()

    def next_row() -> tuple[Any, ...]:
        with lock:
            return rows[next(counter) % len(rows)]

    client = _sqlite_client if sqlite else _postgres_client
    seconds = workload.create_seconds * PHYSICAL_SHARE_OF_CREATE_TIME
    return [
        _run(client, target, sql, next_row, clients=clients, seconds=seconds)
        for clients in (1, workload.concurrent_clients)
    ]
