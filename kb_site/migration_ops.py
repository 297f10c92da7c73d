"""Migration operations for what only PostgreSQL has (full-text triggers, GIN indexes).

    from kb_site.migration_ops import PostgreSQLOnly

    operations = [
        PostgreSQLOnly(
            sql="CREATE INDEX post_search_gin ON posts_post USING gin (search_vector);",
            reverse_sql="DROP INDEX post_search_gin;",
        ),
    ]

On SQLite the operation does nothing, so one migration history serves both.
"""

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    def _applies(self, schema_editor):
        return schema_editor.connection.vendor == "postgresql"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self._applies(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self._applies(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "Raw SQL operation (PostgreSQL only)"
