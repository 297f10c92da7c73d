"""The search index keeps two-letter words whole (kb_site.search.analysis): "ИИ" was indexed as "и".

Existing rows get their search columns recomputed (the triggers then refresh the index). On a new
database the tables are created later, by their apps' migrations, with the new terms already.
"""

from django.db import migrations


def recompute(apps, schema_editor):
    from kb_site.search.indexing import refresh_rows
    from kb_site.search.schema import searchable_models

    connection = schema_editor.connection
    tables = set(connection.introspection.table_names())
    for model in searchable_models():  # the current models: their search_document decides the terms
        columns = {column.name for column in connection.introspection.get_table_description(
            connection.cursor(), model._meta.db_table)} if model._meta.db_table in tables else set()
        if "search_title" in columns:
            refresh_rows(model._base_manager.using(connection.alias).all())


class Migration(migrations.Migration):
    dependencies = [("kb_site", "0002_curated_link")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
