"""One rule for formats on every page: ?format= names one the page offers (else a 400); without it,
an Accept header that prefers application/json gets JSON, anything else (a browser, */*) HTML."""

import pytest
from django.core.management import call_command

from posts.models import Post
from reviews.models import Review

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def pages():
    call_command("import_seeds", verbosity=0)
    review = Review.objects.get()
    return [
        "/roles/",
        "/roles/chief-ai-officer/",
        "/roles/compare/?roles=chief-ai-officer&roles=ai-ml-engineer",
        "/posts/",
        Post.objects.first().get_absolute_url(),
        "/posts/tags/",
        "/posts/tags/linkedin/",
        "/reviews/",
        review.get_absolute_url(),
        f"{review.get_absolute_url()}papers/",
        review.papers.first().get_absolute_url(),
        f"{review.get_absolute_url()}modalities/",
        "/search/?q=ai",
    ]


def test_accept_application_json_gets_json_on_every_page(client, pages):
    for url in pages:
        response = client.get(url, headers={"Accept": "application/json"})
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json", url
        assert "Accept" in response["Vary"], url
        response.json()


def test_a_browser_or_any_type_gets_html(client, pages):
    for url in pages:
        for accept in (BROWSER, "*/*", "application/json;q=0.5, text/html"):
            response = client.get(url, headers={"Accept": accept})
            assert response["Content-Type"].startswith("text/html"), (url, accept)


def test_format_in_the_address_wins_over_the_accept_header(client, pages):
    response = client.get("/posts/", {"format": "csv"}, headers={"Accept": "application/json"})
    assert response["Content-Type"].startswith("text/csv")
    response = client.get("/roles/chief-ai-officer/", {"format": "html"}, headers={"Accept": "application/json"})
    assert response["Content-Type"].startswith("text/html")


def test_a_format_a_page_does_not_offer_is_a_400_on_every_page(client, pages):
    for url in [*pages, "/"]:
        response = client.get(url + ("&" if "?" in url else "?") + "format=xml")
        assert response.status_code == 400, url
        assert "format must be one of " in response.content.decode(), url


def test_the_400_answers_in_json_when_json_was_asked_for(client, pages):
    response = client.get("/search/", {"format": "xml"}, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["messages"] == ["format must be one of html, json, not 'xml'."]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "ai", "collection": "posts", "page": "99999999999999999999"}, 400),
        ({"q": "ai", "collection": "roles", "page": "9223372036854775807"}, 400),
        ({"q": "ai", "collection": "roles", "page": "²"}, 400),
        ({"q": "ai", "collection": "roles", "page": "500"}, 404),  # well-formed, past the results
    ],
)
def test_a_search_page_out_of_range_is_a_400_or_a_404(client, pages, params, status):
    assert client.get("/search/", params).status_code == status
