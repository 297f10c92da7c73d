"""PostgreSQL: keep a role's search vector in its row instead of in the TOAST table.

A role's row is wide (its whole text), so PostgreSQL stored the vector (about 1.3 kB) out of line,
and every `search_vector @@ query` of a sequential scan fetched it through the TOAST index: the
first 300 matches of "learn" read 2,000-20,000 buffers and took 8-30 ms at 10k roles; with the
vector in the row (the text columns go out of line instead) 160 buffers, under 1 ms. The ranking of
/search/ reads the same vectors.

One ALTER TABLE both sets the storage and rewrites the table with it (a plain UPDATE would keep
unchanged values' TOAST pointers and leave the table half empty; ALTER COLUMN TYPE alone resets the
storage). The rewrite keeps the rows' physical order, so a search's first matches stay the same.
SQLite has nothing to do.
"""

from django.db import migrations

INLINE = (
    "ALTER TABLE roles_role ALTER COLUMN search_vector TYPE tsvector USING search_vector || ''::tsvector, "
    "ALTER COLUMN search_vector SET STORAGE MAIN"
)
BACK = "ALTER TABLE roles_role ALTER COLUMN search_vector SET STORAGE EXTENDED"


def keep_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INLINE)


def keep_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACK)


class Migration(migrations.Migration):
    dependencies = [("roles", "0005_perf_published_id_index")]

    operations = [migrations.RunPython(keep_inline, keep_out_of_line)]
