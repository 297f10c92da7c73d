"""The profile answers a reader's first questions at the top (issue 12.1, 12.2): labelled salary figures,
top skills by kind, industries by their full names, the headline statistic with its qualifier and
population, related and closest roles; then the long text. No figure the source does not state."""

import re

import pytest

from roles.models import SalaryRange, SkillKind
from tests.seeds import CAIO

pytestmark = pytest.mark.django_db


def summary_html(client, slug):
    html = client.get(f"/roles/{slug}/").content.decode()
    match = re.search(r'<section class="role-summary".*?\n</section>', html, re.S)
    assert match, "no summary panel"
    return html, match.group()


def test_the_summary_comes_before_the_long_text_with_every_salary_figure_and_its_label(client, imported):
    html, panel = summary_html(client, CAIO)
    assert html.index('class="role-summary"') < html.index('id="overview"')
    for label, figures in (
        ("Average total compensation", "$376k–$380k"),
        ("Base Pay", "$128k–$240k"),
        ("Additional Compensation", "$157k–$293k"),
        ("Broader Salary Estimates", "$154k–$288k"),
    ):
        assert f"<dt>{label}" in panel and f"<strong>{figures}</strong>" in panel
    assert "As the source gives them: US market, 2024, per year" in panel  # market and year of every range
    assert "$128k–$380k" not in html.split('id="salary"')[0]  # no span across labels above the chart


def test_the_summary_shows_top_skills_by_kind_industries_headline_related_and_closest(client, imported):
    _, panel = summary_html(client, CAIO)
    assert re.findall(r"<h4>(.*?)</h4>", panel) == ["Technical skills", "Business skills", "Soft skills"]
    assert panel.count('class="chip"') == 2 + 4 + 4  # at most four a kind
    assert "+11 more<span" in panel and 'href="#skills"' in panel
    assert '<a href="/roles/?industry=technology-and-software-companies">Technology and software companies</a>' in panel
    assert "<h3>Headline figure</h3>" in panel and '<span class="fact-value">11%</span>' in panel
    for title in ("AI Training Specialist", "AI/ML DevOps Engineer", "AI/ML Developer", "AI/ML Engineer"):
        assert f">{title}</a>" in panel
    assert "<h3>Closest by skills</h3>" in panel and "similarity 0.16, 4 shared skills" in panel


def test_a_role_without_figures_says_so_and_shows_only_what_it_has(client, imported):
    _, panel = summary_html(client, "ai-ml-devops-engineer")
    assert "The source gives no salary figures." in panel
    assert "Headline figure" not in panel and "Industries" not in panel
    assert "<h3>Related roles</h3>" in panel


def test_ranges_with_different_markets_each_keep_their_own(client, role_factory):
    role = role_factory(
        "Data Scientist",
        salary=[("Base pay", SalaryRange.Kind.BASE, 100_000, 150_000), ("Total pay", SalaryRange.Kind.TOTAL, 1, 2)],
    )
    role.salary_ranges.filter(position=1).update(market="UK", year=2023, currency="GBP")
    _, panel = summary_html(client, "data-scientist")
    assert "As the source gives them" not in panel
    assert '$100k–$150k</strong> <span class="meta">US market, 2024, per year</span>' in panel
    assert "UK market, 2023, per year" in panel


def test_a_statistic_keeps_its_qualifier_and_a_population_goes_with_its_statistic(client, role_factory):
    role = role_factory("Data Scientist", statistics=[(70, "percent", "A 70% rise in a study of nearly 35,000 firms")])
    role.statistics.update(population="a study of nearly 35,000 firms")
    role.statistics.create(
        position=1, value=1_000_000, unit="usd", label="Pay often exceeds $1 million", qualifier="over"
    )
    html = client.get("/roles/data-scientist/").content.decode()
    assert '<span class="fact-population">Base: a study of nearly 35,000 firms</span>' in html
    assert '<span class="fact-value"><span class="fact-qualifier">over</span> $1M</span>' in html
    body = client.get("/roles/data-scientist/", {"format": "json"}).json()
    assert body["statistics"][1]["display"] == "over $1M" and body["statistics"][1]["qualifier"] == "over"
    assert body["statistics"][0]["population"] == "a study of nearly 35,000 firms"


def test_skills_show_the_sources_words_when_they_differ(client, imported):
    html = client.get(f"/roles/{CAIO}/").content.decode()
    skills = html[html.index('<section id="skills"') :]
    assert 'Vision</a> <span class="chip-source">from “Leadership and Vision”</span>' in skills
    engineer = client.get("/roles/ai-ml-engineer/").content.decode()
    assert 'C++</a> <span class="chip-source">from “C/C++”</span>' in engineer


def test_no_json_figure_joins_ranges_of_different_labels_without_saying_so(client, imported):
    row = client.get("/roles/", {"format": "json", "q": "caio"}).json()["results"][0]
    assert "salary_min" not in row and "salary_max" not in row
    assert [r["label"] for r in row["salary_ranges"]] == [
        "Average total compensation",
        "Base Pay",
        "Additional Compensation",
        "Broader Salary Estimates",
    ]
    span = row["derived_salary_span"]
    assert (span["min"], span["max"]) == (128_000, 380_486) and span["note"].startswith("Derived here, not stated")


def test_the_home_card_gives_a_labelled_range(client, imported):
    html = client.get("/").content.decode()
    assert "Base Pay $128k–$240k (US market, 2024, per year)" in html and "$128k–$380k" not in html


def test_a_role_with_skills_of_one_kind_shows_one_group(client, role_factory):
    role_factory("Writer", skills=[("Writing", SkillKind.SOFT)])
    _, panel = summary_html(client, "writer")
    assert re.findall(r"<h4>(.*?)</h4>", panel) == ["Soft skills"]
