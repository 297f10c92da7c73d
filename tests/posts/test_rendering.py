"""A post's text as HTML: made once on save, clickable, and never executable."""

import pytest

from posts.models import Hashtag
from posts.rendering import render_post_html
from tests.posts.factories import make_post

pytestmark = pytest.mark.django_db


def test_urls_are_linked_without_the_punctuation_that_ends_the_sentence():
    html = render_post_html("Смотрите https://example.com/a_b.", [], {})
    assert html == (
        '<p>Смотрите <a href="https://example.com/a_b" rel="noopener noreferrer nofollow">'
        "https://example.com/a_b</a>.</p>"
    )


def test_a_url_the_scraper_cut_short_stays_text():
    assert render_post_html("Радар: https:/… и https://example.com/lo…", [], {}) == (
        "<p>Радар: https:/… и https://example.com/lo…</p>"
    )


def test_hashtags_link_to_their_tag_pages_and_unknown_ones_stay_text():
    html = render_post_html("#2pr.io и #Product_Hunt. #нет", [], {"2pr.io": "2pr-io", "product_hunt": "product_hunt"})
    assert '<a href="/posts/tags/2pr-io/">#2pr.io</a>' in html
    assert '<a href="/posts/tags/product_hunt/">#Product_Hunt</a>.' in html
    assert "#нет</p>" in html


def test_handles_link_to_telegram_but_email_addresses_do_not():
    html = render_post_html("@rusven и mail@example.com", [], {})
    assert '<a href="https://t.me/rusven" rel="noopener noreferrer nofollow">@rusven</a>' in html
    assert "mail@example.com" in html and "t.me/example" not in html


def test_lines_become_line_breaks_and_blank_lines_paragraphs():
    assert render_post_html("один\nдва\n\nтри", [], {}) == "<p>один<br>\nдва</p>\n<p>три</p>"


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>'],
)
def test_markup_in_the_text_is_shown_not_run(text):
    html = render_post_html(text, [], {})
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;" in html


def test_entities_format_and_link_their_words_and_a_javascript_link_is_dropped():
    text = "жирно, ссылка и плохо"
    entities = [
        {"type": "bold", "offset": 0, "length": 5, "text": "жирно"},
        {"type": "text_link", "offset": 7, "length": 6, "text": "ссылка", "href": "https://example.com/"},
        {"type": "text_link", "offset": 16, "length": 5, "text": "плохо", "href": "javascript:alert(1)"},
    ]
    html = render_post_html(text, entities, {})
    assert html.startswith("<p><strong>жирно</strong>, ")
    assert '<a href="https://example.com/" rel="noopener noreferrer nofollow">ссылка</a>' in html
    assert "javascript" not in html and "плохо" in html


def test_entities_follow_their_words_when_the_text_was_edited_and_are_dropped_when_they_are_gone():
    entities = [{"type": "text_link", "offset": 0, "length": 5, "text": "здесь", "href": "https://example.com/"}]
    moved = render_post_html("Смотрите здесь", entities, {})
    assert 'Смотрите <a href="https://example.com/"' in moved
    assert render_post_html("Другой текст", entities, {}) == "<p>Другой текст</p>"


def test_saving_a_post_renders_it_once_with_its_tags_linked():
    Hashtag.objects.for_names(["Тег"])
    post = make_post("Заголовок\nТекст #тег и https://example.com", tags=["Тег"])
    assert '<a href="/posts/tags/%D1%82%D0%B5%D0%B3/">#тег</a>' in post.text_html
    assert (post.search_title, post.search_text) == ("заголовок", "заголовок текст тег и https exampl com")
    post.text = "Заголовок\nНовый текст"
    post.save()
    post.refresh_from_db()
    assert post.text_html == "<p>Заголовок<br>\nНовый текст</p>"
    assert "нов текст" in post.search_text  # stemmed terms: what the search index holds
