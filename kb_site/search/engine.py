"""Run a parsed query against a model's index: which entries match, and which match best.

    matching(queryset, query)                -> Matches(queryset, capped): the `q` filter of every list
    ranked(queryset, query, offset=, limit=) -> Ranked(total, capped, entries): the site-wide search
    first_matches(queryset, query, limit)    -> the first ids as a subquery (first_matches_sql: its SQL)

Both bound their work for very common words: past CANDIDATE_CAP matches they answer from
the first CANDIDATE_CAP the index yields (in its own order: the oldest entries first) and
say so (`capped`). A list asks the index once for those ids, which are then a plain list in
the queries that follow (count, page, facets); the site-wide search ranks them in one query.
A word in 70% of 100k posts costs milliseconds instead of hundreds, on either database.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F
from django.db.models.expressions import RawSQL

from .query import to_fts5, to_tsquery
from .schema import fts_table, is_postgresql

# Ranking reads each candidate's vector: on PostgreSQL at 100k posts, 1,000 candidates took 75 ms, 300 about 20.
CANDIDATE_CAP = 300
TITLE_WEIGHT = 10  # a title's words weigh ten times a body's (bm25 column weights; ts_rank's A against B)
PG_WEIGHTS = [0.0, 0.0, 1.0 / TITLE_WEIGHT, 1.0]  # ts_rank's weights of D, C, B, A


@dataclass
class Matches:
    queryset: object
    capped: bool  # more than CANDIDATE_CAP entries match: the queryset holds the first of them
    ids: list = None  # the ids the queryset is narrowed to (None: every match, for the admin)


@dataclass
class Ranked:
    total: int  # at most CANDIDATE_CAP
    capped: bool
    entries: list  # model instances, best first, each with its `search_score` (lower is better)


def _uses_postgresql(queryset):
    return is_postgresql(connections[queryset.db])


def _tsquery(query):
    return SearchQuery(to_tsquery(query), search_type="raw", config="simple")


def candidate_ids(queryset, query, limit=None):
    """The ids of the first `limit` entries of the model's index that match (published or not), or all. One query."""
    model = queryset.model
    if _uses_postgresql(queryset):
        found = model._base_manager.using(queryset.db).filter(search_vector=_tsquery(query)).order_by()
        return list(found.values_list("pk", flat=True)[:limit])
    fts = fts_table(model._meta.db_table)
    sql = f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s'  # noqa: S608 (names from _meta, the query a parameter)
    params = [to_fts5(query)]
    if limit is not None:
        sql, params = f"{sql} LIMIT %s", [*params, limit]
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def matching(queryset, query, *, every_match=False, memo=None):
    """The entries of `queryset` that match `query` (a non-empty Query); the first CANDIDATE_CAP of them
    unless `every_match` (the admin's search, which has no page budget). `memo`: a dict that keeps the
    index's answer for the next call with the same model and query (a list's facets filter twice)."""
    if every_match:
        return Matches(queryset.filter(pk__in=candidate_ids(queryset, query)), False)
    key = (queryset.model._meta.label, queryset.db, query)
    memo = {} if memo is None else memo
    if key not in memo:
        memo[key] = candidate_ids(queryset, query, CANDIDATE_CAP + 1)
    ids = memo[key][:CANDIDATE_CAP]
    return Matches(queryset.filter(pk__in=ids), len(memo[key]) > CANDIDATE_CAP, ids)


def first_matches_sql(queryset, query, limit=CANDIDATE_CAP):
    """(sql, params) selecting the ids of the first `limit` index matches of `query` (to build on)."""
    model = queryset.model
    if _uses_postgresql(queryset):
        found = model._base_manager.using(queryset.db).filter(search_vector=_tsquery(query)).order_by()
        return found.values("pk")[:limit].query.sql_with_params()
    fts = fts_table(model._meta.db_table)
    return f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s LIMIT %s', (to_fts5(query), limit)  # noqa: S608


def first_matches(queryset, query, limit=CANDIDATE_CAP):
    """The ids of the first `limit` index matches of `query`, as a subquery for `pk__in` (it runs inside the
    query that uses it: the caller's filter, fields and joins cost no query of their own)."""
    if _uses_postgresql(queryset):
        found = queryset.model._base_manager.filter(search_vector=_tsquery(query)).order_by()
        return found.values("pk")[:limit]
    return RawSQL(*first_matches_sql(queryset, query, limit))  # noqa: S611 (the query is a parameter)


def _scores(queryset, query, limit):
    """[(pk, score)] of the entries of `queryset` among the first `limit` index matches, best first. One query."""
    model = queryset.model
    candidates = first_matches(queryset, query, limit)
    if _uses_postgresql(queryset):
        rank = SearchRank(F("search_vector"), _tsquery(query), weights=PG_WEIGHTS, normalization=1)
        rows = queryset.filter(pk__in=candidates).annotate(score=-rank).order_by("score", "pk")
        return [tuple(row) for row in rows.values_list("pk", "score")]
    fts = fts_table(model._meta.db_table)
    inner, params = queryset.filter(pk__in=candidates).order_by().values("pk").query.sql_with_params()
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
    scores = _scores(queryset, query, CANDIDATE_CAP + 1)
    capped = len(scores) > CANDIDATE_CAP
    scores = scores[:CANDIDATE_CAP]
    page = scores[offset : offset + limit]
    found = queryset.in_bulk([pk for pk, _ in page]) if page else {}
    entries = []
    for pk, score in page:
        if pk in found:
            found[pk].search_score = score
            entries.append(found[pk])
    return Ranked(len(scores), capped, entries)
