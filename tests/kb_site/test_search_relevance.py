"""Search on the real seeds: a labelled table of queries, answered alike on SQLite and PostgreSQL.

The suite runs on both databases (make test), so every row here is checked on each: the
same entries, in every collection, for the same query.
"""

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CAIO = "Chief AI Officer"
# post positions in the seed that say "Линкедине" / "линкедине" / "Линкедина"
LINKEDIN_POSTS = {7, 9, 13}


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_seeds", verbosity=0)
        yield
        for label in ("posts", "roles", "reviews"):
            for model in reversed(list(apps.get_app_config(label).get_models())):
                model._base_manager.all().delete()


def found(label, query):
    return apps.get_app_config(label).search(query, limit=100)


def titles(label, query):
    return [r["title"] for r in found(label, query).results]


def post_positions(query):
    from posts.models import Post

    ids = [int(r["url"].split("/")[2]) for r in found("posts", query).results]
    return set(Post.objects.filter(pk__in=ids).values_list("position", flat=True))


# query -> how many entries each collection finds (roles, posts, papers + sections of the review)
SHARED_TABLE = [
    ("AI leadership", (2, 0, 0)),
    ("ai", (5, 1, 18)),
    ('"chief ai officer"', (1, 0, 0)),
    ('"officer chief"', (0, 0, 0)),
    ("ai -officer", (4, 1, 18)),
    ("grok OR linkedin", (0, 4, 0)),
    ("kubernetes OR devops", (2, 0, 0)),
    ("severity -segmentation", (1, 0, 8)),
    ("covid-19 ct", (0, 0, 22)),
    ('ai "machine learning"', (5, 0, 0)),
    ("Линкедина", (0, 3, 0)),
    ("стартапов", (0, 9, 0)),
    ("Product Hunt", (0, 2, 0)),
    ("tailored", (0, 0, 1)),
    ("rain", (0, 0, 0)),
    ("NEAR(chief, officer) *", (0, 0, 0)),
]


@pytest.mark.parametrize(("query", "counts"), SHARED_TABLE)
def test_the_same_query_finds_the_same_entries_on_every_database(seeds, query, counts):
    assert tuple(found(label, query).total for label in ("roles", "posts", "reviews")) == counts


# query, collection, the entry that must come first
FIRST = [
    ("AI leadership", "roles", CAIO),
    ("chief officer", "roles", CAIO),
    ("salary ranges", "roles", CAIO),
    ("kubernetes", "roles", "AI/ML DevOps Engineer"),
    ("Grok", "posts", "Grok в телеге."),
    ("лидмагниты", "posts", "Первый опыт с лидмагнитом в Linkedin"),
    ("Dual-Sampling Attention", "reviews", "Dual-Sampling Attention Network for Diagnosis of COVID-19 from Community"),
]


@pytest.mark.parametrize(("query", "label", "title"), FIRST)
def test_the_best_entry_comes_first(seeds, query, label, title):
    assert titles(label, query)[0].startswith(title)


@pytest.mark.parametrize("word", ["rain", "tail", "mai", "air"])
def test_a_word_found_only_inside_other_words_matches_nothing(seeds, word):
    """ "rain" is inside "training", "tail" inside "tailored": neither is a word of the seeds."""
    assert [found(label, word).total for label in ("roles", "posts", "reviews")] == [0, 0, 0]


def test_ai_never_marks_letters_inside_a_word(seeds):
    snippets = " ".join(r["snippet"] for label in ("roles", "posts", "reviews") for r in found(label, "AI").results)
    assert "<mark>AI</mark>" in snippets
    for inside in ("Tr<mark>ai</mark>", "t<mark>ai</mark>lored", "<mark>Ai</mark>rbnb", "m<mark>ai</mark>nt"):
        assert inside not in snippets


def test_russian_forms_find_each_other(seeds):
    assert post_positions("Линкедина") == post_positions("ЛИНКЕДИНЕ") == LINKEDIN_POSTS
    assert post_positions("стартап") == post_positions("стартапов")


def test_results_name_their_kind(seeds):
    kinds = {r["kind"] for r in found("reviews", "severity").results}
    assert kinds == {"Paper", "Section of the review"}
    assert {r["kind"] for r in found("roles", "ai").results} == {"Career role"}
    assert {r["kind"] for r in found("posts", "стартап").results} == {"Post"}
    counted = found("reviews", "severity")
    papers, sections = (n for _, n in counted.kinds)
    assert papers + sections == counted.total and papers == 5


def test_the_page_counts_only_the_collections_that_matched(client, seeds):
    page = client.get("/search/", {"q": "grok OR linkedin"}).content.decode()
    assert "4 results, all in founder posts." in page
    page = client.get("/search/", {"q": "ai"}).content.decode()
    assert "24 results across 3 collections." in page
    assert "All results: 1 paper and 17 sections of a review" in page


@pytest.mark.parametrize("query", ["", "ai", "severity"])
def test_public_pages_say_nothing_of_the_database_engine(client, seeds, query):
    page = client.get("/search/", {"q": query}).content.decode().lower()
    assert "postgresql" not in page and "sqlite" not in page
