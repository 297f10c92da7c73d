"""Hostile query parameters, path segments and headers, sent to every list, detail, search and feed URL.

No answer is a 500: a malformed value is a 400 (with a readable message), an address that names
nothing a 404, and anything else an ordinary page. Bounded: about five thousand requests on the real
seeds, some 40 seconds in all, on SQLite and on PostgreSQL.
"""

from urllib.parse import quote

import pytest
from django.core.management import call_command

from posts.models import Post

pytestmark = pytest.mark.django_db

# Values a careless or hostile reader puts in an address. Every one is sent to every parameter.
HOSTILE = [
    # Unicode digits: str.isdigit() is true, int() fails or reads them ("²", "١٢", "５")
    "²", "١٢", "５", "߁",
    # numbers out of range, signed, spaced, in other notations
    "9" * 20, str(2**63 - 1), str(2**63), "9" * 5000, "-1", "-0", "+1", " 1", "1 ", "0", "1.5", "1e400", "NaN", "0x1F",
    # control characters: NUL (PostgreSQL refuses it), vertical tab, line breaks
    "\x00", "a\x00b", "\x0b", "\r\n",
    # long strings
    "a" * 5000, "я" * 5000, "#" * 5000,
    # SQL and LIKE metacharacters
    "' OR '1'='1", '"; DROP TABLE posts_post; --', "%", "_", "\\", "%_%",
    # regular expression metacharacters (and a catastrophic-backtracking pattern)
    ".*", "(", "[", "\\d+", "a{1,99999}", "(a+)+$",
    # emoji, markup, schemes, emptiness
    "🦄", "❤️‍🔥", "<script>alert(1)</script>", "javascript:alert(1)", "", " ",
]  # fmt: skip
# Percent-escapes that are not UTF-8 (a lone byte, a bad continuation, a surrogate, past U+10FFFF, cut short).
INVALID_UTF8 = ["%FF", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%E2%82"]

ENCODED = [quote(value, safe="") for value in HOSTILE] + INVALID_UTF8
EXPECTED = {200, 301, 302, 400, 404}

LIST_PARAMS = ["page", "page_size", "format", "sort", "q"]
PARAMS = {
    "/roles/": [*LIST_PARAMS, "skill", "industry", "salary_min"],
    "/roles/compare/": ["roles", "format"],
    "/roles/chief-ai-officer/": ["format"],
    "/roles/skills/": ["format"],
    "/roles/skills/python/": [*LIST_PARAMS, "skill", "industry", "salary_min"],
    "/roles/match/": ["skill", "role", "page", "page_size", "format"],
    "/posts/": [*LIST_PARAMS, "tag", "reaction", "min_reactions", "forwarded"],
    "/posts/tags/": ["format"],
    "/posts/tags/linkedin/": [*LIST_PARAMS, "tag", "reaction", "min_reactions", "forwarded"],
    "/posts/feed/": ["format", "page"],
    "/posts/feed/atom/": ["format"],
    "/posts/tags/linkedin/feed/": ["format"],
    "/posts/tags/linkedin/feed/atom/": ["format"],
    "/reviews/": LIST_PARAMS,
    "/reviews/{review}/": ["format"],
    "/reviews/{review}/papers/": [*LIST_PARAMS, "task", "modality", "maturity"],
    "/reviews/{review}/papers/{paper}/": ["format"],
    "/reviews/{review}/modalities/": ["format"],
    "/search/": ["q", "collection", "page", "format"],
    "/": ["format"],
}
# Path segments that take any text.
SEGMENTS = [
    "/roles/{}/",
    "/roles/skills/{}/",
    "/posts/{}/",
    "/posts/tags/{}/",
    "/posts/tags/{}/feed/",
    "/reviews/{}/",
    "/reviews/{review}/papers/{}/",
]
# Other parameters a hostile value is sent alongside, so that it reaches the code behind validation.
COMPANIONS = {
    "/search/": "q=ai&collection=posts",
    "/roles/compare/": "roles=chief-ai-officer",
    "/roles/match/": "skill=python",
}

GROUPS = {
    "roles": [path for path in PARAMS if path.startswith("/roles/")],
    "posts": [path for path in PARAMS if path.startswith("/posts/") and "feed" not in path],
    "feeds": [path for path in PARAMS if "feed" in path],
    "reviews": [path for path in PARAMS if path.startswith("/reviews/")],
    "search and home": ["/search/", "/"],
}


@pytest.fixture
def addresses():
    call_command("import_seeds", verbosity=0)
    from reviews.models import Review

    review = Review.objects.get()
    return {"review": review.slug, "paper": review.papers.first().slug}


def check(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in EXPECTED, f"{url[:200]} answered {response.status_code}"
    if response.status_code == 400 and "format=json" in url:
        assert response.json()["error"] == "bad request"
    return response


@pytest.mark.parametrize("group", GROUPS)
def test_no_hostile_parameter_value_gets_a_500(client, addresses, group):
    for template in GROUPS[group]:
        path = template.format(**addresses)
        companion = COMPANIONS.get(template, "")
        for param in PARAMS[template]:
            for value in ENCODED:
                query = "&".join(part for part in (companion, f"{param}={value}") if part)
                check(client, f"{path}?{query}")
                if param != "format":
                    check(client, f"{path}?{query}&format=json")
            # the parameter repeated, and a second time with values that disagree
            check(client, f"{path}?{companion}&" + "&".join(f"{param}={v}" for v in ENCODED[:50]))


def test_no_hostile_path_segment_gets_a_500(client, addresses):
    for template in SEGMENTS:
        for value in [*ENCODED, str(Post.objects.first().pk), "9" * 19, "9" * 30, "0" * 25 + "1"]:
            check(client, template.format(value, **addresses))


def test_a_nul_anywhere_is_a_400_before_any_view_runs(client, addresses):
    for url in (
        "/posts/?tag=%00",
        "/posts/tags/%00/",
        "/posts/tags/a%00b/feed/",
        "/roles/compare/?roles=chief-ai-officer&roles=%00",
        "/roles/%00/",
        "/roles/skills/%00/",
        "/roles/match/?skill=python&skill=%00",
        "/search/?q=a%00",
        "/reviews/?sort=title&x%00=1",
    ):
        response = check(client, url)
        assert response.status_code == 400, url
        assert "NUL character" in response.content.decode()
    assert client.get("/posts/tags/%00/", {"format": "json"}).json()["error"] == "bad request"


@pytest.mark.parametrize(
    "accept",
    [
        "application/json;q=abc",
        "*/*;q=2",
        "application/json, text/html;q=0.1",
        "text/html;level=1;q=0.5, application/json;q=0.4",
        ";;;,,,",
        "a" * 5000,
        "application/json\x0b",
    ],
)
def test_no_hostile_accept_header_gets_a_500(client, addresses, accept):
    for url in ("/posts/", "/roles/chief-ai-officer/", "/search/?q=ai", "/no/such/page/", "/posts/?page=x"):
        check(client, url, Accept=accept)


@pytest.mark.parametrize("url", ["/posts/", "/search/", "/roles/compare/"])
def test_more_parameters_than_django_reads_is_the_sites_400(client, url):
    query = "&".join(f"p{n}=1" for n in range(1001))
    for accept, kind in (("text/html", "text/html"), ("application/json", "application/json")):
        response = client.get(f"{url}?{query}", headers={"Accept": accept})
        assert response.status_code == 400
        assert response["Content-Type"].startswith(kind)
