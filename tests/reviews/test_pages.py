"""The reviews' pages as readers use them: list, overview, papers table, paper, modality comparison."""

import csv
import io
import re

import pytest
from django.apps import apps

from reviews.models import Paper, Review
from tests.reviews.factories import bulk_papers, make_paper, make_review, make_section
from tests.seeds import REVIEW_SLUG

pytestmark = pytest.mark.django_db

OVERVIEW = f"/reviews/{REVIEW_SLUG}/"
PAPERS = f"/reviews/{REVIEW_SLUG}/papers/"
MODALITIES = f"/reviews/{REVIEW_SLUG}/modalities/"
MEI = f"{PAPERS}mei-artificial-intelligence-enabled-rapid-diagnosis-of/"


def text(response):
    return response.content.decode()


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


# The list of reviews ----------------------------------------------------------------------------------


def test_the_list_shows_each_review_with_authors_date_and_counts(client, imported):
    page = text(client.get("/reviews/"))
    assert "On the Role of Artificial Intelligence in Medical Imaging of COVID-19" in page
    assert "Jannis Born, David Beymer, Deepta Rajan and 12 more" in page
    assert "Version of 18 November 2020" in page
    assert "338 papers reviewed" in page and "13 papers in this knowledge base" in page and "36 key figures" in page
    assert 'aria-current="page">Reviews</a>' in page  # the site navigation knows where we are


def test_the_list_answers_json_and_csv(client, imported):
    body = client.get("/reviews/", {"format": "json"}).json()
    assert body["count"] == 1 and body["next"] is None
    assert body["results"] == [
        {
            "url": f"http://testserver{OVERVIEW}",
            "slug": REVIEW_SLUG,
            "title": "On the Role of Artificial Intelligence in Medical Imaging of COVID-19",
            "authors": imported.author_names,
            "doi": "10.1101/2020.09.02.20187096",
            "server": "medRxiv",
            "version_date": "2020-11-18",
            "paper_count": 13,
        }
    ]
    rows = csv_rows(client.get("/reviews/", {"format": "csv"}))
    assert rows[0] == ["title", "authors", "doi", "server", "version_date", "papers", "url"]
    assert rows[1][:2] == [imported.title, "; ".join(imported.author_names)]


def test_the_list_searches_titles_and_authors_in_any_case(client, imported):
    make_review(title="Another review", authors=[{"family": "Ölçer", "given": "Ayşe"}])
    assert client.get("/reviews/", {"q": "ROSEN-ZVI", "format": "json"}).json()["count"] == 1
    assert client.get("/reviews/", {"q": "ölçer", "format": "json"}).json()["results"][0]["title"] == "Another review"
    assert client.get("/reviews/", {"q": "nothing like it", "format": "json"}).json()["count"] == 0


def test_an_unpublished_review_is_in_no_list_nor_on_the_home_page(client, imported):
    Review.objects.update(is_published=False)
    assert client.get("/reviews/", {"format": "json"}).json()["count"] == 0
    assert len(csv_rows(client.get("/reviews/", {"format": "csv"}))) == 1
    summary = apps.get_app_config("reviews").collection_summary()
    assert summary["count"] == 0 and summary["highlights"] == []


def test_the_home_page_card_counts_published_reviews(client, imported, django_assert_max_num_queries):
    config = apps.get_app_config("reviews")
    with django_assert_max_num_queries(3):
        summary = config.collection_summary()
    assert summary["count"] == 1 and summary["count_label"] == "review"
    assert summary["highlights"] == [
        {"title": imported.title, "url": OVERVIEW, "meta": "medRxiv · 18 Nov 2020 · 13 papers"}
    ]
    assert "On the Role of Artificial Intelligence" in text(client.get("/"))


def test_a_bad_list_parameter_is_a_400(client, imported):
    response = client.get("/reviews/", {"sort": "popularity"})
    assert response.status_code == 400
    assert "sort: Select a valid choice. popularity is not one of the available choices." in text(response)


