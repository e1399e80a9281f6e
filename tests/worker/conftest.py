"""Real workers in real processes: each test gets a throwaway database the subprocesses share.

The test process's own database (in memory on SQLite, inside a transaction on PostgreSQL) is
invisible to other processes, so these tests build their own: a migrated SQLite file copied per
test, a PostgreSQL database created and dropped per test, a Redis database claimed per test.
Every subprocess runs caredesk's production settings, configured only by its environment.
"""

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.worker.processes import caredesk

REDIS_URL = "redis://127.0.0.1:6379"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """One migrated embedded database per test session; tests copy it rather than migrate again."""
    data_dir = tmp_path_factory.mktemp("migrated-sqlite")
    caredesk("migrate", "--no-input", "-v0", database={"CAREDESK_DATA_DIR": str(data_dir)})
    return data_dir


@pytest.fixture
def sqlite_database(migrated_sqlite, tmp_path) -> dict[str, str]:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for part in migrated_sqlite.glob("caredesk.sqlite3*"):
        shutil.copy(part, data_dir / part.name)
    return {"CAREDESK_DATA_DIR": str(data_dir)}


@pytest.fixture
def postgres_database(tmp_path) -> Iterator[dict[str, str]]:
    """A migrated PostgreSQL database of its own, on the server the PostgreSQL pass uses."""
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "runs in the PostgreSQL pass (DATABASE_URL=postgres://...), as `make test` does"
        )
    with throwaway_postgres(server_url, tmp_path / "data") as database:
        yield database


@contextmanager
def throwaway_postgres(server_url: str, data_dir: Path) -> Iterator[dict[str, str]]:
    """Create and migrate a database on ``server_url``'s server; drop it after. Skips the test
    when no server answers."""
    import psycopg

    try:
        admin = psycopg.connect(server_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL answers at {server_url}: {error}")
    name = f"caredesk_worker_{secrets.token_hex(6)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        database = {
            "DATABASE_URL": urlsplit(server_url)._replace(path=f"/{name}").geturl(),
            "CAREDESK_DATA_DIR": str(data_dir),
        }
        caredesk("migrate", "--no-input", "-v0", database=database)
        yield database
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def redis_database_url() -> Iterator[str]:
    """A Redis database number no one else uses, claimed for this test and emptied after it.

    RQ's queue keys have fixed names, so concurrent runs (two checkouts, CI beside a developer)
    would take each other's jobs on a shared database number.
    """
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis answers at {REDIS_URL}: {error}")
    token = secrets.token_hex(8)
    for number in range(15, 0, -1):
        connection = redis.Redis.from_url(f"{REDIS_URL}/{number}")
        # Claim only an empty database: the claim key must be the only key in it.
        if connection.set("caredesk:test-claim", token, nx=True, ex=600):
            if connection.dbsize() == 1:
                break
            connection.delete("caredesk:test-claim")
    else:
        pytest.skip(f"no empty Redis database free at {REDIS_URL} (1-15 all in use)")
    try:
        yield f"{REDIS_URL}/{number}"
    finally:
        connection.flushdb()
