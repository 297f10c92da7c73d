"""/roles/compare/?roles=a&roles=b: two to four published roles side by side."""

import re

import pytest

from roles.models import Role, Section, SkillKind
from tests.seeds import CAIO

pytestmark = pytest.mark.django_db

URL = "/roles/compare/"


def test_two_roles_show_salary_shared_and_distinct_skills_responsibilities_and_challenges(client, imported):
    response = client.get(URL, {"roles": [CAIO, "ai-ml-engineer"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert [skill.slug for skill in response.context["shared"]] == [
        "technical-proficiency",
        "communication",
        "problem-solving",
    ]
    caio, engineer = response.context["columns"]
    assert "python" in [s.slug for s in engineer["only_here"]] and "python" not in [s.slug for s in caio["only_here"]]
    assert "change-management" in [s.slug for s in caio["only_here"]]
    assert [s.heading for s in caio["responsibilities"]] == ["Core Responsibilities"]
    assert [s.heading for s in engineer["responsibilities"]] == ["Responsibilities"]
    assert [s.heading for s in caio["challenges"]] == ["Common Challenges"]
    assert engineer["challenges"] == []
    assert "The source gives no challenges for this role." in html
    assert "<h4>Strategic Planning and Execution</h4>" in html  # sub-headings sit under the role's h3
    table = re.search(r'<table class="data compare-salary-table stack-on-phone">.*?</table>', html, re.S).group()
    assert table.count("<tr>") == 1 + 4 + 1 and "$376,427 to $380,486" in table
    assert "No salary figures in the source" in table and "Average total compensation" in table
    assert 'role="img"' in html and "Salary spans compared (derived)" in html


def test_three_roles_separate_skills_shared_by_some_from_skills_of_one(client, role_factory):
    role_factory("Alpha", skills=["Python", "SQL", "Go"])
    role_factory("Beta", skills=["Python", "SQL", ("Writing", SkillKind.SOFT)])
    role_factory("Gamma", skills=["Python", "Rust"])
    response = client.get(URL, {"roles": ["alpha", "beta", "gamma"]})
    assert [s.slug for s in response.context["shared"]] == ["python"]
    alpha, beta, gamma = response.context["columns"]
    assert ([s.slug for s in alpha["only_here"]], [s.slug for s in alpha["with_some"]]) == (["go"], ["sql"])
    assert ([s.slug for s in beta["only_here"]], [s.slug for s in beta["with_some"]]) == (["writing"], ["sql"])
    assert ([s.slug for s in gamma["only_here"]], gamma["with_some"]) == (["rust"], [])
    assert "Shared by all 3" in response.content.decode()


def test_the_order_asked_for_is_kept_and_repeats_are_ignored(client, role_factory):
    for title in ("Alpha", "Beta"):
        role_factory(title)
    response = client.get(URL, {"roles": ["beta", "alpha", "beta"]})
    assert [role.slug for role in response.context["roles"]] == ["beta", "alpha"]


def test_json_compares_the_same_facts(client, imported):
    body = client.get(URL, {"roles": [CAIO, "ai-ml-devops-engineer"], "format": "json"}).json()
    assert [r["slug"] for r in body["roles"]] == [CAIO, "ai-ml-devops-engineer"]
    assert body["shared_skills"] == []
    assert body["roles"][0]["salary_ranges"][1] == {
        "label": "Base Pay",
        "kind": "base",
        "min": 128000,
        "max": 240000,
        "currency": "USD",
        "period": "year",
        "market": "US",
        "year": 2024,
        "note": None,
    }
    assert body["roles"][0]["derived_salary_span"]["min"] == 128000
    assert "not stated by the source" in body["roles"][0]["derived_salary_span"]["note"]
    assert "salary_min" not in body["roles"][0]
    assert body["roles"][1]["challenges"] == ["Challenges and Strategies"]
    assert "docker" in body["roles"][1]["skills_only_here"]


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ([CAIO, "no-such-role"], "There is no published role called 'no-such-role'."),
        ([CAIO, "ai-ml-developer"], "There is no published role called 'ai-ml-developer'."),  # unpublished
        (
            [CAIO, "ai-training-specialist", "ai-ml-devops-engineer", "ai-ml-engineer", "ai-ml-developer"],
            "Compare at most four roles at a time; you chose 5.",
        ),
    ],
)
def test_a_bad_choice_of_roles_is_a_readable_400(client, imported, roles, message):
    Role.objects.filter(slug="ai-ml-developer").update(is_published=False)
    response = client.get(URL, {"roles": roles})
    assert response.status_code == 400
    assert message.replace("'", "&#x27;") in response.content.decode()
    as_json = client.get(URL, {"roles": roles, "format": "json"})
    assert as_json.status_code == 400
    assert len(as_json.json()["messages"]) == 1 and as_json.json()["messages"][0].startswith(f"roles: {message}")


def test_a_format_compare_does_not_offer_is_a_400(client, imported):
    assert client.get(URL, {"roles": [CAIO, "ai-ml-engineer"], "format": "csv"}).status_code == 400


def test_compare_stays_within_ten_queries_with_four_large_roles(client, many_roles, django_assert_max_num_queries):
    for role in many_roles[:4]:
        Section.objects.filter(role=role, position=0).update(kind=Section.Kind.RESPONSIBILITIES)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"roles": [role.slug for role in many_roles[:4]]})
    assert response.status_code == 200 and len(response.context["columns"]) == 4


