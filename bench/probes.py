"""In-process measurements through Django's test client: queries per request and query plans."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.payloads import CreatePayloads, Read
from caredesk.accounts.models import User
from caredesk.tickets import selectors

TICKETS_TABLE = 'FROM "tickets_ticket"'


@dataclass
class CapturedRequest:
    queries: int
    list_sql: str
    plan: str


def api_client(token: str) -> Client:
    return Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")


def queries_per_create(client: Client, payloads: CreatePayloads, *, creates: int) -> float:
    client.post("/api/v1/tickets", payloads[0], content_type="application/json")  # warm caches
    with CaptureQueriesContext(connection) as captured:
        for i in range(1, creates + 1):
            response = client.post("/api/v1/tickets", payloads[i], content_type="application/json")
            if response.status_code != 201:
                raise RuntimeError(
                    f"create answered {response.status_code}: {response.content[:300]!r}"
                )
    return len(captured.captured_queries) / creates


def _page_query(queries: list[dict[str, Any]]) -> str:
    """The statement that selects the page of tickets (the one with the ORDER BY and LIMIT)."""
    for query in queries:
        sql = query["sql"]
        if (
            sql.startswith("SELECT")
            and TICKETS_TABLE in sql
            and "LIMIT" in sql
            and "ORDER BY" in sql
        ):
            return str(sql)
    raise RuntimeError("no ticket page query was captured")


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(f"{row[0]}|{row[1]}| {row[-1]}" for row in cursor.fetchall())


def session_client(user: User) -> Client:
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    return client


def session_cookie(client: Client) -> str:
    """The ``Cookie`` header that signs the viewer in to the web UI on a real server."""
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def capture(client: Client, read: Read) -> CapturedRequest:
    client.get(read.path, read.params)  # warm the cache so the plan shows the steady state
    with CaptureQueriesContext(connection) as captured:
        response = client.get(read.path, read.params)
    if response.status_code != 200:
        raise RuntimeError(
            f"{read.path} answered {response.status_code}: {response.content[:300]!r}"
        )
    sql = _page_query(captured.captured_queries)
    return CapturedRequest(queries=len(captured.captured_queries), list_sql=sql, plan=explain(sql))


def count_matches(word: str) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM ticket_search WHERE all_vector @@ plainto_tsquery('simple', %s)",
                [word],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH %s", [f'"{word}"']
            )
        return int(cursor.fetchone()[0])


def count_unassigned_backlog(viewer_id: int) -> int:
    return selectors.unassigned_in_my_teams(User.objects.get(pk=viewer_id)).count()
