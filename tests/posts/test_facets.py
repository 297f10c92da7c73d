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


def listed(client, url, params):
    """The list page's count, facet counts {param: {value: n}} and the keys of its posts, in order."""
    response = client.get(url, {**params, "show_all": "tag"})  # every tag, not only the most used
    assert response.status_code == 200
    facets_shown = {group.param: {o.value: o.count for o in group.options} for group in response.context["facets"]}
    return response.context["result_count"], facets_shown, [post.key for post in response.context["entries"]]


def plainly(filtered):
    """What the list shows, counted by the database: count, facet counts, the first page's posts."""
    unordered = filtered.order_by()
    counts = {"tag": plain_tag_counts(unordered), "reaction": plain_reaction_counts(unordered)}
    return filtered.count(), counts, [post.key for post in filtered.newest_first()[:20]]


@pytest.mark.parametrize(
    "params, narrow",
    [
        ({}, {}),
        ({"tag": "тег3"}, {"hashtags__key": "тег3"}),
        ({"tag": "Product.Hunt"}, {"hashtags__key": "product.hunt"}),
        ({"tag": "product-hunt"}, {"hashtags__key": "product.hunt"}),  # the tag's slug
        ({"tag": ["тег3", "tag5"]}, {"hashtags__key": "тег3"}),
        ({"reaction": "🎉"}, {"reactions__emoji": "🎉"}),
        ({"tag": "bulk", "min_reactions": 30}, {"hashtags__key": "bulk", "total_reactions__gte": 30}),
        ({"tag": "nothing-like-it"}, {"hashtags__key": "nothing-like-it"}),
    ],
)
def test_the_list_counts_and_pages_as_the_database_filters(client, posts_some_hidden, params, narrow):
    make_post("Продукт дня #Product.Hunt", tags=["Product.Hunt"], reactions=[("🎉", 4)])
    make_post("Скрытый #Product.Hunt", tags=["Product.Hunt"], is_published=False)
    filtered = Post.objects.published().filter(**narrow)
    if params.get("tag") == ["тег3", "tag5"]:
        filtered = filtered.filter(pk__in=Post.objects.filter(hashtags__key="tag5").values("pk"))
    count, counts, keys = listed(client, "/posts/", params)
    assert (count, counts, keys) == plainly(Post.objects.filter(pk__in=filtered.values("pk")))


def test_a_tag_page_counts_and_pages_its_posts_filtered_further(client, posts_some_hidden):
    tagged = Post.objects.published().filter(hashtags__key="тег3")
    count, counts, keys = listed(client, "/posts/tags/тег3/", {"reaction": "🔥", "min_reactions": 40})
    filtered = tagged.filter(reactions__emoji="🔥", total_reactions__gte=40)
    assert (count, counts, keys) == plainly(Post.objects.filter(pk__in=filtered.values("pk")))


def test_a_long_list_pages_as_a_short_one(client, posts_some_hidden, monkeypatch):
    """A short list's page is found among its ids; the same page as the database finds walking the list."""
    params = {"tag": "тег3", "sort": "reactions", "page": 2, "page_size": 5}
    short = listed(client, "/posts/", params)
    monkeypatch.setattr("kb_site.listing.FEW", 0)
    client.get("/posts/", {"tag": "bulk"})  # nothing cached is reused: a new version
    Post.objects.first().save()
    assert listed(client, "/posts/", params) == short
