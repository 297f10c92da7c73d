"""kb_site's list machinery, on a small test-only collection (tests/listapp)."""

import csv
import io

import pytest

from kb_site.cache import bump
from kb_site.postings import Ordering
from tests.listapp.models import Gadget, Label

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.listapp.urls")]

URL = "/gadgets/"


@pytest.fixture
def gadgets():
    red, round_ = Label.objects.create(slug="red-ish", name="Reddish"), Label.objects.create(slug="round", name="Round")
    made = []
    for i in range(12):
        colour = ["red", "green", "blue"][i % 3]
        g = Gadget.objects.create(name=f"Gadget {i:02d}", colour=colour, size=i)
        if i % 2 == 0:
            g.labels.add(round_)
        if colour == "red":
            g.labels.add(red)
        made.append(g)
    Gadget.objects.create(name="Hidden gadget", colour="red", size=99, is_published=False)
    Gadget.objects.create(name="Ёлка ПРИВЕТ", colour="green", size=3)
    return made


def names(response):
    return [g.name for g in response.context["entries"]]


def test_the_first_page_holds_page_size_entries_and_links_onwards(client, gadgets):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["result_count"] == 13
    assert names(response) == ["Gadget 00", "Gadget 01", "Gadget 02", "Gadget 03", "Gadget 04"]
    assert response.context["next_url"] == "/gadgets/?page=2"
    assert response.context["previous_url"] is None


def test_orphans_join_the_last_page_and_a_page_past_the_end_is_404(client, gadgets):
    assert len(names(client.get(URL, {"page": 3}))) == 3
    assert client.get(URL, {"page": 4}).status_code == 404


def test_a_page_that_is_not_a_number_is_a_400(client, gadgets):
    response = client.get(URL, {"page": "abc"})
    assert response.status_code == 400
    assert "page must be a whole number" in response.content.decode()


def test_unpublished_entries_never_appear(client, gadgets):
    all_names = client.get(URL, {"format": "json", "page_size": 500}).json()
    assert "Hidden gadget" not in [r["name"] for r in all_names["results"]]
    assert "Hidden gadget" not in client.get(URL, {"format": "csv"}).getvalue().decode()


def test_filters_combine_and_pagination_links_keep_them(client, gadgets):
    response = client.get(URL, {"colour": "red", "label": "round"})
    assert names(response) == ["Gadget 00", "Gadget 06"]
    response = client.get(URL, {"label": ["round", "red-ish"]})
    assert names(response) == ["Gadget 00", "Gadget 06"]  # repeatable: entries having all of them
    response = client.get(URL, {"label": "round", "sort": "-size", "page_size": 2})
    assert names(response) == ["Gadget 10", "Gadget 08"]
    assert response.context["next_url"] == "/gadgets/?label=round&page=2&page_size=2&sort=-size"


def test_text_search_is_case_insensitive_in_every_alphabet(client, gadgets):
    assert names(client.get(URL, {"q": "привет"})) == ["Ёлка ПРИВЕТ"]
    assert names(client.get(URL, {"q": "ЕЛКА"})) == ["Ёлка ПРИВЕТ"]
    assert names(client.get(URL, {"q": "GADGET 11"})) == ["Gadget 11"]


def test_facet_counts_are_computed_on_the_filtered_list(client, gadgets):
    response = client.get(URL, {"label": "round"})
    facets = {group.param: group for group in response.context["facets"]}
    colours = {o.value: o.count for o in facets["colour"].options}
    assert colours == {"red": 2, "green": 2, "blue": 2}
    labels = {o.value: (o.label, o.count, o.selected) for o in facets["label"].options}
    assert labels == {"round": ("Round", 6, True), "red-ish": ("Reddish", 2, False)}
    option = next(o for o in facets["label"].options if o.value == "red-ish")
    assert option.url == "/gadgets/?label=round&label=red-ish"  # adds to the repeatable parameter
    selected = next(o for o in facets["label"].options if o.value == "round")
    assert selected.url == "/gadgets/"  # a selected option's link removes it


def test_facet_links_drop_the_page_and_show_labels_of_choices(client, gadgets):
    response = client.get(URL, {"page": 2})
    colour = next(g for g in response.context["facets"] if g.param == "colour")
    red = next(o for o in colour.options if o.value == "red")
    assert red.label == "Red" and red.url == "/gadgets/?colour=red"


def test_json_has_count_next_previous_and_results(client, gadgets):
    body = client.get(URL, {"format": "json", "colour": "green", "page_size": 1, "page": 2}).json()
    assert body["count"] == 5
    assert body["next"] == "http://testserver/gadgets/?colour=green&format=json&page=3&page_size=1"
    assert body["previous"] == "http://testserver/gadgets/?colour=green&format=json&page=1&page_size=1"
    g04 = Gadget.objects.get(name="Gadget 04")
    assert body["results"] == [
        {"url": f"http://testserver/gadgets/{g04.pk}/", "name": "Gadget 04", "colour": "green", "labels": ["round"]},
    ]


