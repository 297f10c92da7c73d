"""The match page: /roles/match/?skill=<slug>&skill=<slug> ranks every role by the share of its skills the
reader has, with the skills still missing, kind after kind; ?role= puts one role first."""

import pytest

from kb_site.cache import bump
from roles import skill_views
from roles.models import Role, SkillKind
from tests.roles.factories import make_role
from tests.seeds import CAIO

URL = "/roles/match/"
# On the seed, Python and Communication cover: AI/ML Engineer 2 of 9, AI Training Specialist 2 of 13,
# AI/ML DevOps Engineer 1 of 11, AI/ML Developer 1 of 19, Chief AI Officer 1 of 22.
RANKED = ["ai-ml-engineer", "ai-training-specialist", "ai-ml-devops-engineer", "ai-ml-developer", CAIO]


def match(client, **params):
    response = client.get(URL, {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return response.json()


def test_roles_are_ranked_by_the_share_of_their_skills_the_reader_has(client, imported):
    body = match(client, skill=["python", "communication"])
    assert body["count"] == 5 and body["next"] is None and body["notices"] == []
    assert [row["slug"] for row in body["results"]] == RANKED
    assert [(row["coverage"], row["skill_count"]) for row in body["results"]] == [
        (0.2222, 9),
        (0.1538, 13),
        (0.0909, 11),
        (0.0526, 19),
        (0.0455, 22),
    ]
    assert body["skills"] == [
        {"slug": "python", "name": "Python", "kind": "technical"},
        {"slug": "communication", "name": "Communication", "kind": "soft"},
    ]
    engineer = body["results"][0]
    assert engineer["title"] == "AI/ML Engineer" and engineer["url"] == "http://testserver/roles/ai-ml-engineer/"
    assert [s["slug"] for s in engineer["have"]] == ["python", "communication"]  # in the page's order
    assert [s["slug"] for s in engineer["missing"]] == [
        "technical-proficiency",
        "java",
        "c-plus-plus",  # the source's C/C++, an alias of C++
        "teamwork",
        "problem-solving",
        "critical-thinking",
        "attention-to-detail",
    ]
    assert body["role"] is None


def test_the_missing_skills_come_kind_after_kind(client, imported):
    caio = match(client, skill="communication", role=CAIO)["role"]
    assert caio["slug"] == CAIO and caio["coverage"] == 0.0455 and caio["skill_count"] == 22
    assert [s["slug"] for s in caio["have"]] == ["communication"]
    kinds = [s["kind"] for s in caio["missing"]]
    assert len(kinds) == 21
    assert kinds == sorted(kinds, key=[SkillKind.TECHNICAL, SkillKind.BUSINESS, SkillKind.SOFT].index)
    assert caio["missing"][:3] == [
        {"slug": "technical-proficiency", "name": "Technical Proficiency", "kind": "technical"},
        {"slug": "technical-expertise", "name": "Technical Expertise", "kind": "technical"},
        {"slug": "strategic-vision", "name": "Strategic Vision", "kind": "business"},
    ]


def test_ties_go_to_the_role_with_more_of_the_skills_then_to_the_title(client, db):
    make_role("Zeta", skills=["Alpha"])  # 1 of 1
    make_role("Omega", skills=["Alpha", "Beta"])  # 2 of 2: as complete, and more of it
    make_role("Half", skills=["Alpha", "Gamma"])  # 1 of 2
    make_role("Beta None", skills=["Gamma"])  # 0 of 1, then by title
    make_role("Alpha None", skills=["Delta"])
    make_role("No Skills")  # names no skill: not ranked
    make_role("Hidden", skills=["Alpha"], published=False)
    body = match(client, skill=["alpha", "beta"])
    assert [row["title"] for row in body["results"]] == ["Omega", "Zeta", "Half", "Alpha None", "Beta None"]
    assert [row["coverage"] for row in body["results"]] == [1.0, 1.0, 0.5, 0.0, 0.0]
    assert body["count"] == 5


def test_a_skill_may_be_written_as_its_name(client, imported):
    body = match(client, skill=["Python", "COMMUNICATION", "python"])
    assert [s["slug"] for s in body["skills"]] == ["python", "communication"]
    assert [row["slug"] for row in body["results"]] == RANKED


def test_an_unknown_skill_is_a_notice_naming_it_and_counts_for_nothing(client, imported):
    body = match(client, skill=["python", "communication", "cobol", "basket-weaving"])
    assert [row["slug"] for row in body["results"]] == RANKED
    assert body["notices"] == [
        "No role needs a skill called 'cobol', so it counts for nothing.",
        "No role needs a skill called 'basket-weaving', so it counts for nothing.",
    ]
    html = client.get(URL, {"skill": ["python", "cobol"]}).content.decode()
    assert "No role needs a skill called &#x27;cobol&#x27;, so it counts for nothing." in html


def test_without_a_known_skill_nothing_is_ranked_and_the_page_says_what_to_do(client, imported):
    body = match(client, skill="cobol")
    assert body["count"] == 0 and body["results"] == []
    assert body["notices"][-1] == "Choose at least one skill you have (?skill=<slug>, repeatable) to rank the roles."
    html = client.get(URL).content.decode()
    assert "Choose at least one skill you have" in html
    assert '<input type="checkbox" name="skill" value="python" id="have-python">' in html
    assert "Every role, ranked" not in html


def test_the_role_asked_about_comes_first_even_without_skills(client, imported):
    body = match(client, role=CAIO)
    assert body["role"]["coverage"] == 0.0 and len(body["role"]["missing"]) == 22
    assert body["results"] == []
    unknown = match(client, role="astronaut", skill="python")
    assert unknown["role"] is None
    assert unknown["notices"] == ["There is no published role called 'astronaut'."]
    Role.objects.filter(slug=CAIO).update(is_published=False)
    assert match(client, role=CAIO)["role"] is None


def test_the_page_shows_the_ranking_the_focus_role_and_the_ticked_skills(client, imported):
    html = client.get(URL, {"skill": ["python", "communication"], "role": CAIO}).content.decode()
    assert "<h1>Roles ranked by your skills</h1>" in html
    assert "Your skills (2): Python, Communication." in html
    assert '<section class="card match-focus" aria-label="What you are missing for Chief AI Officer">' in html
    assert "You have <strong>1 of 22</strong> skills (4%)" in html
    assert '<meter min="0" max="100" value="22"' in html  # AI/ML Engineer: 2 of 9, rounded down
    assert "<dt>Business skills</dt>" in html
    assert '<input type="checkbox" name="skill" value="python" id="have-python" checked>' in html
    assert '<input type="hidden" name="role" value="chief-ai-officer">' in html
    assert html.index('href="/roles/ai-ml-engineer/"') < html.index('href="/roles/ai-training-specialist/"')
    assert '<a class="chip" href="/roles/skills/java/">Java</a>' in html  # missing skills link to their pages


def test_a_role_with_every_skill_says_nothing_is_missing(client, db):
    make_role("Small Role", skills=["Alpha"])
    html = client.get(URL, {"skill": "alpha"}).content.decode()
    assert "Nothing missing: you have every skill this role names." in html
    assert "(100%)" in html


def test_a_role_page_offers_what_am_i_missing(client, imported):
    html = client.get(f"/roles/{CAIO}/").content.decode()
    assert "<summary>What am I missing? Tick the skills you have</summary>" in html
    assert '<form method="get" action="/roles/match/">' in html
    assert '<input type="hidden" name="role" value="chief-ai-officer">' in html
    assert html.count('name="skill" value=') == 22
    assert '<input type="checkbox" name="skill" value="leadership" id="gap-leadership">' in html


def test_the_page_answers_json_to_an_accept_header(client, imported):
    response = client.get(URL, {"skill": "python"}, headers={"accept": "application/json"})
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 5


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"skill": [f"skill-{i}" for i in range(201)]}, 400, "skill: At most 200 values may be given."),
        ({"skill": "x" * 201}, 400, "skill: Each value is at most 200 characters long."),
        ({"role": "x" * 201}, 400, "role: A value is at most 200 characters long."),
        ({"skill": "python", "page": "0"}, 400, "page must be a whole number from 1 to"),
        ({"skill": "python", "page": "two"}, 400, "page must be a whole number from 1 to"),
        ({"skill": "python", "page_size": "100000"}, 400, "page_size must be a whole number from 1 to"),
        ({"skill": "python", "page": "2"}, 404, "There is no page 2: this list has 1 page."),
        ({"skill": "python", "format": "csv"}, 400, "format must be one of html, json, not 'csv'."),
    ],
)
def test_bad_parameters_are_readable_errors(client, imported, params, status, message):
    response = client.get(URL, params, headers={"accept": "application/json"})
    assert response.status_code == status
    assert message in " ".join(response.json()["messages"])


