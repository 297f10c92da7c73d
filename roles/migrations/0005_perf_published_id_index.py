"""PostgreSQL: the list's ids (`WHERE is_published`, for its count and facets) from an index alone.

Without it PostgreSQL read the wide rows of roles_role in a sequential scan (8.6 ms at 10k roles; an
index-only scan of this index: 1.3 ms). SQLite already answers them from role_published_title_idx (its
indexes hold the rowid), and given this one it chose it for `?q=` pages too and took longer (roles
`q` pages, cold p50 22-30 ms without it, 38-55 ms with it), so the index is PostgreSQL's only.
"""

from django.db import migrations

from kb_site.migration_ops import PostgreSQLOnly


class Migration(migrations.Migration):
    dependencies = [("roles", "0004_skill_aliases_completeness_incomplete_qualifiers")]

    operations = [
        PostgreSQLOnly(
            sql='CREATE INDEX IF NOT EXISTS "role_published_id_idx" ON "roles_role" ("is_published", "id")',
            reverse_sql='DROP INDEX IF EXISTS "role_published_id_idx"',
        ),
    ]