def test_the_list_stays_within_ten_queries_with_many_reviews(client, django_assert_max_num_queries):
    for i in range(40):
        review = make_review(slug=f"review-{i}", title=f"Review {i}")
        bulk_papers(review, 5, start=i * 10)
    with django_assert_max_num_queries(10):
        assert client.get("/reviews/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/reviews/", {"format": "json", "page_size": 500}).status_code == 200


# A review's overview ---------------------------------------------------------------------------------


def test_the_overview_shows_metadata_version_and_citation(client, imported):
    page = text(client.get(OVERVIEW))
    assert "<h1>On the Role of Artificial Intelligence in Medical Imaging of COVID-19</h1>" in page
    assert page.count("<h1") == 1
    assert "This knowledge base holds the version posted on 18 November 2020." in page
    # links from data go through safe_url and, leaving the site, carry rel (kb_site.templatetags.kb_links)
    external = 'rel="noopener noreferrer nofollow"'
    assert f'<a href="https://doi.org/10.1101/2020.09.02.20187096" {external}>10.1101/2020.09.02.20187096</a>' in page
    assert f'<a href="https://creativecommons.org/licenses/by-nc-nd/4.0/" {external}>CC BY-NC-ND 4.0</a>' in page
    assert '<p id="citation-text" class="citation">Born J, Beymer D, Rajan D, Coy A, Mukherjee VV, Manica M,' in page
    assert "Rosen-Zvi M. On the Role of Artificial Intelligence in Medical Imaging of COVID-19. medRxiv. " in page
    assert 'data-copy="citation-text" hidden' in page
    assert f'href="{OVERVIEW}?format=bib" download' in page and f'href="{OVERVIEW}?format=ris" download' in page


def test_the_citation_downloads_as_bibtex_and_ris(client, imported):
    bib = client.get(OVERVIEW, {"format": "bib"})
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert 'filename="Born2020Artificial.bib"' in bib["Content-Disposition"]
    body = bib.content.decode()
    assert body.startswith("@article{Born2020Artificial,\n")
    assert "  author = {Born, Jannis and Beymer, David and Rajan, Deepta" in body
    assert "Gabrani, Maria and Rosen-Zvi, Michal},\n" in body
    assert "  title = {{On the Role of Artificial Intelligence in Medical Imaging of COVID-19}},\n" in body
    assert "  doi = {10.1101/2020.09.02.20187096},\n" in body and "  journal = {medRxiv},\n" in body
    ris = client.get(OVERVIEW, {"format": "ris"}).content.decode()
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - JOUR" and lines[1] == "AU  - Born, Jannis" and lines[15] == "AU  - Rosen-Zvi, Michal"
    assert "DA  - 2020/11/18" in lines and "DO  - 10.1101/2020.09.02.20187096" in lines and lines[-2] == "ER  - "


def test_the_overview_shows_the_abstract_figures_and_text(client, imported):
    page = text(client.get(OVERVIEW))
    for heading in ("Purpose", "Methods", "Results", "Conclusions", "Clinical implications"):
        assert f">{heading}</h3>" in page
    assert '<span class="fact-value">3444 <span class="fact-unit">papers</span></span>' in page
    assert '<span class="fact-value">4.1 <span class="fact-unit">citations per month</span></span>' in page
    assert '<h5 id="severity-assessment">Severity Assessment</h5>' in page
    review_text = page[page.index('<section id="text"') :]
    assert "a roughly even proportion of LUS (9.9%) and CXR imaging (9.5%)" in review_text
    for footer in ("International license", "perpetuity", "author/funder"):
        assert footer not in review_text
    assert "<dt>Licence URL</dt><dd>the preprint&#x27;s licence stamp in the seed text" in page


def test_citations_of_papers_held_here_link_to_them(client, imported):
    page = text(client.get(OVERVIEW))
    assert f'<sup>[<a href="{MEI}" title="Mei: Artificial intelligence–enabled' in page
    assert "management of COVID-19<sup>[1,&nbsp;2]</sup>." in page  # a short list never breaks


