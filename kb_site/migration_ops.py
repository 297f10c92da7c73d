"""Migration operations for SQL one database has and the other has not (full-text triggers, GIN indexes,
an index with NULLS LAST, which only PostgreSQL can declare).

    from kb_site.migration_ops import PostgreSQLOnly

    operations = [
        PostgreSQLOnly(
            sql="CREATE INDEX post_search_gin ON posts_post USING gin (search_vector);",
            reverse_sql="DROP INDEX post_search_gin;",
        ),
    ]

On SQLite the operation does nothing, so one migration history serves both; SQLiteOnly is the converse.
"""

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    vendor = "postgresql"

    def _applies(self, schema_editor):
        return schema_editor.connection.vendor == self.vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self._applies(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self._applies(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Raw SQL operation ({self.vendor} only)"


class SQLiteOnly(PostgreSQLOnly):
    vendor = "sqlite"
