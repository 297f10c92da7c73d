"""A post as a reader meets it: its text under the headline without repeating it, hashtags as links,
the channel's name labelled for what it is, a link to Telegram, the language declared, and reactions
named in words."""

import re

import pytest

from posts.models import Channel, Post
from posts.rendering import body_under_headline
from tests.posts.factories import make_channel, make_post

pytestmark = pytest.mark.django_db


def page_of(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def post_text(page):
    return page.split('class="prose post-text"', 1)[1].split("</div>", 1)[0]


def test_the_headline_is_not_repeated_as_the_first_line_of_the_text(client, seeded_posts):
    for post in Post.objects.all():
        text = post_text(page_of(client, post))
        first = re.sub(r"<[^>]+>", "", text.split(">", 1)[1]).strip().split("\n", 1)[0]
        assert not first.startswith(post.headline), post.position


def test_a_hashtag_line_before_the_headline_stays_in_the_text(client, seeded_posts):
    post = Post.objects.get(position=15)  # "#мнение" on its own line, then the headline
    text = post_text(page_of(client, post))
    assert text.startswith(
        ' lang="ru"><p><a href="/posts/tags/%D0%BC%D0%BD%D0%B5%D0%BD%D0%B8%D0%B5/">#мнение</a><br>\nЧасть I<br>'
    )


@pytest.mark.parametrize(
    ("text", "headline", "body"),
    [
        ("Заголовок\nТекст", "Заголовок", "Текст"),
        ("#тег\nЗаголовок\nТекст", "Заголовок", "#тег\nТекст"),
        ("Длинная первая строка\nТекст", "Длинная…", "Длинная первая строка\nТекст"),  # a cut headline
        ("Смотрите https://example.com\nТекст", "Смотрите https://example.com", "Смотрите https://example.com\nТекст"),
        ("Один абзац", "Один абзац", ""),
    ],
)
def test_the_body_drops_the_headline_line_only_when_nothing_is_lost(text, headline, body):
    assert body_under_headline(text, headline)[0] == body


def test_a_headline_line_with_formatting_stays_in_the_text(client):
    entities = [{"type": "bold", "offset": 0, "length": 9, "text": "Заголовок"}]
    post = make_post("Заголовок\nТекст", entities=entities)
    assert "<strong>Заголовок</strong>" in post.body_html


def test_every_hashtag_written_in_the_text_is_a_link_to_its_tag(client, seeded_posts):
    every = 0
    for post in Post.objects.all():
        text = post_text(page_of(client, post))
        written = re.findall(r"(?<![\w#/&])#\w(?:[\w.]*\w)?", re.sub(r"<[^>]+>", " ", text))
        linked = re.findall(r'<a href="/posts/tags/[^"]+/">(#[^<]+)</a>', text)
        assert sorted(written) == sorted(linked), post.position
        every += len(linked)
    assert every == 28  # #2pr.io, #Product_Hunt and #genAI among them


def test_the_channels_name_given_here_is_labelled_as_such(client, seeded_posts):
    channel = Channel.objects.get()
    assert channel.name_is_descriptive and channel.handle == ""
    page = page_of(client, Post.objects.get(position=3))
    assert (
        '<span class="channel-name is-descriptive">2pr.io founder&#x27;s channel <span class="name-note">'
        "(a descriptive name given here: the source does not name the channel)</span></span>"
    ) in page
    assert "(name given here)" in client.get("/posts/").content.decode()


def test_a_channel_named_by_its_source_is_not_labelled_and_links_to_its_address(client):
    channel = make_channel("Канал", "kanal", handle="kanal_handle", language="ru")
    post = make_post("Пост\nтекст", channel=channel, telegram_id=7, date="2025-01-02T03:04:05Z")
    page = page_of(client, post)
    assert (
        '<span class="channel-name"><a href="https://t.me/kanal_handle" rel="noopener noreferrer nofollow">Канал</a>'
        in page
    )
    assert "name given here" not in page
    card = client.get("/posts/").content.decode()
    assert 'href="https://t.me/kanal_handle/7" rel="noopener noreferrer nofollow">on Telegram</a>' in card


def test_a_channel_without_an_address_is_not_linked(client, seeded_posts):
    header = page_of(client, Post.objects.get(position=1)).split("post-header", 1)[1].split("</header>", 1)[0]
    assert "t.me" not in header and "tgoop" not in header and "Telegram</a>" not in header


def test_pages_declare_the_posts_language(client, seeded_posts):
    page = page_of(client, Post.objects.get(position=2))
    assert '<h1 id="post-title" lang="ru">' in page and 'class="prose post-text" lang="ru"' in page
    cards = client.get("/posts/").content.decode()
    assert cards.count('class="post-headline" lang="ru"') == 16


def test_the_import_tells_the_channels_language_from_its_posts(seeded_posts):
    assert Channel.objects.get().language == "ru"


def test_a_language_set_by_a_curator_is_kept_by_the_next_import(seeded_posts):
    from django.core.management import call_command

    from tests.seeds import POST_SEED

    Channel.objects.update(language="uk")
    call_command("import_posts", str(POST_SEED), verbosity=0)
    assert Channel.objects.get().language == "uk"


def test_reactions_keep_their_names_in_words(client):
    post = make_post("Пост\nтекст", reactions=[("🔥", 3), ("❤", 2), ("🐳", 1)])
    assert [reaction.name for reaction in post.reactions.all()] == ["fire", "red heart", "spouting whale"]
    page = page_of(client, post)
    assert (
        '<span class="reaction-emoji" aria-hidden="true">🐳</span> <span class="reaction-name">spouting whale</span>'
        in page
    )
    facet = client.get("/posts/").context["facets"][1]
    assert [(o.value, o.label) for o in facet.options] == [("❤", "red heart"), ("🐳", "spouting whale"), ("🔥", "fire")]