def test_the_charts_are_accessible_svg_with_their_numbers_in_tables(client, imported):
    page = text(client.get(OVERVIEW))
    charts = re.findall(r'<svg role="img" aria-labelledby="(chart-[a-z-]+)-title \1-desc"', page)
    assert charts == ["chart-modality", "chart-tasks", "chart-maturity", "chart-data-origin", "chart-geography"]
    modality = page[page.index('id="chart-modality-caption"') : page.index('id="chart-tasks-caption"')]
    assert '<title id="chart-modality-title">Imaging modality: clinical papers versus AI papers</title>' in modality
    assert "CT in Clinical papers 80.7%; CT in AI papers 36.1%; CXR in Clinical papers 9.5%" in modality
    assert modality.count('class="bar series-1"') == 3 and modality.count('class="bar series-2"') == 4
    table = re.sub(r"\s+", " ", modality[modality.index("<table") :])
    assert '<th scope="col" class="num">Clinical papers</th><th scope="col" class="num">AI papers</th>' in table
    assert '<th scope="row">CT</th><td class="num">80.7%</td><td class="num">36.1%</td>' in table
    assert '<th scope="row">Multimodal</th><td class="num">not stated</td><td class="num">11%</td>' in table
    tasks = page[page.index('id="chart-tasks-caption"') : page.index('id="chart-maturity-caption"')]
    assert "7.4%*" in tasks and "* Severity assessment: computed: (4 + 20 + 1) / 338" in tasks
    for number in ("72.8%", "8%", "4%"):
        assert f'<td class="num">{number}</td>' in tasks
    assert (
        '<td class="num">3.8%</td>' in page
        and '<td class="num">almost 67%</td>' in page  # the review's qualifier kept
        and '<td class="num">51%</td>' in page
    )


def test_the_prisma_flow_is_drawn_with_counts_and_links_to_the_papers(client, imported):
    page = text(client.get(OVERVIEW))
    flow = page[page.index('<figure class="chart flow prisma"') : page.index("</figure>", page.index("prisma-caption"))]
    # the title says what the review states; their sum (963) is computed, so it is not announced
    assert "PRISMA flow: 556 and 407 records identified by two searches, 338 included" in flow
    assert "963" not in flow.split("</figcaption>", 1)[0]
    assert flow.count('<rect class="box') == 7 and flow.count('class="box box-excluded"') == 2
    assert flow.count('<path class="arrow"') == 6
    for count in ("556 records", "407 records", "574 records", "194 records", "380 records", "42 records"):
        assert f'class="count">{count}</text>' in flow
    assert f'<a href="{PAPERS}" aria-label="338 records selected for meta-analysis: the papers table">' in flow
    assert "(computed here: 556 + 407 − 574 = 389 duplicates; the review does not state it)" in flow
    assert "(computed here: 574 − 194 = 380 remain)" in flow and "(computed here: 380 − 42 = 338 remain)" in flow


def test_the_overview_answers_json_with_the_whole_review(client, imported):
    body = client.get(OVERVIEW, {"format": "json"}).json()
    assert body["title"] == imported.title and body["version_date"] == "2020-11-18"
    assert len(body["authors"]) == 15 and body["licence"] == "CC BY-NC-ND 4.0"
    assert [part["heading"] for part in body["abstract"]][0] == "Purpose"
    assert len(body["sections"]) == 15 and body["sections"][0]["heading"] == "Introduction"
    assert len(body["papers"]) == 13 and body["papers"][0]["first_author"] == "Mei"
    assert len(body["modality_comparison"]) == 21 and len(body["prisma"]) == 7
    clinical_ct = next(f for f in body["findings"] if f["key"] == "clinical-ct")
    assert (
        clinical_ct["value"] == 80.7 and clinical_ct["unit"] == "%" and clinical_ct["category"] == "modality-clinical"
    )
    assert next(f for f in body["findings"] if f["key"] == "papers-mi-covid")["value"] == 3444