def test_many_roles_are_paged_and_the_links_keep_the_skills(client, many_roles):
    body = match(client, skill=["skill-01", "skill-02"])
    assert body["count"] == 200 and len(body["results"]) == skill_views.MATCH_PAGE_SIZE
    assert body["next"] == "http://testserver/roles/match/?format=json&page=2&skill=skill-01&skill=skill-02"
    first = body["results"][0]
    assert first["coverage"] == round(2 / 6, 4) and [s["slug"] for s in first["have"]] == ["skill-01", "skill-02"]
    last = match(client, skill=["skill-01", "skill-02"], page=10)
    assert last["next"] is None and last["previous"].endswith("page=9&skill=skill-01&skill=skill-02")
    assert all(row["coverage"] == 0 for row in last["results"])
    html = client.get(URL, {"skill": "skill-01", "page": "2"}).content.decode()
    assert '<ol class="card-list match-cards" start="21"' in html


def test_the_ranking_follows_changes_to_the_roles(client, imported):
    assert match(client, skill="python")["count"] == 5
    engineer = Role.objects.get(slug="ai-ml-engineer")
    engineer.is_published = False
    engineer.save()  # bumps the roles' version: the cached map is not read again
    body = match(client, skill="python")
    assert body["count"] == 4 and "ai-ml-engineer" not in [row["slug"] for row in body["results"]]


def test_the_page_costs_at_most_ten_queries_cold_and_warm(client, imported, django_assert_max_num_queries):
    params = {"skill": ["python", "communication", "cobol"], "role": CAIO}
    for _ in range(2):
        with django_assert_max_num_queries(10):
            assert client.get(URL, params).status_code == 200
    with django_assert_max_num_queries(3):  # without skills: the form only
        assert client.get(URL).status_code == 200


def test_the_page_holds_its_query_budget_with_many_roles(client, many_roles, django_assert_max_num_queries):
    for params in ({"skill": "skill-01"}, {"skill": ["skill-01", "skill-29"], "page": "7", "format": "json"}):
        bump("roles")  # cold
        for _ in range(2):
            with django_assert_max_num_queries(10):
                assert client.get(URL, {**params, "role": "bulk-role-007"}).status_code == 200
