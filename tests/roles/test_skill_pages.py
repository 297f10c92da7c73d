"""The skill pages: /roles/skills/ (every skill by kind, with how many roles need it) and
/roles/skills/<slug>/ (the roles that need one skill, and where the posts and the review mention it)."""

import pytest
from django.core.management import call_command

from kb_site.cache import bump
from roles.models import Role
from tests.roles.factories import make_role
from tests.seeds import CAIO

INDEX = "/roles/skills/"
PYTHON_ROLES = ["ai-training-specialist", "ai-ml-devops-engineer", "ai-ml-developer", "ai-ml-engineer"]


@pytest.fixture
def everything(db):
    """The three seed documents: the skills' mentions come from the posts and the review."""
    call_command("import_seeds", verbosity=0)


def index_json(client):
    response = client.get(INDEX, {"format": "json"})
    assert response.status_code == 200
    return response.json()


# Every skill --------------------------------------------------------------------------------------


def test_the_index_lists_every_skill_by_kind_with_how_many_roles_need_it(client, imported):
    body = index_json(client)
    assert body["count"] == 52  # C/C++ is C++ and Microsoft Azure is Azure (aliases)
    assert body["kinds"] == [
        {"kind": "technical", "label": "Technical skills", "count": 28},
        {"kind": "business", "label": "Business skills", "count": 5},
        {"kind": "soft", "label": "Soft skills", "count": 19},
    ]
    python = next(row for row in body["results"] if row["slug"] == "python")
    assert python == {
        "slug": "python",
        "name": "Python",
        "kind": "technical",
        "url": "http://testserver/roles/skills/python/",
        "role_count": 4,
    }
    kinds = [row["kind"] for row in body["results"]]
    assert kinds == sorted(kinds, key=["technical", "business", "soft"].index)  # kind after kind
    technical = [row["name"] for row in body["results"] if row["kind"] == "technical"]
    assert technical == sorted(technical, key=str.lower)  # by name within a kind


def test_the_index_page_is_a_form_of_skills_to_rank_the_roles_by(client, imported):
    html = client.get(INDEX).content.decode()
    assert '<form method="get" action="/roles/match/" class="skill-match-form">' in html
    assert '<input type="checkbox" name="skill" value="python" id="have-python">' in html
    assert '<label for="have-python">Python</label>' in html
    assert '<a class="skill-roles" href="/roles/skills/python/">4 roles' in html
    assert '<a class="skill-roles" href="/roles/skills/sql/">1 role<span class="visually-hidden"> needs SQL' in html
    assert html.index("Technical skills") < html.index("Business skills") < html.index("Soft skills")
    assert 'href="/roles/skills/">Skills</a>' in html  # the site's navigation


def test_the_index_answers_json_to_an_accept_header(client, imported):
    response = client.get(INDEX, headers={"accept": "application/json"})
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 52
    assert client.get(INDEX, {"format": "csv"}).status_code == 400


def test_unpublished_roles_are_not_counted_and_skills_only_they_need_disappear(client, imported):
    engineer = Role.objects.get(slug="ai-ml-engineer")  # the only role that needs Teamwork
    engineer.is_published = False
    engineer.save()
    rows = {row["slug"]: row["role_count"] for row in index_json(client)["results"]}
    assert rows["python"] == 3
    assert "teamwork" not in rows
    assert client.get("/roles/skills/teamwork/").status_code == 404


def test_the_index_costs_few_queries_cold_and_warm(client, imported, django_assert_max_num_queries):
    for _ in range(2):
        with django_assert_max_num_queries(3):
            assert client.get(INDEX).status_code == 200


# One skill ----------------------------------------------------------------------------------------


def test_a_skill_page_lists_the_roles_that_need_it(client, everything):
    body = client.get("/roles/skills/python/", {"format": "json"}).json()
    assert body["skill"] == {
        "slug": "python",
        "name": "Python",
        "kind": "technical",
        "url": "http://testserver/roles/skills/python/",
        "role_count": 4,
    }
    assert body["count"] == 4
    assert [row["slug"] for row in body["results"]] == PYTHON_ROLES
    assert all("python" in [s["slug"] for s in row["skills"]] for row in body["results"])
    assert body["results"][0]["url"] == "http://testserver/roles/ai-training-specialist/"


