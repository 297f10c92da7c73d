"""The posts' search hook for the site-wide search: the same answers on SQLite and PostgreSQL."""

import pytest
from django.apps import apps
from django.db import connection

from posts.models import Post
from tests.posts.factories import make_post

pytestmark = pytest.mark.django_db


def search(query, **kwargs):
    found = apps.get_app_config("posts").search(query, **kwargs)
    return found.total, found.results


def test_a_title_match_ranks_before_a_body_only_match():
    body_only = make_post("Заметка о рынке\nЗдесь упомянут венчур вскользь, и ещё раз венчур, и венчур.")
    in_title = make_post("Венчур сегодня\nКоротко о рынке.")
    total, results = search("венчур")
    assert total == 2
    assert [r["url"] for r in results] == [in_title.get_absolute_url(), body_only.get_absolute_url()]
    assert results[0]["title"] == "Венчур сегодня"
    assert results[0]["meta"] == "Test channel · 0 reactions" and results[0]["kind"] == "Post"


def test_unpublished_posts_are_not_found():
    make_post("Скрытый венчур", is_published=False)
    shown = make_post("Открытый венчур")
    total, results = search("венчур")
    assert total == 1 and results[0]["url"] == shown.get_absolute_url()


def test_snippets_mark_the_match_and_carry_nothing_executable():
    make_post("Заголовок\nТекст про <script>alert(1)</script> стартапы и ещё немного слов.")
    total, (result,) = search("стартапы")
    assert "<mark>стартапы</mark>" in result["snippet"]
    assert "<script" not in result["snippet"]


def test_every_word_must_match_and_case_does_not_matter(seeded_posts):
    total, results = search("AIRBNB ipo")
    assert total == 1 and results[0]["title"].startswith("Сколько инвесторы заработали")
    assert search("Airbnb Deepseek") == (0, [])


def test_offset_and_limit_page_through_the_results(seeded_posts):
    total, first = search("стартапы", limit=2)
    _, second = search("стартапы", offset=2, limit=2)
    assert total >= 4 and len(first) == 2 and len(second) == 2
    assert {r["url"] for r in first}.isdisjoint({r["url"] for r in second})


def test_an_empty_query_finds_nothing(seeded_posts):
    assert search("") == (0, []) and search("   ") == (0, [])


def test_the_seed_is_searchable_in_cyrillic_on_every_database(seeded_posts):
    total, results = search("ЛИНКЕДИНЕ")
    assert total == 3
    assert {Post.objects.get(pk=r["url"].split("/")[2]).position for r in results} == {7, 9, 13}


def test_a_word_finds_its_other_russian_forms_on_every_database(client, seeded_posts):
    total, results = search("Линкедина")  # the seed writes "Линкедине", "линкедине", "Линкедина"
    positions = {Post.objects.get(pk=r["url"].split("/")[2]).position for r in results}
    assert positions == {7, 9, 13}
    assert any("<mark>Линкедине</mark>" in r["snippet"] for r in results)
    body = client.get("/posts/", {"q": "стартапов", "format": "json", "page_size": 500}).json()  # the list's q too
    assert body["count"] >= 6


def test_a_bulk_update_of_the_text_is_found_at_once():
    post = make_post("Заголовок\nПервое слово")
    Post.objects.filter(pk=post.pk).update(text="Заголовок\nСовсем другое")  # no save(): the queryset keeps the index
    assert search("другое")[0] == 1 and search("первое")[0] == 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'posts_post_search_gin'")
            assert "USING gin (search_vector)" in cursor.fetchone()[0]


def test_the_home_card_counts_published_posts_only_in_few_queries(client, seeded_posts, django_assert_max_num_queries):
    Post.objects.filter(position=11).update(is_published=False)
    config = apps.get_app_config("posts")
    with django_assert_max_num_queries(3):
        summary = config.collection_summary()
    assert summary["count"] == 15 and summary["url"] == "/posts/"
    assert [h["meta"] for h in summary["highlights"]] == ["24 reactions", "23 reactions", "20 reactions"]
    home = client.get("/").content.decode()
    assert "Самое приятное в стартапах это когда про продукт органически рассказывают юзеры." in home
    assert '<span class="count-number">15</span> posts' in home
