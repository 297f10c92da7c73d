"""`q` on every list: the search index, with the other filters and the facets, in few queries."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PAPERS = "/reviews/ai-medical-imaging-covid-19/papers/"


@pytest.fixture
def seeded():
    call_command("import_seeds", verbosity=0)


def facet(response, param):
    return {o.value: o.count for g in response.context["facets"] if g.param == param for o in g.options}


@pytest.mark.parametrize(
    ("url", "params", "count"),
    [
        ("/posts/", {"q": "Линкедина"}, 3),
        ("/posts/", {"q": "стартапов", "tag": "стартапы"}, 6),
        ("/posts/", {"q": "стартапов", "tag": "linkedin"}, 1),
        ("/roles/", {"q": '"machine learning"'}, 5),
        ("/roles/", {"q": "ai -officer"}, 4),
        (PAPERS, {"q": "severity"}, 5),
        (PAPERS, {"q": "severity OR segmentation", "modality": "ct"}, 4),
        ("/reviews/", {"q": "covid-19 imaging"}, 1),
    ],
)
def test_q_combines_with_the_other_filters_in_html_and_json(client, seeded, url, params, count):
    body = client.get(url, {**params, "format": "json"}).json()
    assert body["count"] == count
    assert client.get(url, params).context["result_count"] == count


def test_facets_count_within_the_search(client, seeded):
    assert facet(client.get("/posts/"), "tag")["стартапы"] == 6
    searched = facet(client.get("/posts/", {"q": "Линкедина"}), "tag")
    assert searched == {"linkedin": 3, "genai": 1, "продуктивность": 1, "стартапы": 1}


@pytest.mark.parametrize("url", ["/posts/", "/roles/", PAPERS, "/reviews/"])
def test_a_list_with_q_makes_few_queries(client, seeded, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(url, {"q": "ai OR стартап"}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url, {"q": "ai OR стартап", "format": "json"}).status_code == 200


def test_a_search_of_exclusions_alone_is_a_readable_400(client, seeded):
    response = client.get("/posts/", {"q": "-стартап", "format": "json"})
    assert response.status_code == 400
    assert "needs at least one word without a minus" in response.json()["messages"][0]


@pytest.mark.parametrize("q", ['"unbalanced', "NEAR(a, b)", "x* ^y col:z", "-", "(", "\u200b", "' OR 1=1 --"])
def test_hostile_q_values_are_answered_never_a_500(client, seeded, q):
    for url in ("/posts/", "/roles/", PAPERS, "/search/"):
        assert client.get(url, {"q": q}).status_code == 200, (url, q)


def test_a_very_common_word_lists_the_first_matches_and_says_so(client, seeded, monkeypatch):
    monkeypatch.setattr("kb_site.search.engine.CANDIDATE_CAP", 3)
    monkeypatch.setattr("kb_site.search.CANDIDATE_CAP", 3)
    response = client.get("/posts/", {"q": "стартап"})
    assert response.context["result_count"] == 3
    assert "The search matches more than 3 entries" in response.content.decode()
    assert "The search matches more than" not in client.get("/posts/", {"q": "Grok"}).content.decode()


def test_the_posts_admin_searches_the_index_unpublished_posts_included(admin_client, seeded):
    from posts.models import Post

    Post.objects.filter(headline="Grok в телеге.").update(is_published=False)
    response = admin_client.get("/admin/posts/post/", {"q": "grok"})
    assert [p.headline for p in response.context["cl"].result_list] == ["Grok в телеге."]
    assert admin_client.get("/admin/posts/post/", {"q": '"unbalanced'}).status_code == 200