def test_a_skill_page_shows_where_the_other_collections_mention_it(client, everything):
    body = client.get("/roles/skills/collaboration/", {"format": "json"}).json()
    assert [row["slug"] for row in body["results"]] == [CAIO]
    mentions = {group["collection"]: group for group in body["mentions"]}
    assert set(mentions) == {"posts", "reviews"}  # never the roles themselves
    assert mentions["posts"]["count"] == 0 and mentions["posts"]["results"] == []
    reviews = mentions["reviews"]
    assert reviews["count"] == 4 and len(reviews["results"]) == 4 and reviews["more"] is None
    assert all(result["url"].startswith("http://testserver/reviews/") for result in reviews["results"])
    assert all("<mark>collaborat" in result["snippet"].lower() for result in reviews["results"])  # stemmed

    html = client.get("/roles/skills/collaboration/").content.decode()
    assert '<h2 id="mentions-title">Mentioned elsewhere</h2>' in html
    assert 'Founder posts <span class="meta">(none)</span>' in html
    assert 'Systematic reviews <span class="meta">(4)</span>' in html
    assert "Nothing in founder posts mentions Collaboration." in html


def test_more_mentions_than_shown_link_to_the_site_search(client, everything, settings):
    from roles import skill_views

    settings.DEBUG = False
    original = skill_views.MENTIONS
    skill_views.MENTIONS = 2
    try:
        body = client.get("/roles/skills/collaboration/", {"format": "json"}).json()
    finally:
        skill_views.MENTIONS = original
    reviews = next(group for group in body["mentions"] if group["collection"] == "reviews")
    assert len(reviews["results"]) == 2
    assert reviews["more"] == "http://testserver/search/?collection=reviews&q=%22Collaboration%22"
    assert client.get(reviews["more"]).status_code == 200


def test_a_one_letter_skill_is_not_looked_for_in_the_other_collections(client, everything):
    body = client.get("/roles/skills/r/", {"format": "json"}).json()
    assert body["count"] == 3 and body["mentions"] is None
    html = client.get("/roles/skills/r/").content.decode()
    assert "R is too short a name to look for in the posts and the review" in html


def test_a_skill_page_answers_json_to_an_accept_header(client, imported):
    response = client.get("/roles/skills/python/", headers={"accept": "application/json"})
    assert response["Content-Type"] == "application/json"
    assert response.json()["skill"]["slug"] == "python" and response.json()["count"] == 4


def test_a_skill_page_filters_like_the_role_list(client, imported):
    def slugs(params):
        response = client.get("/roles/skills/python/", {**params, "format": "json"})
        assert response.status_code == 200, response.content
        return [row["slug"] for row in response.json()["results"]]

    assert slugs({"skill": "tensorflow"}) == ["ai-training-specialist", "ai-ml-developer"]
    assert slugs({"q": "DevOps Kubernetes"}) == ["ai-ml-devops-engineer"]
    assert slugs({"sort": "-title"}) == list(reversed(PYTHON_ROLES))
    assert slugs({"skill": "no-such-skill"}) == []
    notices = client.get("/roles/skills/python/", {"skill": "no-such-skill", "format": "json"}).json()["notices"]
    assert notices == ["There is no skill called 'no-such-skill', so nothing matches it."]


def test_a_skill_page_marks_its_skill_in_the_facet_and_as_a_chip_back_to_every_role(client, imported):
    html = client.get("/roles/skills/python/", {"skill": "java"}).content.decode()
    assert "<h1>Python</h1>" in html
    assert "Technical skill: 4 roles need it." in html
    assert 'class="selected current" aria-current="page"' in html
    assert 'href="/roles/?skill=java"' in html  # the Python chip leads to the list, keeping Java
    assert 'href="/roles/match/?skill=python"' in html


