"""The post list's fast facet counts equal a plain count of published posts, filtered or not."""

import pytest
from django.db.models import Count

from posts import facets
from posts.models import Post, Reaction
from tests.posts.factories import bulk_posts, make_post

pytestmark = pytest.mark.django_db


def plain_tag_counts(posts):
    rows = posts.values("hashtags__key").annotate(n=Count("pk", distinct=True)).exclude(hashtags__key=None)
    return {row["hashtags__key"]: row["n"] for row in rows}


def plain_reaction_counts(posts):
    rows = posts.values("reactions__emoji").annotate(n=Count("pk", distinct=True)).exclude(reactions__emoji=None)
    return {row["reactions__emoji"]: row["n"] for row in rows}


@pytest.fixture
def posts_some_hidden():
    bulk_posts(120)
    Post.objects.filter(position__in=[3, 7, 40, 41, 77]).update(is_published=False)
    make_post("Только скрытый #одинокий", tags=["одинокий"], reactions=[("🎉", 2)], is_published=False)
    make_post("Свой пост #bulk", tags=["bulk"], reactions=[("🎉", 1)])


def test_whole_list_counts_equal_plain_counts_of_published_posts(posts_some_hidden):
    published = Post.objects.published()
    assert {key: n for (key, _name, _slug), n in facets.tag_counts().items()} == plain_tag_counts(published)
    assert {emoji: n for (emoji,), n in facets.reaction_counts().items()} == plain_reaction_counts(published)
    assert ("одинокий", "одинокий", "одинокий") not in facets.tag_counts()  # only on an unpublished post


def test_filtered_counts_equal_plain_counts_of_the_filtered_posts(posts_some_hidden):
    filtered = Post.objects.published().filter(total_reactions__gte=30)
    ids = filtered.order_by().values("pk")
    assert {key: n for (key, _n, _s), n in facets.tag_counts(ids).items()} == plain_tag_counts(filtered)
    assert {emoji: n for (emoji,), n in facets.reaction_counts(ids).items()} == plain_reaction_counts(filtered)


def test_tag_counts_keep_only_the_most_used_when_limited(posts_some_hidden):
    counts = facets.tag_counts(limit=3)
    assert len(counts) == 3
    assert max(counts.values()) == counts[("bulk", "bulk", "bulk")]


def test_an_emoji_counts_once_per_post_and_a_reaction_needs_a_count(posts_some_hidden):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    post = Post.objects.get(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(post=post, position=9, emoji="🔥", count=1)
    with pytest.raises(ValidationError):
        Reaction(post=post, position=9, emoji="🤝", count=0).full_clean()
