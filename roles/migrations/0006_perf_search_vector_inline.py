"""PostgreSQL: keep a role's search vector in its row, not in the TOAST table (kb_site.search.schema.inline_vector_sql).

The first 300 matches of "learn" at 10k roles: 2,000-20,000 buffers and 8-30 ms before, 160 buffers and
under 1 ms after. SQLite has nothing to do.
"""

from django.db import migrations

from kb_site.migration_ops import PostgreSQLOnly
from kb_site.search.schema import inline_vector_sql, out_of_line_vector_sql


class Migration(migrations.Migration):
    dependencies = [("roles", "0005_perf_published_id_index")]

    operations = [
        PostgreSQLOnly(sql=inline_vector_sql("roles_role"), reverse_sql=out_of_line_vector_sql("roles_role")),
    ]