@pytest.mark.parametrize(
    ("roles", "notice", "checked"),
    [
        ([], "Pick two to four roles to compare.", []),
        ([CAIO], "Pick one more role to compare with Chief AI Officer.", [CAIO]),
        ([CAIO, CAIO], "Pick one more role to compare with Chief AI Officer.", [CAIO]),
    ],
    ids=["none", "one", "one twice"],
)
def test_fewer_than_two_roles_is_a_page_to_pick_them_not_a_dead_end(client, imported, roles, notice, checked):
    response = client.get(URL, {"roles": roles})
    assert response.status_code == 200
    html = response.content.decode()
    assert notice in html and '<form method="get" action="/roles/compare/"' in html
    assert re.findall(r'value="([^"]+)" id="pick-[^"]+" checked', html) == checked
    assert html.count('name="roles"') == 5  # every published role of the seed is offered
    assert 'href="/roles/"' in html  # and the full list, for any other
    body = client.get(URL, {"roles": roles, "format": "json"}).json()
    assert body["path"] is None and body["notices"] == [notice]
    assert [r["slug"] for r in body["roles"]] == checked and len(body["choices"]) == 5


def test_the_400s_start_again_link_leads_to_the_picker(client, imported):
    response = client.get(URL, {"roles": [CAIO, "no-such-role"]})
    assert response.status_code == 400
    assert 'href="/roles/compare/">Start again' in response.content.decode()
    assert client.get(URL).status_code == 200


def test_the_picker_stays_within_ten_queries_with_200_roles(client, many_roles, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"roles": [many_roles[150].slug]})
    assert response.status_code == 200 and response.content.decode().count('name="roles"') == 25


def test_an_aspect_no_role_has_collapses_to_one_line(client, role_factory):
    role_factory("Alpha", skills=["Python"])
    role_factory("Beta", skills=["Go"])
    role_factory("Gamma")
    role_factory("Delta")
    html = client.get(URL, {"roles": ["gamma", "delta"]}).content.decode()
    assert "None of these roles’ sources names skills." in html and "Shared by both" not in html
    assert "Delta’s source names no skills, so there is nothing to keep or learn." in html
    assert "Skills you keep" not in html
    html = client.get(URL, {"roles": ["alpha", "beta"]}).content.decode()
    assert "None of these roles’ sources gives responsibilities." in html
    assert "None of these roles’ sources gives challenges." in html
    assert "None of these roles’ sources gives salary figures." in html
    assert "The source gives no challenges for this role." not in html and "compare-salary-table" not in html


def test_the_path_from_the_first_role_to_the_second(client, imported):
    response = client.get(URL, {"roles": ["ai-training-specialist", "ai-ml-engineer"]})
    path = response.context["path"]
    assert [s.slug for s in path["kept"]] == [
        "technical-proficiency",
        "python",
        "java",
        "communication",
        "problem-solving",
        "attention-to-detail",
    ]
    assert [(g["label"], [s.name for s in g["skills"]]) for g in path["to_learn_groups"]] == [
        ("Technical skills", ["C++"]),
        ("Soft skills", ["Teamwork", "Critical Thinking"]),
    ]
    html = response.content.decode()
    assert '<h2 id="compare-path">From AI Training Specialist to AI/ML Engineer</h2>' in html
    assert "Neither source gives salary figures." in html


def test_the_path_json_and_its_salary_figures_side_by_side(client, imported):
    body = client.get(URL, {"roles": [CAIO, "ai-ml-engineer"], "format": "json"}).json()
    path = body["path"]
    assert path["from"]["slug"] == CAIO and path["to"]["url"] == "http://testserver/roles/ai-ml-engineer/"
    assert [s["slug"] for s in path["kept"]] == ["technical-proficiency", "communication", "problem-solving"]
    assert [(s["slug"], s["kind"]) for s in path["to_learn"]] == [
        ("python", "technical"),
        ("java", "technical"),
        ("c-plus-plus", "technical"),
        ("teamwork", "soft"),
        ("critical-thinking", "soft"),
        ("attention-to-detail", "soft"),
    ]
    assert [(row["kind"], row["from"]["label"], row["to"]) for row in path["salary"]] == [
        ("Total compensation", "Average total compensation", None),
        ("Base pay", "Base Pay", None),
        ("Additional compensation", "Additional Compensation", None),
        ("Other estimate", "Broader Salary Estimates", None),
    ]


def test_salary_figures_pair_by_kind_and_keep_their_labels(client, role_factory):
    role_factory("Alpha", salary=[("Base salary", "base", 90_000, 120_000), ("Total", "total", 100_000, 150_000)])
    role_factory("Beta", salary=[("Total pay", "total", 130_000, 210_000), ("Bonus", "additional", 5_000, 9_000)])
    rows = client.get(URL, {"roles": ["alpha", "beta"], "format": "json"}).json()["path"]["salary"]
    assert [(r["kind"], r["from"] and r["from"]["label"], r["to"] and r["to"]["label"]) for r in rows] == [
        ("Base pay", "Base salary", None),
        ("Total compensation", "Total", "Total pay"),
        ("Additional compensation", None, "Bonus"),
    ]
