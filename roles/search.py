"""The roles' part of the site-wide search: published roles, best first.

PostgreSQL: a weighted full-text vector (title and short name weight A, summary and
body B; kept by a trigger, migration 0002), a websearch query, SearchRank, and a
SearchHeadline snippet. SQLite: every word (or "quoted phrase") must appear in the folded search
text and no -excluded one may; roles whose title holds every term come first.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

from kb_site.markup import sanitize_html
from kb_site.search import capped_matches, highlight
from kb_site.text import fold

from .models import Role

SEARCH_CONFIG = "english"
RESULT_FIELDS = (
    "id",
    "title",
    "slug",
    "short_name",
    "summary",
    "body_text",
    "salary_min",
    "salary_max",
    "salary_currency",
)


def search_roles(query, *, offset=0, limit=10):
    """(total, [{"title", "url", "snippet", "meta"}]) for `query`."""
    query = (query or "").strip()
    if not query:
        return 0, []
    if connection.vendor == "postgresql":
        total, roles = _postgresql(query, offset, limit)
    else:
        total, roles = _fallback(query, offset, limit)
    return total, [_result(role) for role in roles]


def _postgresql(query, offset, limit):
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    total, matches = capped_matches(Role.objects.published().filter(search_vector=search_query))
    roles = list(
        matches.only(*RESULT_FIELDS)
        .annotate(
            rank=SearchRank(F("search_vector"), search_query),
            headline=SearchHeadline(
                "body_text",
                search_query,
                config=SEARCH_CONFIG,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=40,
                min_words=20,
            ),
        )
        .order_by("-rank", "title", "id")[offset : offset + limit]
    )
    for role in roles:
        role.snippet = sanitize_html(role.headline) if role.body_text else highlight(role.summary, query)
    return total, roles


QUERY_TOKEN_RE = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')


def fallback_terms(query):
    """websearch-like terms for SQLite: (required, excluded), folded; quoted phrases stay whole."""
    required, excluded = [], []
    for minus, phrase, minus_word, word in QUERY_TOKEN_RE.findall(query):
        term = fold(phrase if phrase else word).strip("\"'")
        if term and term not in required + excluded:
            (excluded if (minus or minus_word) else required).append(term)
    return required, excluded


def _fallback(query, offset, limit):
    required, excluded = fallback_terms(query)
    if not required:
        return 0, []
    in_text, in_title = Q(), Q()
    for term in required:
        in_text &= Q(search_text__contains=term)
        in_title &= Q(search_title__contains=term)
    for term in excluded:
        in_text &= ~Q(search_text__contains=term)
    matches = Role.objects.published().filter(in_text)
    total = matches.count()
    roles = list(
        matches.only(*RESULT_FIELDS)
        .annotate(title_hit=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("-title_hit", "title", "id")[offset : offset + limit]
    )
    for role in roles:
        role.snippet = highlight(role.body_text or role.summary, " ".join(required))
    return total, roles


def _result(role):
    meta = ["Career role"]
    if role.short_name:
        meta.append(role.short_name)
    if role.salary_band:
        meta.append(f"{role.salary_band} a year" if role.salary_currency else role.salary_band)
    return {"title": role.title, "url": role.get_absolute_url(), "snippet": role.snippet, "meta": " · ".join(meta)}
