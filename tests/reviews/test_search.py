"""The site-wide search hook over the reviews: published entries only, title matches first, on both databases."""

import pytest
from django.apps import apps

from reviews.models import Paper, Review, Section
from tests.reviews.factories import make_paper, make_review, make_section

pytestmark = pytest.mark.django_db


def search(query, **kwargs):
    found = apps.get_app_config("reviews").search(query, **kwargs)
    return found.total, found.results


@pytest.fixture
def library():
    review = make_review(slug="lungs", title="Imaging the lungs")
    make_section(review, 1, heading="Introduction", text="We compare ultrasound with CT for pneumonia in children.")
    make_section(review, 2, heading="Ultrasound at the bedside", text="Portable devices help in triage.")
    make_paper(review, title="Lung ultrasound for triage", first_author="Rossi", reference=3, modality="lus")
    make_paper(review, title="Chest CT in pneumonia", first_author="Ultrason", reference=4)
    hidden = make_review(slug="hidden", title="Hidden review", is_published=False)
    make_section(hidden, 1, heading="Ultrasound everywhere", text="Ultrasound ultrasound ultrasound.")
    make_paper(hidden, title="Ultrasound in a hidden review")
    make_paper(review, title="Ultrasound paper not yet published", is_published=False)
    return review


def test_title_and_heading_matches_rank_before_body_only_matches(library):
    total, results = search("ultrasound")
    assert total == 3
    titles = [r["title"] for r in results]
    assert set(titles[:2]) == {"Lung ultrasound for triage", "Ultrasound at the bedside"}
    assert titles[2] == "Introduction"


def test_every_word_must_match(library):
    assert [r["title"] for r in search("ultrasound children")[1]] == ["Introduction"]
    # both words in the title first; one in the heading and one in the text after
    assert [r["title"] for r in search("ultrasound triage")[1]] == [
        "Lung ultrasound for triage",
        "Ultrasound at the bedside",
    ]
    assert search("ultrasound kangaroo") == (0, [])


def test_unpublished_reviews_and_papers_are_never_found(library):
    _, results = search("hidden")
    assert results == []
    titles = [r["title"] for r in search("ultrasound")[1]]
    assert "Ultrasound paper not yet published" not in titles and "Ultrasound everywhere" not in titles


def test_results_carry_title_url_sanitized_snippet_and_meta(library):
    _, results = search("triage ultrasound")
    paper = Paper.objects.get(title="Lung ultrasound for triage")
    assert results[0]["url"] == paper.get_absolute_url()
    assert "<mark>" in results[0]["snippet"].lower() and "<script" not in results[0]["snippet"]
    assert results[0]["meta"] == "Paper by Rossi et al., cited as [3] in “Imaging the lungs” · Diagnosis · LUS"
    assert results[0]["kind"] == "Paper"
    _, results = search("bedside")
    assert results[0]["url"] == "/reviews/lungs/#ultrasound-at-the-bedside"
    assert results[0]["meta"] == "Section of the review “Imaging the lungs”"
    assert results[0]["kind"] == "Section of the review"


def test_the_counts_say_how_many_papers_and_how_many_sections_matched(library):
    found = apps.get_app_config("reviews").search("ultrasound")
    assert [(kind.plural, n) for kind, n in found.kinds] == [("papers", 1), ("sections of a review", 2)]
    assert found.summary() == "1 paper and 2 sections of a review"


def test_snippets_escape_what_the_text_holds(library):
    make_section(library, 3, heading="Statistics", text="Significant at p<0.05 and <script>alert(1)</script> here.")
    _, results = search("statistics")
    assert "<script>" not in results[0]["snippet"]


def test_offset_and_limit_page_through_the_results(library):
    total, first = search("ultrasound", limit=2)
    _, rest = search("ultrasound", offset=2, limit=2)
    assert total == 3 and len(first) == 2 and len(rest) == 1
    assert {r["url"] for r in first}.isdisjoint({r["url"] for r in rest})


def test_an_empty_query_finds_nothing(library):
    assert search("   ") == (0, [])


def test_the_search_stays_within_four_queries(library, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        search("ultrasound")


def test_the_seed_is_searchable(imported):
    total, results = search("severity")
    assert total >= 5
    assert results[0]["title"] in {
        "Severity Assessment",
        "Determination of disease severity in COVID-19 patients using deep learning in chest X-ray images",
        "Automated Assessment of CO-RADS and Chest CT Severity Scores in Patients with Suspected COVID-19 Using "
        "Artificial Intelligence",
    }
    assert Section.objects.filter(review=imported).count() == 20 and Review.objects.count() == 1


def test_a_bulk_update_is_searchable_at_once_on_every_database(library):
    """QuerySet.update() of a searched field refreshes the search columns; the database's trigger the index."""
    from django.db import connection

    Paper.objects.filter(title="Chest CT in pneumonia").update(title="Chest CT in bronchiolitis")
    assert [r["title"] for r in search("bronchiolitis")[1]] == ["Chest CT in bronchiolitis"]
    assert search("pneumonia")[1][0]["title"] == "Introduction"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'reviews_%%_search_gin'")
            assert sorted(row[0] for row in cursor.fetchall()) == [
                "reviews_paper_search_gin",
                "reviews_review_search_gin",
                "reviews_section_search_gin",
            ]