def test_an_unknown_format_of_the_overview_is_a_400(client, imported):
    response = client.get(OVERVIEW, {"format": "pdf"})
    assert response.status_code == 400
    assert "format must be one of html, json, bib, ris, not &#x27;pdf&#x27;." in text(response)
    assert client.get(OVERVIEW, {"format": "pdf"}, headers={"accept": "application/json"}).status_code == 400


def test_an_unknown_review_is_a_404(client, imported):
    for url in ("/reviews/no-such-review/", "/reviews/no-such-review/papers/", "/reviews/no-such-review/modalities/"):
        assert client.get(url).status_code == 404
    assert client.get(f"{PAPERS}no-such-paper/").status_code == 404


def test_an_unpublished_review_is_nowhere_public(client, imported):
    Review.objects.update(is_published=False)
    for url in (OVERVIEW, f"{OVERVIEW}?format=json", f"{OVERVIEW}?format=bib", PAPERS, MODALITIES, MEI):
        assert client.get(url).status_code == 404, url
    assert apps.get_app_config("reviews").search("severity").results == []


def test_the_overview_stays_within_ten_queries_with_500_papers(client, imported, django_assert_max_num_queries):
    bulk_papers(imported, 500, start=100)
    with django_assert_max_num_queries(10):
        assert client.get(OVERVIEW).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(OVERVIEW, {"format": "json"}).status_code == 200


# The papers table -----------------------------------------------------------------------------------


def test_the_papers_table_lists_the_papers_with_their_references(client, imported):
    response = client.get(PAPERS)
    page = text(response)
    assert response.context["result_count"] == 13
    assert [p.reference for p in response.context["entries"]] == list(range(15, 28))
    assert (
        '<td class="num">[15]</td>' in page
        and f'<th scope="row"><a href="{MEI}">Artificial intelligence–enabled' in page
    )
    assert '<th scope="col" aria-sort="ascending" class="num"><a href="/reviews/' in page  # sorted by reference


@pytest.mark.parametrize(
    ("params", "authors"),
    [
        ({"task": "severity-assessment"}, ["Anastasopoulos", "Zhang", "Zhou", "Blain"]),
        ({"task": "prognosis"}, ["Zhang"]),
        ({"modality": "cxr"}, ["Zhang", "Blain"]),
        ({"maturity": "high", "modality": "cxr", "task": "diagnosis"}, ["Zhang"]),
        ({"maturity": "low"}, []),
        ({"q": "ZHANG"}, ["Zhang", "Zhang", "Zhang"]),
        ({"q": "chest ct"}, ["Bai", "Ni", "Lessmann", "Harmon"]),
        ({"q": "severity", "modality": "ct"}, ["Lessmann", "Anastasopoulos", "Zhang", "Zhou"]),
    ],
)
def test_the_papers_filter_by_task_modality_maturity_and_words(client, imported, params, authors):
    body = client.get(PAPERS, {**params, "format": "json"}).json()
    assert [r["first_author"] for r in body["results"]] == authors
    assert body["count"] == len(authors)


def test_facets_count_the_filtered_papers_and_link_to_toggled_filters(client, imported):
    facets = {g.param: g for g in client.get(PAPERS).context["facets"]}
    assert {o.label: o.count for o in facets["task"].options} == {
        "Diagnosis": 8,
        "Severity assessment": 4,
        "Prognosis": 1,
    }
    assert {o.label: o.count for o in facets["modality"].options} == {"CT": 11, "CXR": 2}
    assert {o.label: o.count for o in facets["maturity"].options} == {"High": 13}
    facets = {g.param: g for g in client.get(PAPERS, {"modality": "cxr"}).context["facets"]}
    assert {o.value: o.count for o in facets["task"].options} == {"diagnosis": 1, "severity-assessment": 1}
    option = next(o for o in facets["task"].options if o.value == "diagnosis")
    assert option.url == f"{PAPERS}?modality=cxr&task=diagnosis"
    selected = facets["modality"].options[0]
    assert selected.selected and selected.url == PAPERS


