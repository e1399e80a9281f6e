"""A migrated, empty database for a pass: a copy of a template, migrated once.

Every pass (engines, load, channels, the peer's) starts from a new database; running ``migrate``
for each cost 3-5 s, nine times a quick run. The first pass on an engine migrates and keeps the
result as a template (a file under ``var/bench/`` for SQLite, a ``TEMPLATE`` database on
PostgreSQL); later passes, and later runs, copy it. A template's name carries a hash of what
decides the schema (every migration file, or the pinned versions), so a changed migration or pin
gets a new template, never a stale one. The peer's seed (bench/peer/seed.py) uses it too.
"""

import hashlib
import shutil
from pathlib import Path

import psycopg
from django.core.management import call_command
from django.db import connection

from bench.databases import ADMIN_URL, drop_postgres, recreate_postgres

REPO = Path(__file__).resolve().parent.parent
SQLITE_TEMPLATES = REPO / "var" / "bench"


def caredesk_schema() -> list[Path]:
    return [REPO / "constraints.txt", *sorted((REPO / "caredesk").glob("**/migrations/*.py"))]


def _key(schema: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in schema:
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrate(label: str = "caredesk", schema: list[Path] | None = None) -> None:
    """Leave the configured (new, empty) database migrated; Django reconnects when next asked.

    ``schema``: the files whose contents decide what ``migrate`` makes (caredesk's by default).
    """
    prefix = f"{label}_bench_template_"
    template = prefix + _key(caredesk_schema() if schema is None else schema)
    database = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        _migrate_postgres(database, prefix, template)
    else:
        _migrate_sqlite(Path(database), SQLITE_TEMPLATES / f"{template}.sqlite3", prefix)


def _migrate_sqlite(database: Path, template: Path, prefix: str) -> None:
    connection.close()
    if template.exists():
        shutil.copyfile(template, database)
        return
    call_command("migrate", verbosity=0, interactive=False)
    connection.close()  # the last close checkpoints the WAL into the file
    template.parent.mkdir(parents=True, exist_ok=True)
    for stale in template.parent.glob(f"{prefix}*.sqlite3"):
        stale.unlink()
    partial = template.with_suffix(".partial")
    shutil.copyfile(database, partial)
    partial.rename(template)  # atomic: a pass that stops half-way leaves no broken template


def _disconnect() -> None:
    """Copying a database needs it unused: close Django's connection and its pool's (min_size 1)."""
    connection.close()
    connection.close_pool()


def _migrate_postgres(database: str, prefix: str, template: str) -> None:
    _disconnect()
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        found = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"]
        ).fetchall()
    if (template,) in found:
        recreate_postgres(database, template=template)
        return
    for (stale,) in found:
        drop_postgres(stale)
    call_command("migrate", verbosity=0, interactive=False)
    _disconnect()
    recreate_postgres(template, template=database)
