"""The benchmark's own databases: ``caredesk_bench`` on PostgreSQL, a temporary dir for SQLite.

Never the ``test`` database, never /work/main/var: every pass starts from an empty database.
"""

import os
from pathlib import Path

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "caredesk_bench"


def database_url(name: str = BENCH_DB) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def recreate_postgres(
    name: str = BENCH_DB, *, drop_only: bool = False, template: str | None = None
) -> str:
    """A new database ``name``: empty, or a copy of ``template`` (or none, with ``drop_only``);
    returns its URL."""
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template is not None:
                create = sql.SQL("{} TEMPLATE {}").format(create, sql.Identifier(template))
            admin.execute(create)
    return database_url(name)


def drop_postgres(name: str = BENCH_DB) -> None:
    recreate_postgres(name, drop_only=True)


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
        env["DATABASE_URL"] = database_url()
    else:
        env.pop("DATABASE_URL", None)
    return env
