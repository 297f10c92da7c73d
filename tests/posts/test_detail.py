"""/posts/<id>/: the whole post, its JSON, previous and next, 404s and the query bound."""

import pytest

from posts.models import Post
from tests.posts.factories import bulk_posts, make_post

pytestmark = pytest.mark.django_db


def page_of(client, post, **params):
    response = client.get(post.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_post_shows_its_whole_text_with_clickable_links_and_hashtags(client, seeded_posts):
    post = Post.objects.get(position=9)
    page = page_of(client, post)
    assert f'<h1 id="post-title" lang="ru">{post.headline}</h1>' in page
    assert "любое развитие на Линкедине начинается с создания доверия к профилю." in page
    assert "post 9 of its source" not in page
    assert (
        '<a href="https://2pr.io/linkedin_profile_review" rel="noopener noreferrer nofollow">'
        "https://2pr.io/linkedin_profile_review</a>" in page
    )
    assert 'href="/posts/tags/%D1%81%D1%82%D0%B0%D1%80%D1%82%D0%B0%D0%BF%D1%8B/"' in page  # #стартапы
    assert (
        '<span class="reaction-emoji" aria-hidden="true">🔥</span> <span class="reaction-name">fire</span> '
        '<span class="reaction-count">15</span>'
    ) in page
    assert '<span class="fact-value">24</span>' in page


def test_a_forwarded_post_names_its_source_and_signature_without_calling_the_handle_its_address(client, seeded_posts):
    page = page_of(client, Post.objects.get(position=15))
    # the scrape gives @rusven only as the post's sign-off, not as the address of the channel it came from
    assert 'from <strong lang="ru">Русский венчур</strong>, signed @rusven</p>' in page
    header = page.split('<header class="post-header">', 1)[1].split("</header>", 1)[0]
    assert "t.me/rusven" not in header
    # in the text, the mention is linked as Telegram links it (like every link that leaves the site)
    assert '<a href="https://t.me/rusven" rel="noopener noreferrer nofollow">@rusven</a>' in page
    assert page.count("<h1") == 1


def test_a_post_with_media_says_so(client, seeded_posts):
    page = page_of(client, Post.objects.get(position=7))
    assert "This post had media, which is not kept here." in page
    assert "Please open Telegram" not in page


def test_the_link_preview_card_is_shown(client, seeded_posts):
    page = page_of(client, Post.objects.get(position=11))
    assert 'aria-label="Link preview"' in page
    assert '<p class="preview-site">YouTube</p>' in page
    assert "1️⃣ Подписывайся на подкаст в Телеграм" in page


def test_previous_and_next_follow_source_order_and_skip_unpublished(client, seeded_posts):
    Post.objects.filter(position=5).update(is_published=False)
    response = client.get(Post.objects.get(position=4).get_absolute_url())
    assert response.context["previous_post"].position == 3
    assert response.context["next_post"].position == 6
    first = client.get(Post.objects.get(position=1).get_absolute_url())
    assert first.context["previous_post"] is None and first.context["next_post"].position == 2
    last = client.get(Post.objects.get(position=16).get_absolute_url())
    assert last.context["next_post"] is None


def test_json_holds_the_whole_post(client, seeded_posts):
    post = Post.objects.get(position=11)
    body = client.get(post.get_absolute_url(), {"format": "json"}).json()
    assert body["id"] == post.pk and body["url"] == f"http://testserver/posts/{post.pk}/"
    assert body["text"] == post.text and body["text_html"] == post.text_html
    assert body["hashtags"] == ["личное", "Product_Hunt"]
    assert body["hashtag_urls"]["Product_Hunt"] == "http://testserver/posts/tags/product_hunt/"
    assert body["reactions"] == [
        {"emoji": "❤", "name": "red heart", "count": 15},
        {"emoji": "🔥", "name": "fire", "count": 14},
    ]
    assert body["link_preview"]["site"] == "YouTube"
    assert body["links"] == [{"url": "https://youtu.be/eiTo_Fn0g2M", "domain": "youtu.be", "label": ""}]
    assert body["channel"] == {
        "name": "2pr.io founder's channel",
        "name_is_descriptive": True,
        "handle": None,
        "link": None,
        "language": "ru",
    }
    assert body["body_html"] == post.body_html and not body["body_html"].startswith(f"<p>{post.headline}")
    assert body["forwarded_from"] is None and body["has_media"] is False and body["position"] == 11


def test_an_unknown_or_unpublished_post_is_a_404(client, seeded_posts):
    post = Post.objects.get(position=2)
    post.is_published = False
    post.save()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert client.get(post.get_absolute_url(), {"format": "json"}).status_code == 404
    assert client.get("/posts/999999/").status_code == 404
    assert client.get("/posts/abc/").status_code == 404


def test_a_format_other_than_html_or_json_is_a_400(client, seeded_posts):
    response = client.get(Post.objects.first().get_absolute_url(), {"format": "csv"})
    assert response.status_code == 400
    assert "format must be one of html, json, not &#x27;csv&#x27;." in response.content.decode()


def test_an_exported_post_shows_its_hidden_links_and_date(client):
    post = make_post(
        "Смотрите здесь",
        entities=[{"type": "text_link", "offset": 9, "length": 5, "text": "здесь", "href": "https://example.com/"}],
        date="2025-01-02T10:00:00Z",
        telegram_id=42,
        has_media=True,
        media_type="video_file",
    )
    page = page_of(client, post)
    assert 'Смотрите <a href="https://example.com/" rel="noopener noreferrer nofollow">здесь</a>' in page
    assert '<time datetime="2025-01-02T10:00:00+00:00">2 January 2025, 10:00 UTC</time>' in page
    assert "This post had media (video file)" in page


def test_a_post_of_a_channel_with_a_handle_links_to_telegram(client):
    from tests.posts.factories import make_channel

    post = make_post("Пост", channel=make_channel("Канал", "kanal", handle="kanal_handle"), telegram_id=7)
    page = page_of(client, post)
    assert 'href="https://t.me/kanal_handle/7" rel="noopener noreferrer nofollow">View on Telegram</a>' in page
    assert 'href="https://t.me/kanal_handle" rel="noopener noreferrer nofollow">Канал</a>' in page


def test_a_post_page_makes_few_queries_with_a_thousand_posts(client, django_assert_max_num_queries):
    bulk_posts(1000)
    post = Post.objects.get(position=500)
    # post with its channel, tags, reactions and links, previous, next
    with django_assert_max_num_queries(10):
        assert client.get(post.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(post.get_absolute_url(), {"format": "json"}).status_code == 200