def test_a_skill_page_exports_its_roles_as_csv(client, imported):
    response = client.get("/roles/skills/python/", {"format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="roles-python.csv"'
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 5 and lines[0].startswith("slug,title,")


def test_a_skill_written_as_its_name_redirects_to_its_page(client, imported):
    response = client.get("/roles/skills/Python/", {"skill": "java"})
    assert response.status_code == 301
    assert response["Location"] == "/roles/skills/python/?skill=java"


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"salary_min": "lots"}, 400, "salary_min: Enter a whole number."),
        ({"page": "9"}, 404, "There is no page 9: this list has 1 page."),
        ({"page": "0"}, 400, "page must be a whole number from 1 to"),
        ({"show_all": "colour"}, 400, "show_all must be one of skill, industry, not 'colour'."),
    ],
)
def test_bad_parameters_on_a_skill_page_are_readable_errors(client, imported, params, status, message):
    response = client.get("/roles/skills/python/", {**params, "format": params.get("format", "json")})
    assert response.status_code == status
    assert message in " ".join(response.json()["messages"])


def test_a_format_the_page_does_not_offer_is_a_400(client, imported):
    response = client.get("/roles/skills/python/", {"format": "xml"}, headers={"accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["messages"] == ["format must be one of html, json, csv, not 'xml'."]


def test_a_skill_no_published_role_needs_is_not_found(client, imported):
    assert client.get("/roles/skills/cobol/").status_code == 404
    assert client.get("/roles/skills/-/").status_code == 404


def test_a_skill_page_costs_at_most_ten_queries_once_the_other_collections_are_searched(
    client, everything, django_assert_max_num_queries
):
    # The very first view also searches the posts and the review (3 queries and one per kind of result):
    # those answers are cached under the posts' and the reviews' versions, which a change to the roles
    # leaves alone. So the page's own cold cost (after a change to the roles) and its warm cost are bounded.
    params = {"skill": "communication"}
    with django_assert_max_num_queries(14):
        assert client.get("/roles/skills/collaboration/", params).status_code == 200
    bump("roles")
    for _ in range(2):  # the roles' cache cold, then warm
        with django_assert_max_num_queries(10):
            assert client.get("/roles/skills/collaboration/", params).status_code == 200
    with django_assert_max_num_queries(6):  # the role cards' labelled salary ranges are one query
        assert client.get("/roles/skills/collaboration/", params).status_code == 200


def test_a_skill_page_holds_its_query_budget_with_many_roles(client, many_roles, django_assert_max_num_queries):
    client.get("/roles/skills/skill-03/")  # the other collections searched once
    bump("roles")
    for params in ({}, {"page": "2", "sort": "-salary"}, {"format": "json"}, {"industry": "industry-03"}):
        with django_assert_max_num_queries(10):
            assert client.get("/roles/skills/skill-03/", params).status_code == 200


# Skill chips link to the skill pages ---------------------------------------------------------------


def test_every_skill_chip_links_to_its_skill_page(client, imported):
    chip = '<a class="chip" href="/roles/skills/communication/">Communication</a>'
    assert chip in client.get("/roles/").content.decode()  # a role card's top skills
    assert chip in client.get(f"/roles/{CAIO}/").content.decode()  # the profile's skills
    compare = client.get("/roles/compare/", {"roles": [CAIO, "ai-ml-engineer"]}).content.decode()
    assert chip in compare  # a shared skill
    assert '<a class="chip" href="/roles/skills/c-plus-plus/">C++</a>' in compare  # one role's own


def test_a_skill_name_is_escaped_everywhere(client, db):
    make_role("Markup Role", skills=["<b>Bold</b> & Co"])
    for path in (INDEX, "/roles/skills/b-bold-b-and-co/", "/roles/match/?skill=b-bold-b-and-co", "/roles/markup-role/"):
        html = client.get(path).content.decode()
        assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html, path
