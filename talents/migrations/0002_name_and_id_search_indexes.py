"""Indexes for the registry's search (issue 12), PostgreSQL only (SQLite keeps its plain scans).

Most Chinese names have two or three characters, too few for pg_trgm's trigrams: tp_name_grams(name) is
the name's lower-cased characters and bigrams, GIN-indexed, so `tp_name_grams(name) @> '{李明}'` finds a
two-character fragment through the index. It is an expression index: every write (form, bulk upload,
COPY) keeps it current with nothing to maintain. The ID number's visible parts: a prefix index and a
prefix index on the reversed number (its last digits).
"""

from django.db import migrations

CREATE = [
    """
    CREATE OR REPLACE FUNCTION tp_name_grams(name text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, n)), '{}')
      FROM generate_series(1, 2) AS n, generate_series(1, length(name) - n + 1) AS i
    $$
    """,
    "CREATE INDEX IF NOT EXISTS talents_talent_name_grams ON talents_talent USING gin (tp_name_grams(name))",
    "CREATE INDEX IF NOT EXISTS talents_talent_id_prefix ON talents_talent (id_number text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS talents_talent_id_suffix ON talents_talent (reverse(id_number) text_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS talents_talent_id_suffix",
    "DROP INDEX IF EXISTS talents_talent_id_prefix",
    "DROP INDEX IF EXISTS talents_talent_name_grams",
    "DROP FUNCTION IF EXISTS tp_name_grams(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("talents", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