@pytest.mark.parametrize("size", ["0", "501", "ten", "-1"])
def test_a_page_size_outside_1_to_500_is_a_400(client, gadgets, size):
    response = client.get(URL, {"format": "json", "page_size": size})
    assert response.status_code == 400
    assert "page_size must be a whole number from 1 to 500" in response.json()["messages"][0]


def test_csv_streams_every_matching_row_not_just_a_page(client, gadgets):
    response = client.get(URL, {"format": "csv", "label": "round"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="gadgets.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["name", "colour", "size"]
    assert len(rows) == 1 + 6


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"colour": "purple"}, "colour: Select a valid choice. purple is not one of the available choices."),
        ({"size_min": "big"}, "size_min: Enter a number."),
        ({"sort": "price"}, "sort: Select a valid choice. price is not one of the available choices."),
        ({"format": "xml"}, "format must be one of html, json, csv, not 'xml'."),
    ],
)
def test_an_invalid_parameter_is_a_readable_400_in_html(client, gadgets, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert "That request could not be understood" in page
    assert message.replace("'", "&#x27;") in page


def test_an_invalid_parameter_is_a_readable_400_in_json(client, gadgets):
    response = client.get(URL, {"colour": "purple", "format": "json"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "bad request",
        "messages": ["colour: Select a valid choice. purple is not one of the available choices."],
        "errors": {"colour": ["Select a valid choice. purple is not one of the available choices."]},
    }


def test_an_overlong_query_is_a_400(client, gadgets):
    assert client.get(URL, {"q": "x" * 201}).status_code == 400


def test_query_count_stays_small_whatever_the_table_size(client, gadgets, django_assert_max_num_queries):
    labels = [Label.objects.create(slug=f"l{i}", name=f"L{i}") for i in range(30)]
    for i in range(200):
        g = Gadget.objects.create(name=f"Bulk {i:03d}", colour="blue", size=i)
        g.labels.add(*labels[i % 30 : i % 30 + 3])
    # count, page, labels prefetch, the collection version, two facet queries, the list's order (once per version)
    with django_assert_max_num_queries(7):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(URL, {"format": "json", "page_size": 500}).status_code == 200


def test_cached_counts_and_facets_are_reused_until_the_collection_changes(client, gadgets, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(3):  # version, page, labels prefetch: the count and facets come from the cache
        client.get(URL)


def test_deep_pages_fetch_their_ids_first_and_show_the_same_entries(client, gadgets, monkeypatch):
    shallow = names(client.get(URL, {"page": 3, "sort": "-size"}))
    monkeypatch.setattr("kb_site.listing.DEEP_PAGE_OFFSET", 0)
    deep = names(client.get(URL, {"page": 3, "sort": "-size"}))
    assert deep == shallow and len(deep) == 3  # the last page, its orphan included, in the same order


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page": 2},
        {"sort": "-size"},
        {"sort": "size", "page": 3},
        {"colour": "red"},
        {"label": "round", "sort": "-name"},
        {"q": "gadget", "page": 2},
        {"size_min": "4", "sort": "-size", "page": 2},
    ],
)
def test_a_page_walked_from_the_lists_order_is_the_page_the_database_finds(client, gadgets, monkeypatch, params):
    """The HTML page's rows come from the ids of the list's order the filtered ids hold (Listing.ordered_page,
    kb_site.postings.Ordering); the database, asked for the same page, finds the same entries in the same order."""
    walked = []
    original = Ordering.page
    monkeypatch.setattr(Ordering, "page", lambda self, *args: walked.append(args) or original(self, *args))
    from_ordering = names(client.get(URL, params))
    assert walked, "the page was not walked from the ordering"
    monkeypatch.setattr("kb_site.listing.Listing.ordered_page", lambda *args: None)
    assert names(client.get(URL, params)) == from_ordering and from_ordering


def test_a_new_entry_is_on_the_page_at_once(client, gadgets):
    """The ordering is kept per collection version: an entry added since is in the next reader's page."""
    client.get(URL)
    Gadget.objects.create(name="Gadget 00a", colour="red", size=1)
    bump("listapp")
    assert names(client.get(URL))[:2] == ["Gadget 00", "Gadget 00a"]


def test_a_search_counts_only_published_entries(client, gadgets):
    """`q` is answered from the index's matches (unpublished ones too) and the list's own ids."""
    response = client.get(URL, {"q": "gadget"})
    assert response.context["result_count"] == 12
    assert "Hidden gadget" not in names(client.get(URL, {"q": "gadget", "page": 3}))
    assert client.get(URL, {"q": "hidden"}).context["result_count"] == 0
