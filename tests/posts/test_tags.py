"""/posts/tags/ and /posts/tags/<tag>/: every tag with its count, and each tag's posts."""

import pytest

from posts.models import Hashtag, Post
from tests.posts.factories import bulk_posts, make_post

pytestmark = pytest.mark.django_db


def test_the_tag_index_lists_every_tag_with_its_count_sized_by_use(client, seeded_posts):
    response = client.get("/posts/tags/")
    assert response.status_code == 200
    counts = {tag.name: (tag.post_count, tag.size) for tag in response.context["tags"]}
    assert counts["стартапы"] == (6, 5)
    assert counts["мнение"] == (1, 1)
    assert counts["продуктивность"][0] == 4 and 1 < counts["продуктивность"][1] < 5
    assert len(counts) == 11
    page = response.content.decode()
    assert 'class="tag tag-size-5" href="/posts/tags/%D1%81%D1%82%D0%B0%D1%80%D1%82%D0%B0%D0%BF%D1%8B/"' in page
    assert '#2pr.io <span class="tag-count">1<span class="visually-hidden"> post</span></span>' in page


def test_the_tag_index_answers_json(client, seeded_posts):
    body = client.get("/posts/tags/", {"format": "json"}).json()
    assert body["count"] == 11
    genai = next(t for t in body["results"] if t["name"] == "genAI")
    assert genai == {"name": "genAI", "slug": "genai", "count": 2, "url": "http://testserver/posts/tags/genai/"}
    assert client.get("/posts/tags/", {"format": "csv"}).status_code == 400


def test_unpublished_posts_do_not_count_and_a_tag_with_none_left_disappears(client, seeded_posts):
    Post.objects.filter(position__in=[15, 13]).update(is_published=False)
    counts = {tag.name: tag.post_count for tag in client.get("/posts/tags/").context["tags"]}
    assert "мнение" not in counts and counts["genAI"] == 1 and counts["linkedin"] == 2
    assert client.get("/posts/tags/мнение/").status_code == 404
    assert client.get("/posts/tags/мнение/feed/").status_code == 404


def test_a_tag_page_lists_its_posts_with_filters_facets_and_exports(client, seeded_posts):
    response = client.get("/posts/tags/linkedin/")
    assert response.status_code == 200
    assert [p.position for p in response.context["entries"]] == [7, 9, 13]
    page = response.content.decode()
    assert "<h1>#linkedin</h1>" in page and "3 posts tagged #linkedin" in page
    assert 'href="/posts/tags/linkedin/feed/"' in page
    assert [p.position for p in client.get("/posts/tags/linkedin/", {"tag": "genai"}).context["entries"]] == [13]
    body = client.get("/posts/tags/linkedin/", {"format": "json"}).json()
    assert body["count"] == 3
    assert client.get("/posts/tags/linkedin/", {"min_reactions": "x"}).status_code == 400


def test_a_tag_is_found_by_slug_in_any_case_and_by_its_name(client, seeded_posts):
    assert client.get("/posts/tags/стартапы/").status_code == 200
    assert client.get("/posts/tags/2pr-io/").status_code == 200
    response = client.get("/posts/tags/LinkedIn/", {"sort": "reactions"})
    assert response.status_code == 301 and response["Location"] == "/posts/tags/linkedin/?sort=reactions"
    assert client.get("/posts/tags/2pr.io/")["Location"] == "/posts/tags/2pr-io/"
    assert (
        client.get("/posts/tags/СТАРТАПЫ/")["Location"]
        == "/posts/tags/%D1%81%D1%82%D0%B0%D1%80%D1%82%D0%B0%D0%BF%D1%8B/"
    )


def test_an_unknown_tag_is_a_404(client, seeded_posts):
    assert client.get("/posts/tags/нет-такого/").status_code == 404
    assert client.get("/posts/tags/нет-такого/", {"format": "json"}).json()["error"] == "not found"


def test_tags_that_differ_only_in_case_are_one_tag_even_in_cyrillic():
    make_post("Один #Ёлка", tags=["Ёлка"])
    make_post("Два #ёлка", tags=["ёлка"])
    make_post("Три #ЕЛКА", tags=["ЕЛКА"])
    tag = Hashtag.objects.get()
    assert (tag.name, tag.key, tag.slug) == ("Ёлка", "елка", "елка")
    assert tag.posts.count() == 3


def test_tag_pages_and_the_index_make_few_queries_with_a_thousand_posts(client, django_assert_max_num_queries):
    bulk_posts(1000)
    with django_assert_max_num_queries(10):
        response = client.get("/posts/tags/")
    assert len(response.context["tags"]) == 48  # bulk, tag0..tag39, тег0..тег6
    with django_assert_max_num_queries(10):
        response = client.get("/posts/tags/tag7/")
    assert response.context["result_count"] == 25
    with django_assert_max_num_queries(10):
        assert client.get("/posts/tags/bulk/", {"format": "json", "page_size": 500}).status_code == 200
