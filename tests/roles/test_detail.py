"""/roles/<slug>/: the whole profile, its salary chart and its JSON; 404s and query counts."""

import re

import pytest

from roles.charts import nice_ceiling, range_chart
from roles.models import Role, Section
from tests.seeds import CAIO, RELATED

pytestmark = pytest.mark.django_db


def page(client, slug, **params):
    response = client.get(f"/roles/{slug}/", params)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def test_the_profile_has_a_table_of_contents_and_the_sections_in_page_order(client, imported):
    html = page(client, CAIO)
    assert html.count("<h1") == 1 and 'Chief AI Officer <span class="short-name">(CAIO)</span>' in html
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group()
    anchors = re.findall(r'href="#([^"]+)"', toc)
    caio = Role.objects.get(slug=CAIO)
    section_anchors = list(caio.sections.values_list("anchor", flat=True))
    # What a reader asks first comes first: the facts, then the long text.
    assert anchors == ["salary", "statistics", "industries", "skills", "related", "closest", *section_anchors]
    positions = [html.index(f'id="{anchor}"') for anchor in section_anchors]
    assert positions == sorted(positions)
    assert section_anchors[:2] == ["overview", "core-responsibilities"]
    assert "<h3>Strategic Leadership</h3>" in html


def test_the_inferred_heading_is_marked_on_the_page(client, imported):
    html = page(client, CAIO)
    trends = re.search(r'<section[^>]*id="industry-trends-and-insights".*?</section>', html, re.S).group()
    assert 'Industry Trends and Insights <span class="badge">inferred heading</span>' in trends
    assert "The source page has no heading here" in trends
    assert html.count("inferred heading</span>") == 1


def test_closing_paragraphs_follow_their_sections(client, imported):
    html = page(client, CAIO)
    overview = re.search(r'<section[^>]*id="overview".*?</section>', html, re.S).group()
    assert '<div class="section-closing"><p>The CAIO plays a pivotal role' in overview


def test_the_salary_chart_is_an_svg_drawn_on_the_server_with_a_table_of_the_same_figures(client, imported):
    html = page(client, CAIO)
    svg = re.search(r"<svg class=\"range-chart\".*?</svg>", html, re.S).group()
    assert 'role="img"' in svg and 'aria-labelledby="salary-chart-title salary-chart-desc"' in svg
    assert '<title id="salary-chart-title">Salary ranges for Chief AI Officer</title>' in svg
    assert svg.count("<rect") == 4 and "$128k–$240k" in svg and "$400k" in svg
    table = re.search(r'<table class="data" id="salary-table">.*?</table>', html, re.S).group()
    assert '<caption id="salary-table-caption">Salary figures (US market, 2024, per year)</caption>' in table
    for figure in ("$376,427", "$380,486", "$128,000", "$240,000", "$156,969", "$293,008", "$154,285", "$287,999"):
        assert figure in table
    assert table.count('scope="col"') == 4 and table.count('scope="row"') == 4
    assert "<script" not in html.split("</footer>")[0].split("<body>")[1]  # no inline script


def test_statistics_industries_skills_and_related_roles_are_shown(client, imported):
    html = page(client, CAIO)
    assert '<span class="fact-value">11%</span>' in html
    assert '<span class="fact-value"><span class="fact-qualifier">over</span> $1M</span>' in html
    assert '<span class="fact-value">6 years</span>' in html
    # The surveyed population goes with its statistic, with its qualifier, never on a card of its own.
    assert '<span class="fact-value">35,000</span>' not in html
    assert '<span class="fact-population">Base: a study of nearly 35,000 US companies</span>' in html
    assert '<a href="/roles/?industry=healthcare">Healthcare</a>' in html
    assert "for example PATH, UnitedHealth Group" in html
    assert '<a class="chip" href="/roles/skills/change-management/">Change Management</a>' in html
    assert "<h3>Soft skills</h3>" in html and "<h3>Business skills</h3>" in html
    for slug in RELATED:
        assert f'href="/roles/{slug}/"' in html
        assert f'href="/roles/compare/?roles={CAIO}&amp;roles={slug}"' in html


def test_a_related_roles_profile_links_back_and_shows_its_conclusion(client, imported):
    html = page(client, "ai-ml-engineer")
    assert 'href="/roles/chief-ai-officer/"' in html
    assert '<div class="prose role-conclusion"><p>In summary, AI/ML Engineers bridge the gap' in html
    assert "The source gives no salary figures." in html and 'id="salary"' not in html


def test_a_role_the_source_names_without_describing_says_so(client, role_factory):
    role_factory("ML Engineer", summary="")
    html = page(client, "ml-engineer")
    assert "names this role but gives no description of it" in html


