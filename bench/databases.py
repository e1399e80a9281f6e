"""The benchmark's own databases: ``caredesk_bench`` on PostgreSQL, a temporary dir for SQLite.

Never the ``test`` database, never /work/main/var: every pass starts from an empty database.
"""

import os
from pathlib import Path

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "caredesk_bench"


def bench_url() -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + BENCH_DB


def recreate_postgres() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))


def drop_postgres() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )


def postgres_reachable() -> bool:
    try:
        psycopg.connect(ADMIN_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def django_environment(engine: str, workdir: Path) -> dict[str, str]:
    """Environment for caredesk processes (the in-process probes and the server) of one engine."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caredesk.settings",
        "CAREDESK_DATA_DIR": str(workdir / "var"),
        "SECRET_KEY": "bench-not-secret",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DEBUG", None)
    if engine == "postgresql":
        env["DATABASE_URL"] = bench_url()
    else:
        env.pop("DATABASE_URL", None)
    return env
