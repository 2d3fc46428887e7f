"""The name search's GIN index (0002) keeps its pending list small (issue 12, docs/scale.md "Name search").

GIN batches inserts in a pending list that every search reads through linearly until the list is merged
(at ``gin_pending_list_limit``, 4 MB by default, or by vacuum). Measured at 1,000,000 talents after a bulk
load: a two-character search spent 35-45 ms reading a 342-page list, 0.1-0.2 ms once it was merged. With a
64 kB limit (PostgreSQL's smallest) inserts are still batched, and a search reads at most 64 kB of them.
"""

from django.db import migrations

FORWARD = [
    "ALTER INDEX IF EXISTS talents_talent_name_grams SET (gin_pending_list_limit = 64)",
    "SELECT gin_clean_pending_list('talents_talent_name_grams'::regclass)",
]
BACKWARD = ["ALTER INDEX IF EXISTS talents_talent_name_grams RESET (gin_pending_list_limit)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("talents", "0005_honour_roll_order_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
