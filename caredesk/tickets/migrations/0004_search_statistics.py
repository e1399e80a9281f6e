"""Finer planner statistics for the full-text columns on PostgreSQL.

With the default target the planner knows only the most common words, guesses thousands of hits
for a rare one and walks the recent-tickets index probing every row (8-13 s at 1M tickets in
bench/); with this target it estimates rare words right and starts from the GIN index (45 ms).
Autovacuum's ANALYZE keeps the statistics current; nothing to do on SQLite (see PRAGMA optimize).
"""

from django.db import migrations

COLUMNS = ("public_vector", "all_vector")


def raise_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE ticket_search ALTER COLUMN {column} SET STATISTICS 10000"
        )


def restore_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE ticket_search ALTER COLUMN {column} SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0003_default_categories")]

    operations = [migrations.RunPython(raise_statistics, restore_statistics)]
