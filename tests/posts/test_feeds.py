"""RSS and Atom feeds of published posts, for the channel and per tag."""

import xml.etree.ElementTree as ET  # parses this site's own feeds only

import pytest

from posts.models import Post
from tests.posts.conftest import bulk_posts

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 (our own feed)


def test_the_rss_feed_lists_published_posts_newest_first(client, seeded_posts):
    Post.objects.filter(position=16).update(is_published=False)
    items = rss_items(client, "/posts/feed/")
    assert len(items) == 15
    assert items[0].findtext("title").startswith("Ислам Мидов")  # the last published post of the scrape
    first = Post.objects.get(position=15)
    assert items[0].findtext("link") == f"http://testserver/posts/{first.pk}/"
    assert [c.text for c in items[0].findall("category")] == ["мнение"]
    assert "<p>" in items[0].findtext("description")
    assert all(item.findtext("title") != "Продолжение. Часть II" for item in items)


def test_the_atom_feed_has_an_entry_per_published_post(client, seeded_posts):
    response = client.get("/posts/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 16
    assert all(entry.find(f"{ATOM}updated") is not None for entry in entries)


def test_a_tag_has_its_own_feeds(client, seeded_posts):
    items = rss_items(client, "/posts/tags/linkedin/feed/")
    assert [item.findtext("title") for item in items] == [
        "Проанализировали ~50к виральных постов в Линкедине. Глубоко.",
        "Самое приятное в стартапах это когда про продукт органически рассказывают юзеры.",
        "Первый опыт с лидмагнитом в Linkedin",
    ]
    atom = ET.fromstring(client.get("/posts/tags/LinkedIn/feed/atom/").content)  # noqa: S314
    assert atom.findtext(f"{ATOM}title") == "#linkedin · Founder posts"
    assert client.get("/posts/tags/нет-такого/feed/").status_code == 404


def test_feed_items_carry_the_dates_the_source_gives(client, seeded_posts):
    from posts.models import Channel
    from tests.posts.conftest import make_post

    make_post("Датированный пост", channel=Channel.objects.get(), date="2025-03-01T12:00:00Z")
    items = rss_items(client, "/posts/feed/")
    assert items[0].findtext("title") == "Датированный пост"  # the last of its source, so the newest
    assert items[0].findtext("pubDate") == "Sat, 01 Mar 2025 12:00:00 +0000"
    assert items[1].findtext("pubDate") is None  # the scrape gives no dates


def test_feeds_make_few_queries_and_hold_fifty_items_with_a_thousand_posts(client, django_assert_max_num_queries):
    bulk_posts(1000)
    for url in ("/posts/feed/", "/posts/feed/atom/", "/posts/tags/tag3/feed/", "/posts/tags/bulk/feed/atom/"):
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
    assert len(rss_items(client, "/posts/feed/")) == 50
