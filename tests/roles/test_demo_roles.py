"""Generated roles derive their fields with the model's own code, so demo data cannot drift from real data."""

import random

import pytest

from roles import demo
from roles.models import Role, Section

pytestmark = pytest.mark.django_db

DERIVED = (
    "salary_min",
    "salary_max",
    "salary_currency",
    "completeness",
    "body_text",
    "search_title",
    "search_text",
    "intro_html",
)


def test_a_generated_role_has_the_derived_fields_the_model_computes_for_it():
    demo.generate(5, rng=random.Random(3), batch_size=2)
    for role in Role.objects.filter(origin=demo.GENERATED):
        stored = {name: getattr(role, name) for name in DERIVED}
        role.refresh_derived()  # what an import or an admin edit computes from the saved rows
        role.refresh_from_db()
        assert {name: getattr(role, name) for name in DERIVED} == stored, role.slug
        assert stored["body_text"] and stored["search_text"]


def test_generated_sections_have_rendered_html_and_anchors_by_the_one_rule():
    demo.generate(2, rng=random.Random(4), batch_size=2)
    anchors = list(Section.objects.filter(position=1).values_list("anchor", flat=True))
    assert anchors == ["core-responsibilities", "core-responsibilities"]
    assert all(section.body_html.startswith("<p>") for section in Section.objects.all())
