"""Closest roles (issue 13): the roles whose skills overlap most, with the shared skills and a documented
similarity (cosine over skills weighted by inverse role frequency), in HTML and JSON, within 10 queries."""

import math

import pytest
from django.core.cache import cache

from roles.models import Role, SkillKind
from roles.similarity import idf
from tests.seeds import CAIO

pytestmark = pytest.mark.django_db


def closest(client, slug):
    body = client.get(f"/roles/{slug}/", {"format": "json"}).json()
    return [(entry["slug"], entry["similarity"]) for entry in body["closest_roles"]]


def test_the_seed_roles_closest_roles_and_their_similarity(client, imported):
    assert closest(client, CAIO) == [("ai-training-specialist", 0.158), ("ai-ml-engineer", 0.131)]
    assert closest(client, "ai-ml-engineer") == [
        ("ai-training-specialist", 0.404),
        ("ai-ml-developer", 0.144),  # C++ shared: the engineer's source says C/C++, an alias of C++
        ("chief-ai-officer", 0.131),
        ("ai-ml-devops-engineer", 0.097),
    ]
    assert closest(client, "ai-ml-devops-engineer")[0] == ("ai-ml-developer", 0.277)  # Azure = Microsoft Azure


def test_json_carries_slug_title_url_similarity_and_shared_skills(client, imported):
    body = client.get("/roles/ai-ml-engineer/", {"format": "json"}).json()
    first = body["closest_roles"][0]
    assert set(first) == {"slug", "title", "url", "similarity", "shared_skills"}
    assert first["url"] == "http://testserver/roles/ai-training-specialist/"
    assert first["title"] == "AI Training Specialist"
    # shared skills in the role's own order
    assert [s["slug"] for s in first["shared_skills"]] == [
        "technical-proficiency",
        "python",
        "java",
        "communication",
        "problem-solving",
        "attention-to-detail",
    ]


def test_the_measure_is_cosine_over_idf_weighted_skills(client, role_factory):
    """Four roles, so the weights can be checked by hand: a skill every role has counts least."""
    role_factory("Alpha", skills=["Python", "Rust", "Go"])
    role_factory("Beta", skills=["Python", "Rust"])
    role_factory("Gamma", skills=["Python", "Go", "Haskell"])
    role_factory("Delta", skills=["Python"])
    w = {"python": idf(4, 4), "rust": idf(4, 2), "go": idf(4, 2), "haskell": idf(4, 1)}
    length = {
        "alpha": math.sqrt(w["python"] ** 2 + w["rust"] ** 2 + w["go"] ** 2),
        "beta": math.sqrt(w["python"] ** 2 + w["rust"] ** 2),
        "gamma": math.sqrt(w["python"] ** 2 + w["go"] ** 2 + w["haskell"] ** 2),
        "delta": w["python"],
    }
    expected = {
        "beta": (w["python"] ** 2 + w["rust"] ** 2) / (length["alpha"] * length["beta"]),
        "gamma": (w["python"] ** 2 + w["go"] ** 2) / (length["alpha"] * length["gamma"]),
        "delta": w["python"] ** 2 / (length["alpha"] * length["delta"]),
    }
    found = dict(closest(client, "alpha"))
    assert found == {slug: round(value, 3) for slug, value in expected.items()}
    assert w["python"] == 1.0 and w["haskell"] > w["rust"]  # a skill every role names counts least


def test_roles_sharing_nothing_and_unpublished_roles_are_not_close(client, role_factory):
    role_factory("Alpha", skills=["Python"])
    role_factory("Beta", skills=[("Writing", SkillKind.SOFT)])
    role_factory("Hidden", skills=["Python"], published=False)
    assert closest(client, "alpha") == []
    html = client.get("/roles/alpha/").content.decode()
    assert 'id="closest"' not in html


def test_the_page_lists_closest_roles_with_shared_skills_and_a_path_link(client, imported):
    html = client.get("/roles/ai-ml-engineer/").content.decode()
    section = html[html.index('<section id="closest"') :]
    section = section[: section.index("</section>")]
    assert "cosine similarity" in section and "weighted by how few roles name it" in section
    assert '<span class="similarity">similarity 0.40</span>' in section
    assert 'href="/roles/compare/?roles=ai-ml-engineer&amp;roles=ai-training-specialist"' in section
    assert 'aria-label="Skills shared with AI Training Specialist"' in section


def test_figures_follow_a_change_of_the_data(client, imported):
    before = closest(client, CAIO)
    Role.objects.filter(slug="ai-training-specialist").update(is_published=False)  # through the queryset:
    from kb_site.cache import bump  # no signal; admin actions and imports bump the version themselves

    bump("roles")
    after = closest(client, CAIO)
    assert before[0][0] == "ai-training-specialist" and [slug for slug, _ in after] == ["ai-ml-engineer"]


def test_an_admin_action_or_save_changes_the_figures_at_once(client, staff_client, imported):
    from django.contrib.admin import helpers
    from django.urls import reverse

    assert closest(client, CAIO)[0][0] == "ai-training-specialist"  # cached now
    trainer = Role.objects.get(slug="ai-training-specialist")
    staff_client.post(
        reverse("admin:roles_role_changelist"),
        {"action": "unpublish", helpers.ACTION_CHECKBOX_NAME: [trainer.pk]},
    )
    assert [slug for slug, _ in closest(client, CAIO)] == ["ai-ml-engineer"]
    engineer = Role.objects.get(slug="ai-ml-engineer")
    engineer.role_skills.filter(skill__slug="communication").delete()
    engineer.save()  # what an admin save does after its inlines: the collection's version changes
    assert closest(client, CAIO) == [("ai-ml-engineer", 0.113)]  # 0.131 before both changes


def test_the_profile_stays_within_ten_queries_cold_and_warm(client, many_roles, django_assert_max_num_queries):
    slug = many_roles[100].slug
    cache.clear()
    with django_assert_max_num_queries(10):
        body = client.get(f"/roles/{slug}/", {"format": "json"}).json()
    assert len(body["closest_roles"]) == 5 and body["closest_roles"][0]["similarity"] > 0
    with django_assert_max_num_queries(8):  # warm: the closest roles come from the cache
        assert client.get(f"/roles/{slug}/").status_code == 200