def test_json_returns_the_whole_profile(client, imported):
    body = client.get(f"/roles/{CAIO}/", {"format": "json"}).json()
    assert body["slug"] == CAIO and body["url"] == f"http://testserver/roles/{CAIO}/"
    assert body["short_name"] == "CAIO" and body["has_description"] is True
    assert [s["heading"] for s in body["sections"]][:3] == ["Overview", "Core Responsibilities", "Requirements"]
    assert len(body["sections"]) == 10 and body["sections"][6]["is_heading_inferred"] is True
    assert body["sections"][0]["html"].startswith("<p>The role of a Chief AI Officer")
    assert body["sections"][0]["closing_markdown"].startswith("The CAIO plays a pivotal role")
    assert [(r["kind"], r["min"], r["max"]) for r in body["salary_ranges"]] == [
        ("total", 376427, 380486),
        ("base", 128000, 240000),
        ("additional", 156969, 293008),
        ("estimate", 154285, 287999),
    ]
    assert body["salary_ranges"][0] | {"label": None} == {
        "label": None,
        "kind": "total",
        "min": 376427,
        "max": 380486,
        "currency": "USD",
        "period": "year",
        "market": "US",
        "year": 2024,
        "note": None,
    }
    assert body["statistics"][0] == {
        "value": 11,
        "unit": "percent",
        "qualifier": None,
        "display": "11%",
        "label": "As of 2023, 11% of midsize to large companies have appointed a CAIO",
        "population": None,
        "group": "Adoption and Growth",
        "year": 2023,
    }
    assert body["industries"][0] == {
        "slug": "technology-and-software-companies",
        "name": "Technology and software companies",
        "companies": ["Microsoft", "Dell Technologies"],
    }
    assert {
        "slug": "communication",
        "name": "Communication",
        "kind": "soft",
        "source_name": "Leadership and Communication",
    } in body["skills"]
    assert [r["slug"] for r in body["related"]] == sorted(RELATED, key=lambda s: Role.objects.get(slug=s).title)
    assert body["source"]["document"] == "seeds/000_0fd3161aa7286deb.txt" and body["source"]["is_edited"] is False


def test_an_unknown_or_unpublished_role_is_a_404_and_hidden_from_related_lists(client, imported):
    assert client.get("/roles/no-such-role/").status_code == 404
    assert client.get("/roles/no-such-role/", {"format": "json"}).json()["error"] == "not found"
    Role.objects.filter(slug="ai-ml-developer").update(is_published=False)
    assert client.get("/roles/ai-ml-developer/").status_code == 404
    assert client.get("/roles/ai-ml-developer/", {"format": "json"}).status_code == 404
    html = page(client, CAIO)
    assert "/roles/ai-ml-developer/" not in html and "3 related roles" in html
    assert "ai-ml-developer" not in str(client.get(f"/roles/{CAIO}/", {"format": "json"}).json()["related"])


def test_a_format_the_profile_does_not_offer_is_a_400(client, imported):
    response = client.get(f"/roles/{CAIO}/", {"format": "csv"})
    assert response.status_code == 400
    assert "format must be one of html, json, not &#x27;csv&#x27;." in response.content.decode()


def test_the_profile_stays_within_ten_queries_with_200_roles(client, many_roles, django_assert_max_num_queries):
    slug = many_roles[100].slug
    with django_assert_max_num_queries(10):
        html = page(client, slug)
    assert "Related roles" in html and 'class="range-chart"' in html
    with django_assert_max_num_queries(10):
        assert len(client.get(f"/roles/{slug}/", {"format": "json"}).json()["related"]) == 2


def test_the_chart_scale_ends_at_a_round_number_above_the_largest_figure():
    assert [nice_ceiling(v) for v in (380_486, 240_000, 95_000, 1_000_001, 7)] == [
        400_000,
        250_000,
        100_000,
        2_000_000,
        10,
    ]
    chart = range_chart([("Base", 100_000, 200_000, 2), ("Total", 300_000, 400_000, 1)])
    assert [(bar.x, bar.width, bar.series) for bar in chart.bars] == [(122.0, 114.0, 2), (350.0, 114.0, 1)]
    assert [tick.label for tick in chart.ticks] == ["$0", "$100k", "$200k", "$300k", "$400k"]
    assert chart.ticks[0].anchor == "start" and chart.ticks[-1].anchor == "end"
    assert range_chart([]) is None


def test_a_section_edited_to_contain_html_is_sanitized(client, role_factory):
    role = role_factory("Data Scientist")
    Section.objects.create(
        role=role,
        position=0,
        heading="Notes",
        anchor="notes",
        body='Hi <script>alert(1)</script> <a href="javascript:x">x</a>',
    )
    html = page(client, "data-scientist")
    assert "<script>alert" not in html and "javascript:" not in html