def test_the_papers_sort_by_any_column_both_ways(client, imported):
    def order(sort, field):
        return [r[field] for r in client.get(PAPERS, {"sort": sort, "format": "json"}).json()["results"]]

    assert order("-reference", "reference") == list(range(27, 14, -1))
    assert order("first_author", "first_author")[:3] == ["Anastasopoulos", "Bai", "Blain"]
    assert order("title", "title")[0].startswith("A deep learning approach")
    assert order("-task", "task")[0] == "severity-assessment"
    response = client.get(PAPERS, {"sort": "title"})
    title = next(c for c in response.context["columns"] if c["field"] == "title")
    assert title["aria_sort"] == "ascending" and title["url"] == f"{PAPERS}?sort=-title"
    assert 'aria-sort="ascending"><a href="/reviews/ai-medical-imaging-covid-19/papers/?sort=-title">Title</a>' in (
        text(response)
    )


def test_papers_json_results_carry_the_contract_fields(client, imported):
    body = client.get(PAPERS, {"format": "json", "page_size": 2}).json()
    assert body["count"] == 13
    assert body["next"] == f"http://testserver{PAPERS}?format=json&page=2&page_size=2"
    assert body["results"][0] == {
        "url": f"http://testserver{MEI}",
        "title": "Artificial intelligence–enabled rapid diagnosis of patients with COVID-19",
        "first_author": "Mei",
        "reference": 15,
        "task": "diagnosis",
        "modality": "ct",
        "maturity": "high",
    }


def test_papers_csv_streams_every_matching_row(client, imported):
    response = client.get(PAPERS, {"format": "csv", "task": "diagnosis", "page_size": 2})
    assert 'filename="ai-medical-imaging-covid-19-papers.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["reference", "title", "first_author", "task", "modality", "maturity", "url"]
    assert len(rows) == 1 + 8 and rows[1][:3] == ["15", rows[1][1], "Mei"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"modality": "mri"},
            "modality: mri is not a modality this table knows; use one of ct, cxr, lus, multimodal (any case).",
        ),
        (
            {"task": "triage"},
            "task: triage is not a task this table knows; use one of diagnosis, severity-assessment, prognosis, "
            "segmentation, review (any case).",
        ),
        (
            {"maturity": "great"},
            "maturity: great is not a maturity this table knows; use one of high, medium, low (any case).",
        ),
        ({"sort": "impact"}, "sort: Select a valid choice. impact is not one of the available choices."),
        ({"page": "two"}, "page must be a whole number from 1 to 1000000, not &#x27;two&#x27;."),
    ],
)
def test_a_bad_papers_parameter_is_a_readable_400(client, imported, params, message):
    response = client.get(PAPERS, params)
    assert response.status_code == 400
    assert message in text(response)


def test_a_bad_papers_parameter_is_a_400_in_json_too(client, imported):
    response = client.get(PAPERS, {"modality": "mri", "format": "json"})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "modality": ["mri is not a modality this table knows; use one of ct, cxr, lus, multimodal (any case)."]
    }


def test_a_page_past_the_end_is_a_404(client, imported):
    assert client.get(PAPERS, {"page": 9}).status_code == 404


def test_an_unpublished_paper_is_nowhere_public(client, imported):
    Paper.objects.filter(first_author="Mei").update(is_published=False)
    assert client.get(PAPERS, {"format": "json"}).json()["count"] == 12
    assert "Mei" not in [row[2] for row in csv_rows(client.get(PAPERS, {"format": "csv"}))]
    facets = {g.param: g for g in client.get(PAPERS).context["facets"]}
    assert {o.value: o.count for o in facets["task"].options}["diagnosis"] == 7
    assert client.get(MEI).status_code == 404
    assert len(client.get(OVERVIEW, {"format": "json"}).json()["papers"]) == 12
    assert all(
        r["title"] != Paper.objects.get(first_author="Mei").title
        for r in apps.get_app_config("reviews").search("rapid diagnosis").results
    )


