"""Run a parsed query against a model's index: which entries match, and which match best.

    matching(queryset, query)          -> Matches(queryset, capped): the `q` filter of every list
    ranked(queryset, query, offset=, limit=) -> Ranked(total, capped, entries): the site-wide search

Both bound their work for very common words: past CANDIDATE_CAP matches they answer
from the first CANDIDATE_CAP the index yields (in its order: the oldest entries
first), and say so (`capped`). A word in 70% of 100k posts then costs a few
milliseconds instead of a few hundred, on SQLite and PostgreSQL alike.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL

from .query import to_fts5, to_tsquery
from .schema import fts_table, is_postgresql

CANDIDATE_CAP = 1000
TITLE_WEIGHT = 10  # a title's words weigh ten times a body's (bm25 column weights; ts_rank's A against B)
PG_WEIGHTS = [0.0, 0.0, 1.0 / TITLE_WEIGHT, 1.0]  # ts_rank's weights of D, C, B, A


@dataclass
class Matches:
    queryset: object
    capped: bool  # more than CANDIDATE_CAP entries match: the queryset holds the first of them


@dataclass
class Ranked:
    total: int  # at most CANDIDATE_CAP
    capped: bool
    entries: list  # model instances, best first, each with its `search_score` (lower is better)


def _uses_postgresql(queryset):
    return is_postgresql(connections[queryset.db])


def _tsquery(query):
    return SearchQuery(to_tsquery(query), search_type="raw", config="simple")


def _candidates(queryset, query, limit=None):
    """An expression for `pk__in`: the ids of the first `limit` index matches (published or not), or of all."""
    model = queryset.model
    if _uses_postgresql(queryset):
        return model._base_manager.filter(search_vector=_tsquery(query)).order_by().values("pk")[:limit]
    fts = fts_table(model._meta.db_table)
    sql = f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s'  # noqa: S608 (names from _meta, the query a parameter)
    if limit is None:
        return RawSQL(sql, [to_fts5(query)])  # noqa: S611
    return RawSQL(f"{sql} LIMIT %s", [to_fts5(query), limit])  # noqa: S611


def _count_upto(queryset, query, limit):
    """How many index entries match, counting no further than `limit`."""
    model = queryset.model
    connection = connections[queryset.db]
    if is_postgresql(connection):
        return model._base_manager.using(queryset.db).filter(search_vector=_tsquery(query))[:limit].count()
    fts = fts_table(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT count(*) FROM (SELECT 1 FROM "{fts}" WHERE "{fts}" MATCH %s LIMIT %s)',  # noqa: S608
            [to_fts5(query), limit],
        )
        return cursor.fetchone()[0]


def matching(queryset, query, *, every_match=False):
    """The entries of `queryset` that match `query` (a non-empty Query); the first CANDIDATE_CAP of them
    unless `every_match` (the admin's search, which has no page budget)."""
    if every_match:
        return Matches(queryset.filter(pk__in=_candidates(queryset, query)), False)
    cap = CANDIDATE_CAP
    capped = _count_upto(queryset, query, cap + 1) > cap
    return Matches(queryset.filter(pk__in=_candidates(queryset, query, cap)), capped)


def _scores(queryset, query, limit):
    """[(pk, score)] of the entries of `queryset` among the first `limit` index matches, best first. One query."""
    visible = queryset.filter(pk__in=_candidates(queryset, query, limit)).order_by().values("pk")
    if _uses_postgresql(queryset):
        rank = SearchRank(F("search_vector"), _tsquery(query), weights=PG_WEIGHTS, normalization=1)
        rows = queryset.model._base_manager.filter(pk__in=visible).annotate(score=-rank)
        return [tuple(row) for row in rows.order_by("score", "pk").values_list("pk", "score")]
    fts = fts_table(queryset.model._meta.db_table)
    inner, params = visible.query.sql_with_params()
    # "+rowid" keeps FTS5 from looking each candidate up again: the IN list is read once.
    sql = (
        f'SELECT rowid, bm25("{fts}", {TITLE_WEIGHT}, 1) AS score FROM "{fts}" '  # noqa: S608
        f'WHERE "{fts}" MATCH %s AND +rowid IN ({inner}) ORDER BY score, rowid'
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [to_fts5(query), *params])
        return cursor.fetchall()


def ranked(queryset, query, *, offset=0, limit=10):
    """Ranked(total, capped, the entries offset..offset+limit, best first). Two queries."""
    cap = CANDIDATE_CAP
    scores = _scores(queryset, query, cap + 1)
    capped = len(scores) > cap
    scores = scores[:cap]
    page = scores[offset : offset + limit]
    found = queryset.in_bulk([pk for pk, _ in page]) if page else {}
    entries = []
    for pk, score in page:
        if pk in found:
            found[pk].search_score = score
            entries.append(found[pk])
    return Ranked(len(scores), capped, entries)
