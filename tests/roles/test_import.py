"""import_roles: idempotent, atomic, dry runs, kept curation, and readable errors for bad files."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kb_site.fixtures import dump_app
from roles import importers
from roles.models import Industry, Role, RoleSkill, SalaryRange, Section, Skill, Statistic
from tests.seeds import CAIO, RELATED, ROLE_SEED

pytestmark = pytest.mark.django_db


def run(path, **options):
    out = StringIO()
    call_command("import_roles", str(path), stdout=out, **options)
    return out.getvalue()


def snapshot():
    return dump_app("roles")


def test_importing_the_seed_creates_five_roles_with_their_sections_and_facts():
    output = run(ROLE_SEED)
    assert "5 created" in output
    assert set(Role.objects.values_list("slug", flat=True)) == {CAIO, *RELATED}
    caio = Role.objects.get(slug=CAIO)
    assert (caio.short_name, caio.is_in_depth, caio.origin, caio.is_published) == ("CAIO", True, "imported", True)
    assert caio.source == "seeds/000_0fd3161aa7286deb.txt"
    assert len(caio.checksum) == 64 and caio.imported_at is not None
    assert caio.sections.count() == 10 and caio.salary_ranges.count() == 4 and caio.statistics.count() == 8
    assert (caio.salary_min, caio.salary_max, caio.salary_currency) == (128_000, 380_486, "USD")
    assert list(caio.industries.values_list("slug", flat=True)) == [
        "energy",
        "financial-services",
        "healthcare",
        "technology-and-software-companies",
    ]
    assert set(caio.related.values_list("slug", flat=True)) == set(RELATED)
    for slug in RELATED:
        assert list(Role.objects.get(slug=slug).related.values_list("slug", flat=True)) == [CAIO]
    assert set(Skill.objects.get(slug="python").roles.values_list("slug", flat=True)) == set(RELATED)
    trends = caio.sections.get(is_heading_inferred=True)
    assert (trends.position, trends.heading, trends.anchor) == (
        6,
        "Industry Trends and Insights",
        "industry-trends-and-insights",
    )


def test_sections_are_stored_as_markdown_and_rendered_once():
    run(ROLE_SEED)
    engineer = Role.objects.get(slug="ai-ml-engineer")
    first = engineer.sections.get(position=0)
    assert first.body.startswith("- **Model Development and Deployment**: Design, train")
    assert "<strong>Model Development and Deployment</strong>" in first.body_html
    for section in Section.objects.all():
        assert "**" not in section.body_html and "###" not in section.body_html, section
    overview = Role.objects.get(slug=CAIO).sections.get(position=0)
    assert overview.closing_html.startswith("<p>The CAIO plays a pivotal role")
    assert engineer.conclusion_html.startswith("<p>In summary, AI/ML Engineers bridge the gap")


def test_a_second_import_changes_nothing():
    run(ROLE_SEED)
    before = snapshot()
    output = run(ROLE_SEED)
    assert "0 created, 0 updated, 5 unchanged" in output
    assert snapshot() == before


def test_a_dry_run_reports_and_saves_nothing():
    output = run(ROLE_SEED, dry_run=True)
    assert "Dry run, nothing saved" in output and "5 created" in output
    assert Role.objects.count() == 0 and Skill.objects.count() == 0


def test_an_admin_edit_is_kept_unless_the_operator_overwrites():
    run(ROLE_SEED)
    Role.objects.filter(slug=CAIO).update(summary="Curated summary.", is_edited=True)
    Section.objects.filter(role__slug=CAIO, position=0).update(heading="Curated heading")
    output = run(ROLE_SEED)
    assert "1 kept" in output and "4 unchanged" in output
    caio = Role.objects.get(slug=CAIO)
    assert caio.summary == "Curated summary." and caio.sections.get(position=0).heading == "Curated heading"
    output = run(ROLE_SEED, overwrite=True)
    assert "1 updated" in output
    caio.refresh_from_db()
    assert caio.summary.startswith("The role of a Chief AI Officer") and not caio.is_edited
    assert caio.sections.get(position=0).heading == "Overview"
    assert caio.sections.count() == 10  # replaced, not duplicated


def test_an_import_never_changes_whether_a_role_is_published():
    run(ROLE_SEED)
    Role.objects.filter(slug="ai-ml-developer").update(is_published=False)
    run(ROLE_SEED, overwrite=True)
    Role.objects.filter(slug="ai-ml-developer").update(checksum="stale")
    output = run(ROLE_SEED)
    assert "1 updated" in output
    assert not Role.objects.get(slug="ai-ml-developer").is_published


def test_a_changed_page_updates_only_the_roles_that_changed(tmp_path):
    run(ROLE_SEED)
    changed = tmp_path / "page.txt"
    changed.write_text(ROLE_SEED.read_text().replace("Geographic location", "Location and remote policy"))
    output = run(changed)
    assert "1 updated" in output and "4 unchanged" in output
    caio = Role.objects.get(slug=CAIO)
    assert "Location and remote policy" in caio.sections.get(kind="salary").body
    assert caio.source.endswith("page.txt")
    assert Section.objects.filter(role=caio).count() == 10 and SalaryRange.objects.filter(role=caio).count() == 4


def test_a_role_created_in_admin_is_not_replaced_by_an_import():
    Role.objects.create(title="AI/ML Developer", slug="ai-ml-developer", summary="Ours.", origin="admin")
    output = run(ROLE_SEED)
    assert "1 kept" in output
    assert Role.objects.get(slug="ai-ml-developer").summary == "Ours."


def test_a_failure_half_way_rolls_the_whole_file_back(monkeypatch):
    calls = []
    real = importers.RoleWriter.write

    def failing(writer, role, parsed, digest):
        calls.append(parsed.title)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(writer, role, parsed, digest)

    monkeypatch.setattr(importers.RoleWriter, "write", failing)
    with pytest.raises(RuntimeError):
        run(ROLE_SEED)
    assert len(calls) == 3
    for model in (Role, Section, Skill, Industry, SalaryRange, Statistic, RoleSkill):
        assert model.objects.count() == 0, model


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


BAD_FILES = [
    ("empty.txt", "  \n\n", "the file is empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("cp1251.txt", "Chief AI Officer\n\nОбзор роли\n".encode("cp1251"), "not valid UTF-8"),
    ("posts.txt", (ROLE_SEED.parent / "001_b340050decece26e.txt").read_text(), "expected the role's title"),
    ("review.txt", (ROLE_SEED.parent / "002_fbfd4bd7059abbbb.txt").read_text(), "bullet (•) or numbered"),
    ("data.json", '{"roles": [{"title": "Chief AI Officer"}]}', "expected the role's title"),
]


@pytest.mark.parametrize(("name", "content", "problem"), BAD_FILES, ids=[name for name, _, _ in BAD_FILES])
def test_a_bad_file_is_a_command_error_naming_the_file_and_the_problem_and_changes_nothing(
    tmp_path, name, content, problem
):
    run(ROLE_SEED)
    Role.objects.filter(slug=CAIO).update(is_edited=True)
    before = snapshot()
    path = write(tmp_path, name, content)
    with pytest.raises(CommandError) as caught:
        run(path, overwrite=True)
    message = str(caught.value)
    assert message.startswith("Import failed, nothing was changed.")
    assert name in message and problem in message
    assert snapshot() == before


def test_a_missing_file_is_named():
    with pytest.raises(CommandError, match=r"no/such/page\.txt: no such file"):
        run("no/such/page.txt")


def test_import_seeds_loads_the_roles_seed():
    out = StringIO()
    call_command("import_seeds", only=["roles"], stdout=out)
    assert "seeds/000_0fd3161aa7286deb.txt: 5 created" in out.getvalue()
    assert Role.objects.count() == 5


def test_verbose_output_names_each_role():
    output = run(ROLE_SEED, verbosity=2)
    assert "created: Chief AI Officer" in output and "created: AI/ML Engineer" in output


OTHER_PAGE = """AI/ML Engineer

