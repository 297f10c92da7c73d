"""Posts read like a channel: newest first where the source gives dates, the source's order otherwise,
served by an index on both databases."""

import pytest
from django.db import connection

from posts.models import Post
from tests.posts.factories import make_channel, make_post

pytestmark = pytest.mark.django_db


def headlines(client, **params):
    response = client.get("/posts/", {"format": "json", **params})
    return [row["headline"] for row in response.json()["results"]]


@pytest.fixture
def dated_and_undated():
    export = make_channel("Экспорт", "export", telegram_id=1)
    make_post("Первый пост\nтекст", channel=export, date="2024-12-01T10:00:00Z", telegram_id=1)
    make_post("Второй пост\nтекст", channel=export, date="2025-01-15T10:00:00Z", telegram_id=2)
    make_post("Третий пост\nтекст", channel=export, date="2025-02-20T10:00:00Z", telegram_id=3)
    scrape = make_channel("Scrape", "scrape")
    make_post("Undated one\ntext", channel=scrape)
    make_post("Undated two\ntext", channel=scrape)


def test_dated_posts_come_newest_first_and_undated_ones_after_in_source_order(client, dated_and_undated):
    assert headlines(client) == ["Третий пост", "Второй пост", "Первый пост", "Undated one", "Undated two"]


def test_the_source_order_is_still_a_choice(client, dated_and_undated):
    assert headlines(client, sort="source") == [
        "Первый пост",
        "Второй пост",
        "Третий пост",
        "Undated one",
        "Undated two",
    ]


def test_a_tag_page_is_newest_first_too(client):
    make_post("Old #news\nx", date="2024-01-01T00:00:00Z", tags=["news"])
    make_post("New #news\nx", date="2025-01-01T00:00:00Z", tags=["news"])
    page = client.get("/posts/tags/news/")
    assert [post.headline for post in page.context["entries"]] == ["New #news", "Old #news"]


def test_every_card_and_post_page_shows_the_date_the_source_gives(client, dated_and_undated):
    page = client.get("/posts/").content.decode()
    assert '<time datetime="2025-02-20T10:00:00+00:00">20 Feb 2025</time>' in page
    assert page.count("<time ") == 3  # the undated posts show none
    post = Post.objects.get(headline="Второй пост")
    detail = client.get(post.get_absolute_url()).content.decode()
    assert '<time datetime="2025-01-15T10:00:00+00:00">15 January 2025, 10:00 UTC</time>' in detail


def test_the_default_order_is_served_by_the_newest_first_index(dated_and_undated):
    queryset = Post.objects.published().for_list().order_by(*Post._meta.ordering)[:20]
    if connection.vendor == "sqlite":
        assert "USING INDEX posts_post_newest_first" in queryset.explain()
    else:
        with connection.cursor() as cursor:  # a tiny table: make the planner show what it can use
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
            assert "posts_post_newest_first" in queryset.explain()


def test_a_tag_page_and_a_deep_page_keep_the_query_budget_cold_and_warm(client, django_assert_max_num_queries):
    from django.core.cache import cache

    from tests.posts.factories import bulk_posts

    bulk_posts(1100)  # a page past DEEP_PAGE_OFFSET exists: 1,100 posts, 20 a page
    for path in (
        "/posts/tags/bulk/",
        "/posts/tags/tag3/?sort=reactions",
        "/posts/?page=52",
        "/posts/tags/bulk/?page=53",
    ):
        cache.clear()
        for attempt in ("cold", "warm"):
            with django_assert_max_num_queries(10, info=f"{path} ({attempt})"):
                assert client.get(path).status_code == 200
    page = client.get("/posts/tags/bulk/").content.decode()
    assert "1100 posts tagged #bulk" in page
