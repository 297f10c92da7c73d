"""Counts of the posts' tags and reactions, fast enough for 100k posts.

The list's facets are counted by kb_site.postings from the rows `tag_rows` and
`reaction_rows` give: read from the child tables (posts_post_hashtags, posts_reaction)
alone, never through the posts' wide rows. The tag index (`tag_counts`) counts every
published post's tags as the count over every row minus the rows of unpublished posts
(few, found through the partial index posts_post_unpublished), which index-only scans
answer in milliseconds.
"""

from collections import Counter

from django.db.models import Count

from kb_site.postings import IdList

from .models import Post, Reaction

REACTION_FIELDS = ("emoji",)


def unpublished_ids():
    return Post.objects.filter(is_published=False).values("pk")


def _counts(queryset, fields, aggregate):
    rows = queryset.values(*fields).annotate(n=aggregate).order_by()
    return Counter({tuple(row[field] for field in fields): row["n"] for row in rows})


def _published_counts(queryset, fields, aggregate, posts):
    """Counts over the child rows of `posts` (a subquery of post ids), or of every published post when None."""
    if posts is not None:
        return +_counts(queryset.filter(post_id__in=posts), fields, aggregate)
    counts = _counts(queryset, fields, aggregate)
    counts.subtract(_counts(queryset.filter(post_id__in=unpublished_ids()), fields, aggregate))
    return +counts  # drops the options no published post has


def tag_counts(posts=None, limit=None):
    """(key, name, slug) → number of posts having the tag, among `posts` or all published posts.

    Counted on the join table with the tag's names joined in (the tag table is small), so
    names need no query of their own; the unpublished posts' rows are subtracted by tag id.
    """
    fields = ("hashtag_id", "hashtag__key", "hashtag__name", "hashtag__slug")
    counts = _published_counts(Post.hashtags.through.objects.all(), fields, Count("id"), posts)
    return Counter({values[1:]: n for values, n in top(counts, limit)})


def reaction_counts(posts=None):
    """(emoji,) → number of posts that received it: among `posts`, or all published posts."""
    # Each emoji once per post (posts_reaction_unique_emoji), so rows count posts.
    received = Reaction.objects.filter(emoji__isnull=False)
    return _published_counts(received, REACTION_FIELDS, Count("id"), posts)


def tag_rows():
    """(key, name, IdList of its posts) of every tag, posts published or not: the tag facet's postings
    (kb_site.postings), read from the join table and the small tag table alone."""
    rows = Post.hashtags.through.objects.order_by().values("hashtag__key", "hashtag__name")
    return rows.annotate(ids=IdList("post_id")).values_list("hashtag__key", "hashtag__name", "ids")


def reaction_rows():
    """(emoji, emoji, IdList of its posts) of every emoji received: the reaction facet's postings."""
    rows = Reaction.objects.filter(emoji__isnull=False).order_by().values("emoji")
    return rows.annotate(ids=IdList("post_id")).values_list("emoji", "emoji", "ids")


def top(counts, limit):
    """The most frequent options first, ties in the options' order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
