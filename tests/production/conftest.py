"""The production profile's smoke test: its own PostgreSQL database and Redis database number.

It needs PostgreSQL whatever database the test run itself uses, so on the SQLite pass it asks the
server `make test` uses for its PostgreSQL pass (``PG_TEST_URL``, the Makefile's default).
"""

import os
from collections.abc import Iterator

import pytest

from tests.worker.conftest import redis_database_url, throwaway_postgres  # noqa: F401

DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/test"


@pytest.fixture
def production_database(tmp_path) -> Iterator[dict[str, str]]:
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        server_url = os.environ.get("PG_TEST_URL", DEFAULT_SERVER_URL)
    with throwaway_postgres(server_url, tmp_path / "data") as database:
        yield database
