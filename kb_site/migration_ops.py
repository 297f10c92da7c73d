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

from django.apps import apps as global_apps
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


class InstallSearchIndex(migrations.operations.base.Operation):
    """Fill a searchable model's search columns and build its index (kb_site.search.schema), on either database.

        InstallSearchIndex("post")

    The columns are computed by the current model's search_document (on the historical
    rows' source fields); the index then covers every row, and its triggers every later write.
    """

    reversible = True

    def __init__(self, model_name):
        self.model_name = model_name

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        from kb_site.search import schema
        from kb_site.search.indexing import refresh_rows

        historical = to_state.apps.get_model(app_label, self.model_name)
        rows = historical._base_manager.using(schema_editor.connection.alias).all()
        refresh_rows(rows, model=global_apps.get_model(app_label, self.model_name))
        schema.install(schema_editor.connection, historical._meta.db_table, historical._meta.pk.column)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        from kb_site.search import schema

        schema.uninstall(schema_editor.connection, from_state.apps.get_model(app_label, self.model_name)._meta.db_table)

    def describe(self):
        return f"Search index for {self.model_name}"
