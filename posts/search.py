"""The posts' part of the site-wide search: published posts only, best first.

PostgreSQL: weighted full-text search (headline A above text B, Russian
configuration, so "Линкедина" finds "Линкедине") over the trigger-maintained
`search_vector` and its GIN index, ranked by SearchRank, with a SearchHeadline
snippet. SQLite: every folded query word must appear in `search_text`; posts
whose headline holds more of the words rank first, then source order.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import StrIndex, Substr

from kb_site.markup import sanitize_html
from kb_site.search import MAX_QUERY_LENGTH, capped_matches, highlight, query_words

from .models import Post

CONFIG = "russian"


def text_query(value):
    return SearchQuery(value, config=CONFIG, search_type="websearch")


def uses_full_text(queryset):
    return connections[queryset.db].vendor == "postgresql"


def search_posts(query, *, offset=0, limit=10):
    """(total, [{"title", "url", "snippet", "meta"}]) for the published posts matching `query`."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    published = (
        Post.objects.published()
        .select_related("channel")
        .only("id", "headline", "text", "total_reactions", "channel__name")
    )
    if not query_words(query):
        return 0, []
    if uses_full_text(published):
        total, ranked, snippet = _postgresql(published, query)
    else:
        ranked, snippet = _sqlite(published, query)
        total = ranked.count()
    results = []
    for post in ranked[offset : offset + limit]:
        results.append(
            {
                "title": post.headline,
                "url": post.get_absolute_url(),
                "snippet": snippet(post),
                "meta": f"{post.channel.name} · {post.total_reactions} reactions",
            }
        )
    return total, results


def _postgresql(queryset, query):
    search = text_query(query)
    total, candidates = capped_matches(queryset.filter(search_vector=search))
    ranked = candidates.annotate(
        rank=SearchRank(F("search_vector"), search),
        headline_html=SearchHeadline(
            "text", search, config=CONFIG, start_sel="<mark>", stop_sel="</mark>", max_words=40, min_words=20
        ),
    ).order_by("-rank", "channel_id", "position", "id")
    return total, ranked, lambda post: sanitize_html(post.headline_html)


def _sqlite(queryset, query):
    words = query_words(query)
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    # search_text starts with the folded headline and a line break (Post.prepare).
    title = Substr("search_text", 1, StrIndex("search_text", Value("\n")))
    hits = sum(
        (Case(When(search_title__contains=word, then=Value(1)), default=Value(0)) for word in words),
        Value(0),
    )
    ranked = (
        queryset.filter(condition)
        .annotate(search_title=title)
        .annotate(title_hits=hits)
        .order_by("-title_hits", "channel_id", "position", "id")
    )
    return ranked, lambda post: highlight(post.text, query)
