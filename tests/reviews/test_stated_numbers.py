"""The review's numbers as it states them: computed values marked wherever they appear, qualifiers kept,
and its tables' and figures' captions verbatim where the tables and charts are."""

import re

import pytest

from reviews.models import Finding, Review
from tests.seeds import REVIEW_SLUG

pytestmark = pytest.mark.django_db

OVERVIEW = f"/reviews/{REVIEW_SLUG}/"

TABLE_1 = (
    "Mature AI for MI papers, Q1-Q3 2020. These 13 papers were ranked with a maturity level of “high” in the "
    "meta-analysis."
)
FIGURE_1 = (
    "PRISMA flowchart illustrating the study selection used in the systematic review and meta-analysis. Publication "
    "keyword searches on PubMed, arXiv, biorXiv and medRxiv for Q1-Q3 of 2020 were performed using two parallel "
    "streams. After duplicate matches were removed, titles were screened manually and a selection of 338 relevant "
    "manuscripts were chosen for manual review."
)


def page(client, url=OVERVIEW):
    return re.sub(r"\s+", " ", client.get(url).content.decode())


def test_the_import_keeps_every_caption_verbatim_with_what_it_belongs_to(imported):
    captions = {(c["kind"], c["number"]): c for c in Review.objects.get().captions}
    assert captions[("table", "1")] == {"kind": "table", "number": "1", "text": TABLE_1, "shows": "papers"}
    assert captions[("table", "2")]["text"] == "Differences between the imaging modalities."
    assert captions[("table", "2")]["shows"] == "comparison"
    assert captions[("figure", "1")]["text"] == FIGURE_1 and captions[("figure", "1")]["shows"] == "prisma"
    assert [captions[("figure", n)]["text"][:40] for n in "2345"] == [
        "AI for medical imaging is received growi",
        "Number of papers per keyword and platfor",
        "Imaging modality comparison during the C",
        "Distribution of manually reviewed papers",
    ]
    assert captions[("figure", "5")]["text"].endswith("quality (middle) and data origin (right) are given.")


def test_each_caption_is_shown_where_its_table_or_chart_is(client, imported):
    overview = page(client)
    flow = overview[
        overview.index('id="prisma-caption"') : overview.index("</figcaption>", overview.index("prisma-caption"))
    ]
    assert f'<span class="caption-name">Fig. 1 of the review, its caption:</span> {FIGURE_1}' in flow
    papers_section = overview[overview.index('id="papers-title"') :]
    assert TABLE_1 in papers_section.split("</section>", 1)[0]
    charts = overview[overview.index('id="charts-title"') : overview.index('id="selection"')]
    for number in "2345":
        assert f"<dt>Fig. {number}</dt>" in charts
    assert "<dd>Imaging modality comparison during the COVID-19 pandemic. CT takes the lion’s share" in charts
    assert TABLE_1 in page(client, f"{OVERVIEW}papers/")


def test_a_computed_key_figure_is_marked_on_the_page_and_in_json(client, imported):
    tasks = page(client).split('id="chart-tasks-desc">', 1)[1].split("</desc>", 1)[0]
    assert "Severity assessment 7.4% (computed here, not stated in the review)" in tasks
    body = client.get(OVERVIEW, {"format": "json"}).json()
    severity = next(f for f in body["findings"] if f["key"] == "task-severity-assessment")
    assert severity["is_derived"] is True and severity["note"].startswith("computed:")


def test_the_json_marks_the_prisma_totals_it_computes(client, imported):
    body = client.get(OVERVIEW, {"format": "json"}).json()
    assert body["prisma_computed"] == [
        {
            "label": "Records identified by the searches together",
            "value": 963,
            "formula": "556 + 407",
            "is_computed": True,
        },
        {"label": "Duplicates removed", "value": 389, "formula": "963 − 574", "is_computed": True},
    ]
    assert [stage["count"] for stage in body["prisma"]] == [556, 407, 574, 194, 380, 42, 338]  # as stated
    assert {c["name"] for c in body["captions"]} == {
        "Table 1",
        "Table 2",
        "Fig. 1",
        "Fig. 2",
        "Fig. 3",
        "Fig. 4",
        "Fig. 5",
    }


def test_qualifiers_stay_with_their_numbers(client, imported):
    public = Finding.objects.get(key="data-public")
    assert public.qualifier == "almost" and public.stated == "almost 67%"
    assert Finding.objects.get(key="data-proprietary").stated == "28%"  # "only 28%": emphasis, not a qualifier
    overview = page(client)
    assert '<text class="value-label" x="172.5" y="77">almost 67%</text>' in overview
    json_public = next(
        f for f in client.get(OVERVIEW, {"format": "json"}).json()["findings"] if f["key"] == "data-public"
    )
    assert json_public["qualifier"] == "almost" and json_public["stated"] == "almost 67%" and json_public["value"] == 67


@pytest.mark.parametrize(
    ("quote", "value", "qualifier"),
    [
        ("nearly 35,000 jobs", "35000", ""),  # written with a separator: not found, so nothing claimed
        ("nearly 35 jobs", "35", "nearly"),
        ("more than 300 papers", "300", "more than"),
        ("~40% of them", "40", "~"),
        ("in 2019, 40% of them", "40", ""),
        ("up to 12.5% and 5%", "5", ""),  # 5 is not the 5 of 12.5
    ],
)
def test_a_qualifier_is_read_from_the_words_just_before_the_number(quote, value, qualifier):
    assert Finding(value=value, unit="%", quote=quote).qualifier == qualifier
