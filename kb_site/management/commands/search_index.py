"""`manage.py search_index check` / `rebuild`: is the search index right, and put it right.

check    for every searchable model: the index objects exist (SQLite: the FTS5 table and its
         triggers; PostgreSQL: the trigger and the GIN index), the index agrees with the
         table's search columns, and (with --columns) those columns are what the entries'
         text gives today. Exits non-zero, naming what is wrong, when anything is.
rebuild  recomputes every row's search columns, recreates the index objects and refills
         the index, in one transaction.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from kb_site.search import schema
from kb_site.search.indexing import refresh_rows


class Command(BaseCommand):
    help = "Check the search index against the tables (check), or rebuild it from the entries' text (rebuild)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "rebuild"], help="check or rebuild")
        parser.add_argument(
            "--columns",
            action="store_true",
            help="check: also recompute every row's search columns and report rows whose text changed without them.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to use.")

    def handle(self, *args, action, columns, database, **options):
        connection = connections[database]
        if action == "rebuild":
            return self.rebuild(connection)
        problems = []
        for model in schema.searchable_models():
            table = model._meta.db_table
            missing = schema.missing(connection, table)
            if missing:
                problems.append(f"{table}: missing {', '.join(missing)}")
                continue
            if not schema.agrees(connection, table):
                problems.append(f"{table}: the index does not agree with the table's search columns")
            if columns:
                with transaction.atomic(using=database):
                    stale = refresh_rows(model._base_manager.using(database).all())
                    transaction.set_rollback(True, using=database)
                if stale:
                    problems.append(f"{table}: {stale} rows hold search columns older than their text")
            if options["verbosity"] >= 2:
                self.stdout.write(f"{table}: checked")
        if problems:
            raise CommandError(
                "The search index is out of step; run `manage.py search_index rebuild`.\n  " + "\n  ".join(problems)
            )
        self.stdout.write(self.style.SUCCESS("The search index agrees with the tables."))

    def rebuild(self, connection):
        with transaction.atomic(using=connection.alias):
            for model in schema.searchable_models():
                changed = refresh_rows(model._base_manager.using(connection.alias).all())
                schema.uninstall(connection, model._meta.db_table)
                schema.install(connection, model._meta.db_table, model._meta.pk.column)
                self.stdout.write(f"{model._meta.db_table}: index rebuilt ({changed} rows' search columns refreshed).")
        self.stdout.write(self.style.SUCCESS("The search index is rebuilt."))
