"""The roles' hooks for kb_site: the site-wide search (the same on SQLite and PostgreSQL) and the home card."""

import pytest
from django.apps import apps
from django.db import connection

from roles.models import Role, Section
from tests.seeds import CAIO

pytestmark = pytest.mark.django_db


@pytest.fixture
def config():
    return apps.get_app_config("roles")


def search(config, query, **kwargs):
    found = config.search(query, **kwargs)
    return found.total, found.results


@pytest.fixture
def searchable(role_factory):
    body = "- Analyses quantum sensor readings every morning"
    role_factory("Quantum Analyst", summary="Looks after measurements.")
    role_factory("Data Steward", sections=[("Daily work", Section.Kind.OTHER, body)])
    role_factory("Quantum Secret", published=False)
    role_factory("Gardener", summary="Grows plants.")


def test_a_title_match_ranks_before_a_body_match_and_unpublished_roles_never_show(config, searchable):
    total, results = search(config, "quantum")
    assert total == 2
    assert [r["title"] for r in results] == ["Quantum Analyst", "Data Steward"]
    assert results[0]["url"] == "/roles/quantum-analyst/"
    assert set(results[0]) == {"title", "url", "snippet", "meta", "kind"} and results[0]["kind"] == "Career role"


def test_the_snippet_marks_the_match_and_is_sanitized(config, searchable):
    _, results = search(config, "quantum")
    steward = results[1]
    assert "<mark>quantum</mark>" in steward["snippet"].lower()
    assert "<script" not in steward["snippet"]
    assert steward["meta"].startswith("Career role")


def test_every_word_must_match(config, searchable):
    assert search(config, "quantum sensor")[0] == 1
    assert search(config, "quantum gardener")[0] == 0
    assert search(config, "")[0] == 0


def test_quoted_phrases_and_excluded_words_work_on_every_database(config, searchable):
    assert [r["title"] for r in search(config, '"sensor readings"')[1]] == ["Data Steward"]
    assert search(config, '"readings sensor"')[0] == 0
    assert [r["title"] for r in search(config, "quantum -sensor")[1]] == ["Quantum Analyst"]


def test_offset_and_limit_page_through_the_results(config, searchable):
    total, first = search(config, "quantum", limit=1)
    _, second = search(config, "quantum", offset=1, limit=1)
    assert total == 2 and [r["title"] for r in first + second] == ["Quantum Analyst", "Data Steward"]


def test_a_bulk_update_of_the_title_is_found_at_once(config, searchable):
    role = Role.objects.get(slug="quantum-analyst")
    Role.objects.filter(pk=role.pk).update(title="Photon Analyst")
    assert [r["title"] for r in search(config, "photon")[1]] == ["Photon Analyst"]
    assert [r["title"] for r in search(config, "quantum")[1]] == ["Data Steward"]
    if connection.vendor == "postgresql":
        role.refresh_from_db()
        assert "'photon':1A" in role.search_vector


def test_the_seed_is_searchable(config, imported):
    total, results = search(config, "chief officer")
    assert total >= 1 and results[0]["url"] == f"/roles/{CAIO}/"
    assert results[0]["meta"] == "Career role · CAIO · Base Pay $128k–$240k (US market, 2024, per year)"
    total, results = search(config, "kubernetes")
    assert [r["title"] for r in results] == ["AI/ML DevOps Engineer"]


def test_the_home_card_counts_published_roles_and_highlights_the_in_depth_one_first(
    config, imported, django_assert_max_num_queries
):
    Role.objects.filter(slug="ai-ml-developer").update(is_published=False)
    with django_assert_max_num_queries(3):
        summary = config.collection_summary()
    assert summary["count"] == 4 and summary["count_label"] == "roles" and summary["url"] == "/roles/"
    assert [h["title"] for h in summary["highlights"]] == [  # in depth, then the most complete
        "Chief AI Officer",
        "AI/ML Engineer",
        "AI Training Specialist",
        "AI/ML DevOps Engineer",
    ]
    assert summary["highlights"][0] == {  # the source's base pay with its label, never a span across labels
        "title": "Chief AI Officer",
        "url": f"/roles/{CAIO}/",
        "meta": "Base Pay $128k–$240k (US market, 2024, per year)",
    }
    assert summary["highlights"][1]["meta"] == "no salary figures in the source"


def test_the_home_page_shows_the_roles_card(client, imported):
    html = client.get("/").content.decode()
    assert '<span class="count-number">5</span> roles' in html
    assert f'<a href="/roles/{CAIO}/">Chief AI Officer</a>' in html
