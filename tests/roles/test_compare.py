"""/roles/compare/?roles=a&roles=b: two to four published roles side by side."""

import re

import pytest

from roles.models import Role, Section, SkillKind

from .conftest import CAIO

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
