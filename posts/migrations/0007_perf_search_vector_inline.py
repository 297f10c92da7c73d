"""PostgreSQL: keep a post's search vector in its row, not in the TOAST table (kb_site.search.schema.inline_vector_sql).

The first 300 matches of "model" at 100k posts: 5,100 buffers and 7 ms before, 290 buffers and under 1 ms
after; the rewrite takes about 6 s at that size. SQLite has nothing to do.
"""

from django.db import migrations

from kb_site.migration_ops import PostgreSQLOnly
from kb_site.search.schema import inline_vector_sql, out_of_line_vector_sql


class Migration(migrations.Migration):
    dependencies = [("posts", "0006_perf_reactions_index_holds_id")]

    operations = [
        PostgreSQLOnly(sql=inline_vector_sql("posts_post"), reverse_sql=out_of_line_vector_sql("posts_post")),
    ]