Overview

AI/ML Engineers build and ship models. This overview covers:

Daily Work

  • Train and evaluate models
  • Deploy them to production

More Careers

Chief AI Officer

Chief AI Officer

A Chief AI Officer leads an organisation's AI strategy.
"""


def test_a_short_profile_does_not_replace_an_in_depth_one_from_another_page(tmp_path):
    run(write(tmp_path, "engineer.txt", OTHER_PAGE))
    output = run(ROLE_SEED, verbosity=2)
    assert "skipped: AI/ML Engineer (described in depth by" in output
    engineer = Role.objects.get(slug="ai-ml-engineer")
    assert engineer.is_in_depth and engineer.sections.get().heading == "Overview"
    assert Role.objects.get(slug=CAIO).is_in_depth  # the seed describes the CAIO in depth: it replaces the stub
    assert CAIO in engineer.related.values_list("slug", flat=True)


def test_a_role_may_not_take_the_compare_pages_address(tmp_path):
    page = OTHER_PAGE.replace("AI/ML Engineer", "Compare", 1)
    run(write(tmp_path, "compare.txt", page))
    assert Role.objects.filter(slug="compare-role", title="Compare").exists()


def test_shared_skills_and_industries_are_not_duplicated_by_later_imports():
    run(ROLE_SEED)
    skills, industries = Skill.objects.count(), Industry.objects.count()
    run(ROLE_SEED, overwrite=True)
    assert (Skill.objects.count(), Industry.objects.count()) == (skills, industries)
    assert RoleSkill.objects.filter(skill__slug="python").count() == 4
