"""The full-text index table, created for whichever engine runs the migration."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS ticket_search USING fts5("
    "subject, public_text, internal_text, tokenize='unicode61 remove_diacritics 2')"
)
POSTGRES_CREATE = [
    """
    CREATE TABLE IF NOT EXISTS ticket_search (
        ticket_id bigint PRIMARY KEY REFERENCES tickets_ticket(id) ON DELETE CASCADE
            DEFERRABLE INITIALLY DEFERRED,
        subject text NOT NULL DEFAULT '',
        public_text text NOT NULL DEFAULT '',
        internal_text text NOT NULL DEFAULT '',
        public_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple', subject || ' ' || public_text)) STORED,
        all_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('simple', subject || ' ' || public_text || ' ' || internal_text)) STORED
    )
    """,
    "CREATE INDEX IF NOT EXISTS ticket_search_public ON ticket_search USING gin (public_vector)",
    "CREATE INDEX IF NOT EXISTS ticket_search_all ON ticket_search USING gin (all_vector)",
]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)
    else:
        schema_editor.execute(SQLITE_CREATE)


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS ticket_search")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
