"""One search over the whole knowledge base, on the real seeds, on SQLite and PostgreSQL."""

import pytest
from django.core.management import call_command

from posts.models import Post
from reviews.models import Paper
from roles.models import Role

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture
def seeded():
    call_command("import_seeds", verbosity=0)


def groups(response):
    return {group.label: group for group in response.context["groups"]}


def test_an_empty_query_shows_the_search_page(client, seeded):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "Search the knowledge base" in response.content.decode()


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_a_query_over_200_characters_is_a_400(client, seeded, fmt):
    response = client.get(URL, {"q": "a" * 201, "format": fmt})
    assert response.status_code == 400
    message = "q: Ensure this value has at most 200 characters (it has 201)."
    if fmt == "json":
        assert response.json()["messages"] == [message]
    else:
        assert message in response.content.decode()


def test_a_query_of_200_characters_is_answered(client, seeded):
    assert client.get(URL, {"q": "a" * 200}).status_code == 200


def test_results_are_grouped_by_collection_with_counts(client, seeded):
    response = client.get(URL, {"q": "linkedin"})
    found = groups(response)
    assert list(found) == ["roles", "posts", "reviews"]
    assert found["posts"].count == len(found["posts"].results) >= 3
    assert found["roles"].count == 0 and found["reviews"].count == 0
    assert "<mark>" in found["posts"].results[0]["snippet"]
    assert f"{found['posts'].count} results, all in founder posts." in response.content.decode()


def test_a_title_match_ranks_first(client, seeded):
    roles = groups(client.get(URL, {"q": "Chief AI Officer"}))["roles"]
    assert roles.results[0]["title"] == "Chief AI Officer"
    posts = groups(client.get(URL, {"q": "Grok"}))["posts"]
    assert posts.results[0]["title"] == "Grok в телеге."
    papers = groups(client.get(URL, {"q": "Dual-Sampling Attention"}))["reviews"]
    assert papers.results[0]["title"].startswith("Dual-Sampling Attention Network")


def test_cyrillic_is_matched_in_any_case(client, seeded):
    posts = groups(client.get(URL, {"q": "ЛИНКЕДИНЕ"}))["posts"]
    assert posts.count >= 1
    assert all("инкедин" in r["snippet"].lower() for r in posts.results)


def test_russian_word_forms_match_on_every_database(client, seeded):
    """ "Линкедина" (genitive) finds posts that say "Линкедине" (prepositional)."""
    posts = groups(client.get(URL, {"q": "Линкедина"}))["posts"]
    headlines = [r["title"] for r in posts.results]
    assert "Первый опыт с лидмагнитом в Linkedin" in headlines
    assert any("<mark>Линкедине</mark>" in r["snippet"] for r in posts.results)


def test_unpublished_entries_are_never_found(client, seeded):
    Role.objects.filter(slug="chief-ai-officer").update(is_published=False)
    Post.objects.filter(headline="Grok в телеге.").update(is_published=False)
    Paper.objects.filter(first_author="Ouyang").update(is_published=False)
    found = groups(client.get(URL, {"q": "Chief AI Officer"}))
    assert "Chief AI Officer" not in [r["title"] for r in found["roles"].results]
    assert groups(client.get(URL, {"q": "Grok"}))["posts"].count == 0
    papers = groups(client.get(URL, {"q": "Dual-Sampling Attention"}))["reviews"].results
    assert not any(r["title"].startswith("Dual-Sampling") for r in papers)


def test_json_gives_each_group_with_absolute_urls(client, seeded):
    body = client.get(URL, {"q": "salary", "format": "json"}).json()
    assert body["query"] == "salary"
    assert [g["collection"] for g in body["groups"]] == ["roles", "posts", "reviews"]
    assert body["count"] == sum(g["count"] for g in body["groups"])
    roles = body["groups"][0]
    assert roles["count"] >= 1
    first = roles["results"][0]
    assert first["url"].startswith("http://testserver/roles/") and first["collection"] == "roles"
    assert {"title", "url", "snippet", "meta", "kind"} <= set(first)


def test_one_collection_can_be_paged_through(client, seeded):
    everything = groups(client.get(URL, {"q": "AI"}))
    roles_total = everything["roles"].count
    assert everything["roles"].more_url == "/search/?collection=roles&q=AI" or roles_total <= 5
    only = client.get(URL, {"q": "AI", "collection": "roles"})
    assert list(groups(only)) == ["roles"]
    assert len(groups(only)["roles"].results) == min(roles_total, 20)
    assert client.get(URL, {"q": "AI", "collection": "roles", "page": 99}).status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "AI", "collection": "jobs"}, "collection: Select a valid choice. jobs is not one of the available"),
        ({"q": "AI", "page": "2"}, "page needs a collection"),
        ({"q": "AI", "collection": "posts", "page": "zero"}, "page: Enter a whole number."),
    ],
)
def test_bad_search_parameters_are_a_readable_400(client, seeded, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_hostile_query_is_shown_escaped(client, seeded):
    page = client.get(URL, {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_search_makes_few_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(URL, {"q": "AI"}).status_code == 200


def test_a_very_common_word_says_more_than_the_cap_and_still_ranks_titles_first(client, seeded, monkeypatch):
    """Past CANDIDATE_CAP matches a search ranks only that many, and says "more than"."""
    monkeypatch.setattr("kb_site.search.engine.CANDIDATE_CAP", 3)
    everyone = client.get(URL, {"q": "стартап", "format": "json"}).json()
    posts = next(g for g in everyone["groups"] if g["collection"] == "posts")
    assert posts["count"] == 3 and posts["count_is_lower_bound"] is True
    page = client.get(URL, {"q": "стартап"}).content.decode()
    assert "More than 3 match" in page
    few = client.get(URL, {"q": "Grok", "format": "json"}).json()
    assert next(g for g in few["groups"] if g["collection"] == "posts")["count_is_lower_bound"] is False