def test_the_papers_table_stays_within_ten_queries_with_500_papers(client, imported, django_assert_max_num_queries):
    bulk_papers(imported, 500, start=100)
    with django_assert_max_num_queries(10):
        assert client.get(PAPERS).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(PAPERS, {"task": "diagnosis", "modality": "ct", "page": 2}).status_code == 200
    with django_assert_max_num_queries(10):  # a word in every paper: the first 300 matches (kb_site.search.engine)
        assert client.get(PAPERS, {"task": "diagnosis", "modality": "ct", "q": "imaging"}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(PAPERS, {"format": "json", "page_size": 500}).status_code == 200
    with django_assert_max_num_queries(10):
        assert len(csv_rows(client.get(PAPERS, {"format": "csv"}))) == 1 + 513


# A paper and the modality comparison --------------------------------------------------------------------


def test_a_paper_page_says_where_the_review_cites_it(client, imported):
    page = text(client.get(MEI))
    assert "<h1>Artificial intelligence–enabled rapid diagnosis of patients with COVID-19</h1>" in page
    assert "[15] in the review’s reference list" in page
    assert f'<a href="{OVERVIEW}#most-ai-solutions-for-covid-19-have-low-maturity">' in page
    assert f'<a href="{OVERVIEW}#diagnosis">Diagnosis</a>' in page  # "…identified in 68% of the cases [15]"
    body = client.get(MEI, {"format": "json"}).json()
    assert body["reference"] == 15 and body["review"] == f"http://testserver{OVERVIEW}"
    assert client.get(MEI, {"format": "xml"}).status_code == 400


def test_the_modality_comparison_is_a_table_with_modalities_as_columns(client, imported):
    page = re.sub(r"\s+", " ", text(client.get(MODALITIES)))
    assert '<tr><td></td><th scope="col">CT</th><th scope="col">CXR</th><th scope="col">LUS</th></tr>' in page
    assert '<caption id="comparison-caption">Table 2. Differences between the imaging modalities.</caption>' in page
    assert '<th scope="row">Benefit</th> <td>High sensitivity, high specificity</td>' in page
    assert '<th scope="row">Drawback</th> <td><ul><li>Patient transportation</li><li>Low availability</li>' in page
    assert '<th scope="row">Clinical role</th>' in page
    body = client.get(MODALITIES, {"format": "json"}).json()
    assert [m["modality"] for m in body["modalities"]] == ["ct", "cxr", "lus"]
    assert [row["aspect"] for row in body["rows"]] == ["benefit", "drawback", "clinical-role"]
    assert body["rows"][2]["cells"]["lus"] == ["Triage", "Point-of-care monitoring for specific tasks"]
    assert client.get(MODALITIES, {"format": "csv"}).status_code == 400


def test_the_detail_pages_stay_within_ten_queries(client, imported, django_assert_max_num_queries):
    bulk_papers(imported, 500, start=100)
    for url in (MEI, MODALITIES, f"{MODALITIES}?format=json", f"{MEI}?format=json"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_a_review_made_in_admin_without_parts_still_has_its_pages(client):
    review = make_review(slug="bare")
    make_paper(review, title="Lung ultrasound for triage", reference=None, modality="lus")
    make_section(review, 1, heading="Introduction", text="Nothing cited here.")
    assert client.get("/reviews/bare/").status_code == 200
    assert '<h3 id="introduction">Introduction</h3>' in text(client.get("/reviews/bare/"))
    assert client.get("/reviews/bare/papers/").context["result_count"] == 1
    assert "This review has no modality comparison." in text(client.get("/reviews/bare/modalities/"))


@pytest.mark.parametrize("sort", ["reference", "-reference"])
def test_papers_without_a_reference_sort_last_either_way_on_every_database(client, sort):
    from reviews.models import Paper, Review

    review = Review.objects.create(slug="r", title="R")
    for n, reference in enumerate([3, None, 1]):
        Paper.objects.create(review=review, title=f"P{n}", first_author="A", reference=reference,
                             task="diagnosis", modality="ct", maturity="high")  # fmt: skip
    rows = client.get(f"/reviews/r/papers/?sort={sort}&format=json").json()["results"]
    references = [row["reference"] for row in rows]
    assert references == ([1, 3, None] if sort == "reference" else [3, 1, None])
