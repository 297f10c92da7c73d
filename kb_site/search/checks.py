"""`manage.py check --database default`: the search index's tables, triggers and indexes exist.

A warning, not an error: `migrate` runs database checks first, and must not be blocked from repairing.
"""

from django.core.checks import Tags, Warning, register
from django.db import connections

from . import schema


@register(Tags.database)
def search_index_exists(app_configs=None, databases=None, **kwargs):
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        tables = set(connection.introspection.table_names())
        for model in schema.searchable_models():
            table = model._meta.db_table
            missing = schema.missing(connection, table) if table in tables else []
            if missing:
                errors.append(
                    Warning(
                        f"The search index of {table} lacks {', '.join(missing)}.",
                        hint="Run `manage.py search_index rebuild` (`search_index check` compares index and tables).",
                        obj=model,
                        id="kb_site.W001",
                    )
                )
    return errors
