"""RSS and Atom feeds of published posts, for the channel and per tag."""

import xml.etree.ElementTree as ET  # parses this site's own feeds only

import pytest

from posts.models import Post
from tests.posts.factories import bulk_posts

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 (our own feed)


def test_the_rss_feed_lists_published_posts_in_the_lists_order(client, seeded_posts):
    Post.objects.filter(position=16).update(is_published=False)
    items = rss_items(client, "/posts/feed/")
    assert len(items) == 15
    # the scrape gives no dates: the source's order, as on the list
    assert items[0].findtext("title").startswith("Вчерашним постом поделились")
    first = Post.objects.get(position=1)
    assert items[0].findtext("link") == f"http://testserver/posts/{first.pk}/"
    assert [c.text for c in items[0].findall("category")] == ["телеграм", "продуктивность", "стартапы"]
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
        "Первый опыт с лидмагнитом в Linkedin",
        "Самое приятное в стартапах это когда про продукт органически рассказывают юзеры.",
        "Проанализировали ~50к виральных постов в Линкедине. Глубоко.",
    ]
    atom = ET.fromstring(client.get("/posts/tags/LinkedIn/feed/atom/").content)  # noqa: S314
    assert atom.findtext(f"{ATOM}title") == "#linkedin · Founder posts"
    assert client.get("/posts/tags/нет-такого/feed/").status_code == 404


def test_feed_items_carry_the_dates_the_source_gives(client, seeded_posts):
    from posts.models import Channel
    from tests.posts.factories import make_post

    make_post("Датированный пост", channel=Channel.objects.get(), date="2025-03-01T12:00:00Z")
    items = rss_items(client, "/posts/feed/")
    assert items[0].findtext("title") == "Датированный пост"  # dated posts first, newest first
    assert items[0].findtext("pubDate") == "Sat, 01 Mar 2025 12:00:00 +0000"
    assert items[1].findtext("pubDate") is None  # the scrape gives no dates


def test_feeds_make_few_queries_and_hold_fifty_items_with_a_thousand_posts(client, django_assert_max_num_queries):
    bulk_posts(1000)
    for url in ("/posts/feed/", "/posts/feed/atom/", "/posts/tags/tag3/feed/", "/posts/tags/bulk/feed/atom/"):
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
    assert len(rss_items(client, "/posts/feed/")) == 50


def atom_entries(client, url="/posts/feed/atom/"):
    feed = ET.fromstring(client.get(url).content)  # noqa: S314 (our own feed)
    return feed, feed.findall(f"{ATOM}entry")


def test_an_atom_entry_is_published_when_its_post_was_and_updated_when_edited(client):
    from tests.posts.factories import make_post

    make_post("Старый пост\nтекст", date="2024-11-02T08:00:00Z")
    make_post("Новый пост\nтекст", date="2025-02-10T09:30:00Z", edited_date="2025-02-11T10:00:00Z")
    _, entries = atom_entries(client)
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Новый пост", "Старый пост"]
    assert entries[0].findtext(f"{ATOM}published") == "2025-02-10T09:30:00+00:00"
    assert entries[0].findtext(f"{ATOM}updated") == "2025-02-11T10:00:00+00:00"
    assert (
        entries[1].findtext(f"{ATOM}published") == entries[1].findtext(f"{ATOM}updated") == "2024-11-02T08:00:00+00:00"
    )


def test_a_post_without_a_date_gets_none_presented_as_its_own(client, seeded_posts):
    post = Post.objects.get(position=2)
    rss = rss_items(client, "/posts/feed/")[1]
    assert rss.findtext("pubDate") is None
    _, entries = atom_entries(client)
    entry = entries[1]
    assert entry.find(f"{ATOM}published") is None  # Atom's date of publication: never invented
    # Atom requires `updated`: when this knowledge base recorded the entry, and the entry says so
    assert entry.findtext(f"{ATOM}updated") == post.imported_at.isoformat()
    assert "The source gives no date for this post" in entry.findtext(f"{ATOM}summary")
    assert "The source gives no date for this post" in rss.findtext("description")


def test_an_items_text_does_not_repeat_its_title(client, seeded_posts):
    item = rss_items(client, "/posts/feed/")[0]
    title = item.findtext("title")
    assert not item.findtext("description").split("</em></p>", 1)[1].lstrip().startswith(f"<p>{title}")


def test_the_feeds_language_is_the_posts_language(client, seeded_posts):
    rss = ET.fromstring(client.get("/posts/feed/").content)  # noqa: S314
    assert rss.findtext("./channel/language") == "ru"
    atom, _ = atom_entries(client, "/posts/tags/linkedin/feed/atom/")
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"


def test_a_feed_whose_language_is_unknown_declares_none(client):
    from tests.posts.factories import make_post

    make_post("12345\n678")  # nothing to tell a language by; the channel's language is blank
    rss = ET.fromstring(client.get("/posts/feed/").content)  # noqa: S314
    assert rss.find("./channel/language") is None
