"""One skill per concept, the source's words kept (issue 12.3): aliases a curator edits in admin, found
by the manager's lookup; a heading naming two skills keeps its words; an import links skills by alias."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from roles.models import Role, RoleSkill, Skill, SkillAlias
from roles.vocabulary import canonical_names
from tests.seeds import CAIO

pytestmark = pytest.mark.django_db

ENGINEER_PAGE = """AI/ML Engineer

Overview

AI/ML Engineers build and ship models. This overview covers:

Skills

  • Languages: Golang, Python and Rust
  • Cloud platforms (e.g., Amazon Web Services, Microsoft Azure)

More Careers

Data Analyst

Data Analyst

Data Analysts explore data for teams.
"""


def run(path, **options):
    out, err = StringIO(), StringIO()
    call_command("import_roles", str(path), stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def test_the_seed_has_one_skill_for_c_plus_plus_and_one_for_azure_with_their_aliases(imported):
    assert not Skill.objects.filter(slug__in=["c-c-plus-plus", "microsoft-azure"]).exists()
    assert dict(SkillAlias.objects.values_list("name", "skill__name")) == {"C/C++": "C++", "Microsoft Azure": "Azure"}
    links = RoleSkill.objects.filter(skill__slug__in=["c-plus-plus", "azure"]).order_by("role__slug", "skill__slug")
    assert [(link.role.slug, link.skill.name, link.source_name) for link in links] == [
        ("ai-ml-developer", "Azure", "Microsoft Azure"),
        ("ai-ml-developer", "C++", ""),
        ("ai-ml-devops-engineer", "Azure", ""),
        ("ai-ml-engineer", "C++", "C/C++"),
    ]


def test_a_heading_naming_two_skills_keeps_its_words_on_both(imported):
    links = {link.skill.name: link.source_name for link in Role.objects.get(slug=CAIO).role_skills.all()}
    assert links["Vision"] == "Leadership and Vision"  # never a bare "Vision" cut from its heading
    assert links["Problem-Solving"] == "Problem-Solving and Analytical Thinking"
    assert links["Leadership"] == "Leadership and Communication"  # the first words the source used for it
    assert links["Strategic Vision"] == ""


def test_the_manager_finds_a_skill_by_its_name_slug_or_alias(imported):
    cpp = Skill.objects.get(slug="c-plus-plus")
    assert Skill.objects.by_name("C/C++") == cpp and Skill.objects.by_name("c++") == cpp
    assert Skill.objects.by_name("MICROSOFT AZURE").slug == "azure"
    assert Skill.objects.by_name("COBOL") is None
    found = Skill.objects.by_names(["C/C++", "Python", "COBOL"])
    assert {slug: skill.slug for slug, skill in found.items()} == {"c-c-plus-plus": "c-plus-plus", "python": "python"}


def test_known_aliases_and_apache_projects_name_their_canonical_skill():
    assert canonical_names("c/c++") == ["C++"]
    assert canonical_names("Apache Spark") == ["Spark"]
    assert canonical_names("Google Cloud") == []  # a vendor's product, not "Cloud"


def test_an_import_links_known_aliases_and_creates_the_canonical_skill(tmp_path):
    path = tmp_path / "engineer.txt"
    path.write_text(ENGINEER_PAGE, encoding="utf-8")
    run(path)
    engineer = Role.objects.get(slug="ai-ml-engineer")
    assert [(link.skill.name, link.source_name) for link in engineer.role_skills.all()] == [
        ("Go", "Golang"),
        ("Python", ""),
        ("Rust", ""),
        ("AWS", "Amazon Web Services"),
        ("Azure", "Microsoft Azure"),
    ]
    assert Skill.objects.get(slug="go").aliases.get().name == "Golang"


def test_an_alias_a_curator_adds_in_admin_is_used_by_the_next_import(staff_client, tmp_path):
    go = Skill.objects.create(name="Go", slug="go")
    url = reverse("admin:roles_skill_change", args=[go.pk])
    html = staff_client.get(url).content.decode()
    assert "Aliases (other names an import links to this skill)" in html
    data = {
        "name": "Go",
        "slug": "go",
        "kind": "technical",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
        "aliases-0-name": "Go language",
        "aliases-0-slug": "go-language",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert Skill.objects.by_name("Go Language") == go
    path = tmp_path / "engineer.txt"
    path.write_text(ENGINEER_PAGE.replace("Golang", "Go language"), encoding="utf-8")
    run(path)
    link = Role.objects.get(slug="ai-ml-engineer").role_skills.get(skill=go)
    assert link.source_name == "Go Language" and not Skill.objects.filter(slug="go-language").exists()


def test_the_skill_changelist_shows_aliases_and_searches_them(staff_client, imported):
    url = reverse("admin:roles_skill_changelist")
    response = staff_client.get(url, {"q": "C/C++"})
    assert response.status_code == 200 and [s.name for s in response.context["cl"].result_list] == ["C++"]
    assert '<td class="field-alias_names">C/C++</td>' in response.content.decode()


def test_an_alias_may_not_take_another_skills_name(imported):
    alias = SkillAlias(skill=Skill.objects.get(slug="python"), name="Java")
    with pytest.raises(ValidationError, match="is a skill of its own"):
        alias.full_clean()
