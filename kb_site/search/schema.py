# ruff: noqa: S608 -- every name in this SQL comes from a model's _meta, never from a request
"""The search index in the database: created, kept, rebuilt and checked, on SQLite and PostgreSQL.

SQLite: an external-content FTS5 table `<table>_fts` over the columns search_title and
search_text, and three triggers on the table that keep it in step inside every write's
own statement (imports' raw INSERTs, bulk updates, admin saves, deletes, loaddata).
Its tokenizer splits on spaces only: the columns already hold the terms (analysis.py).

PostgreSQL: a trigger fills `search_vector` from the same columns with the `simple`
configuration (no stemming or stop words of its own: the terms are already stemmed),
the title weighted A and the body B, and a GIN index `<table>_search_gin` serves `@@`.

A migration of each app installs its tables' index; `ensure()` runs after every
`migrate` and puts back what a table rebuild dropped (SQLite drops a table's
triggers when a migration remakes it), rebuilding the index when it had to.
"""

from django.apps import apps
from django.db import connections

from .indexing import SEARCH_COLUMNS, Searchable

# Every character but spaces and controls is part of a token: the terms in the columns are split on spaces only.
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"
# PostgreSQL: an unsearchable term between title and body keeps a phrase from spanning the two,
# as FTS5's two columns do; ts_delete removes it and leaves the positions.
GAP = "kbsearchgap"

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kb_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := ts_delete(
        setweight(to_tsvector('simple', coalesce(NEW.search_title, '') || ' {GAP}'), 'A')
        || setweight(to_tsvector('simple', coalesce(NEW.search_text, '')), 'B'),
        '{GAP}');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


def inline_vector_sql(table):
    """PostgreSQL: keep the table's search vectors in their rows, and rewrite the table so those stored are.

    A wide row (an entry's whole text) had its vector (about 1 kB) moved to the TOAST table, so a
    sequential scan's `search_vector @@ query` fetched it through the TOAST index, row by row: the
    first 300 matches of a word cost 5,000 buffers and 7 ms at 100k posts (8-30 ms at 10k roles)
    instead of 300 buffers and 1 ms, and ranking read the same vectors. The text columns go out of
    line instead. In one statement, the rewrite stores every vector with the new storage (ALTER
    COLUMN TYPE alone would reset it; an UPDATE would keep unchanged values' TOAST pointers) and
    keeps the rows' physical order, so a search's first matches stay the same.
    """
    return (
        f"ALTER TABLE \"{table}\" ALTER COLUMN search_vector TYPE tsvector USING search_vector || ''::tsvector, "
        "ALTER COLUMN search_vector SET STORAGE MAIN"
    )


def out_of_line_vector_sql(table):
    return f'ALTER TABLE "{table}" ALTER COLUMN search_vector SET STORAGE EXTENDED'


def fts_table(table):
    return f"{table}_fts"


def gin_index(table):
    return f"{table}_search_gin"


def is_postgresql(connection):
    """The one test for which search engine a database has."""
    return connection.vendor == "postgresql"


def _sqlite_triggers(table, pk):
    fts = fts_table(table)
    columns = ", ".join(SEARCH_COLUMNS)
    new = ", ".join(f"new.{c}" for c in SEARCH_COLUMNS)
    old = ", ".join(f"old.{c}" for c in SEARCH_COLUMNS)
    insert = f'INSERT INTO "{fts}"(rowid, {columns}) VALUES (new.{pk}, {new});'
    delete = f'INSERT INTO "{fts}"("{fts}", rowid, {columns}) VALUES (\'delete\', old.{pk}, {old});'
    return {
        f"{fts}_insert": f'CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END',
        f"{fts}_delete": f'CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END',
        f"{fts}_update": f'CREATE TRIGGER "{fts}_update" AFTER UPDATE OF {columns} ON "{table}" '
        f"BEGIN {delete} {insert} END",
    }


def _sqlite_objects(cursor):
    cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    return {name for (name,) in cursor.fetchall()}


def install(connection, table, pk="id"):
    """Create the table's index and fill it from the rows it holds. Idempotent."""
    with connection.cursor() as cursor:
        if is_postgresql(connection):
            cursor.execute(PG_FUNCTION)
            cursor.execute(
                f'CREATE OR REPLACE TRIGGER "{table}_search_vector" BEFORE INSERT OR UPDATE OF '
                f'{", ".join(SEARCH_COLUMNS)} ON "{table}" FOR EACH ROW EXECUTE FUNCTION kb_search_vector()'
            )
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [gin_index(table)])
            if (
                not cursor.fetchone()
            ):  # (not IF NOT EXISTS: PostgreSQL refuses even that after a write in a transaction)
                cursor.execute(f'CREATE INDEX "{gin_index(table)}" ON "{table}" USING gin (search_vector)')
            cursor.execute(f'UPDATE "{table}" SET search_title = search_title')  # fires the trigger on every row
            return
        fts = fts_table(table)
        cursor.execute(
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5({", ".join(SEARCH_COLUMNS)}, '
            f"content='{table}', content_rowid='{pk}', tokenize=\"{TOKENIZE}\")"
        )
        present = _sqlite_objects(cursor)
        for name, sql in _sqlite_triggers(table, pk).items():
            if name not in present:
                cursor.execute(sql)
        cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')


def uninstall(connection, table):
    with connection.cursor() as cursor:
        if is_postgresql(connection):
            cursor.execute(f'DROP TRIGGER IF EXISTS "{table}_search_vector" ON "{table}"')
            return
        for name in _sqlite_triggers(table, "id"):
            cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        cursor.execute(f'DROP TABLE IF EXISTS "{fts_table(table)}"')


def missing(connection, table):
    """The names of the table's index objects that are not in the database."""
    with connection.cursor() as cursor:
        if is_postgresql(connection):
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname = %s",
                [f'"{table}"', f"{table}_search_vector"],
            )
            found = {name for (name,) in cursor.fetchall()}
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
            found |= {name for (name,) in cursor.fetchall()}
            wanted = {f"{table}_search_vector", gin_index(table)}
        else:
            found = _sqlite_objects(cursor)
            wanted = {fts_table(table), *_sqlite_triggers(table, "id")}
    return sorted(wanted - found)


def searchable_models():
    """Every installed model that declares itself Searchable."""
    return [model for model in apps.get_models() if issubclass(model, Searchable)]


def ensure(using="default", **kwargs):
    """Install the index of every searchable model whose index is incomplete. Runs after each `migrate`."""
    connection = connections[using]
    table_names = set(connection.introspection.table_names())
    for model in searchable_models():
        table = model._meta.db_table
        if table in table_names and missing(connection, table):
            install(connection, table, model._meta.pk.column)


def agrees(connection, table):
    """True when the table's index holds exactly its rows' search columns."""
    with connection.cursor() as cursor:
        if is_postgresql(connection):
            cursor.execute(
                f'SELECT NOT EXISTS (SELECT 1 FROM "{table}" WHERE search_vector IS DISTINCT FROM ts_delete('
                f"setweight(to_tsvector('simple', coalesce(search_title, '') || ' {GAP}'), 'A') || "
                f"setweight(to_tsvector('simple', coalesce(search_text, '')), 'B'), '{GAP}'))"
            )
            return cursor.fetchone()[0]
        fts = fts_table(table)
        try:  # with rank 1, FTS5 compares the index with the content table and fails on any difference
            cursor.execute(f'INSERT INTO "{fts}"("{fts}", rank) VALUES (\'integrity-check\', 1)')
        except connection.Database.DatabaseError:
            return False
        return True
