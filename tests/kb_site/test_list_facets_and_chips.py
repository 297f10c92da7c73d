"""What every list shows about its filters (kb_site.listing), on the test-only collection (tests/listapp):
facets with "Show all (N)", the filters in force as removable chips, forgiving choice values, and a page
past the end that leads back to the last page."""

import pytest

from tests.listapp.models import Gadget, Label

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.listapp.urls")]

URL = "/gadgets/"


@pytest.fixture
def gadgets():
    """Labels used by 4, 3, 2 and 1 gadgets (the label facet shows its top 2)."""
    labels = [Label.objects.create(slug=f"label-{n}", name=f"Label {n}") for n in range(1, 5)]
    for i in range(6):
        gadget = Gadget.objects.create(name=f"Gadget {i}", colour=["red", "green", "blue"][i % 3], size=i)
        gadget.labels.set(labels[: max(0, 4 - i)])
    return labels


def facet(response, param):
    return next(group for group in response.context["facets"] if group.param == param)


def values(group):
    return [(option.label, option.count) for option in group.options]


def test_a_facet_shows_its_top_values_and_says_how_many_there_are_in_all(client, gadgets):
    response = client.get(URL)
    labels = facet(response, "label")
    assert values(labels) == [("Label 1", 4), ("Label 2", 3)]
    assert labels.total == 4
    assert labels.show_all_url == "/gadgets/?show_all=label"
    page = response.content.decode()
    assert (
        '<a href="/gadgets/?show_all=label#facet-label">Show all<span class="visually-hidden"> labels</span> (4)</a>'
        in page
    )


def test_show_all_lists_every_value_with_its_count_and_offers_fewer(client, gadgets):
    response = client.get(URL, {"show_all": "label", "colour": "red"})
    labels = facet(response, "label")
    # counted on the filtered list: Gadget 0 (labels 1 to 4) and Gadget 3 (label 1) are red
    assert values(labels) == [("Label 1", 2), ("Label 2", 1), ("Label 3", 1), ("Label 4", 1)]
    response = client.get(URL, {"show_all": "label"})
    labels = facet(response, "label")
    assert values(labels) == [("Label 1", 4), ("Label 2", 3), ("Label 3", 2), ("Label 4", 1)]
    assert labels.show_all_url is None and labels.show_fewer_url == "/gadgets/"
    # the options keep the expansion, so a reader can pick one value after another from the whole list
    assert labels.options[3].url == "/gadgets/?label=label-4&show_all=label"


def test_a_facet_with_no_more_values_than_it_shows_has_no_show_all_link(client, gadgets):
    colours = facet(client.get(URL), "colour")
    assert colours.total == 3 and colours.show_all_url is None and colours.show_fewer_url is None


def test_a_selected_value_below_the_cut_stays_in_its_facet_to_be_removed(client, gadgets):
    response = client.get(URL, {"label": "label-1", "colour": "red"})
    assert [o.label for o in facet(response, "label").options] == ["Label 1", "Label 2"]
    response = client.get(URL, {"label": "label-3"})
    labels = facet(response, "label")
    assert [(o.label, o.selected) for o in labels.options] == [
        ("Label 1", False),
        ("Label 2", False),
        ("Label 3", True),
    ]


@pytest.mark.parametrize("value", ["size", "", "LABEL"])
def test_show_all_naming_no_facet_is_a_400(client, gadgets, value):
    response = client.get(URL, {"show_all": value, "format": "json"})
    assert response.status_code == 400
    assert response.json()["messages"] == [f"show_all must be one of colour, label, not {value!r}."]


def test_every_filter_in_force_is_a_chip_that_removes_only_itself(client, gadgets):
    params = {"q": "gadget", "colour": "red", "label": ["label-1", "label-2"], "size_min": "0", "page": "1"}
    response = client.get(URL, params)
    chips = [(chip.title, chip.label, chip.remove_url) for chip in response.context["active_filters"]]
    assert chips == [
        ("Search", "“gadget”", "/gadgets/?colour=red&label=label-1&label=label-2&size_min=0"),
        ("Colour", "Red", "/gadgets/?label=label-1&label=label-2&q=gadget&size_min=0"),
        ("Labels", "Label 1", "/gadgets/?colour=red&label=label-2&q=gadget&size_min=0"),
        ("Labels", "Label 2", "/gadgets/?colour=red&label=label-1&q=gadget&size_min=0"),
        ("Size at least", "0", "/gadgets/?colour=red&label=label-1&label=label-2&q=gadget"),
    ]
    page = response.content.decode()
    assert 'aria-label="Filters in force"' in page
    assert '<span class="chip-title">Colour:</span> Red <span class="chip-remove" aria-hidden="true">×</span>' in page


def test_sorting_paging_and_empty_values_are_no_chips(client, gadgets):
    response = client.get(URL, {"sort": "-size", "page": "1", "page_size": "2", "q": " ", "show_all": "label"})
    assert response.context["active_filters"] == []
    assert 'aria-label="Filters in force"' not in response.content.decode()


def test_a_chip_shows_a_large_number_with_separators(client, gadgets):
    chip = client.get(URL, {"size_min": "1500000"}).context["active_filters"][0]
    assert chip.label == "1,500,000"


@pytest.mark.parametrize("written", ["red", "RED", "Red", " rEd "])
def test_a_choice_matches_its_value_or_label_in_any_case(client, gadgets, written):
    response = client.get(URL, {"colour": written})
    assert response.status_code == 200
    assert [g.name for g in response.context["entries"]] == ["Gadget 0", "Gadget 3"]
    assert response.context["active_filters"][0].label == "Red"


@pytest.mark.parametrize("written", ["-SIZE", "-Size"])
def test_a_sort_value_matches_in_any_case(client, gadgets, written):
    response = client.get(URL, {"sort": written})
    assert [g.name for g in response.context["entries"]][:2] == ["Gadget 5", "Gadget 4"]


def test_export_links_carry_the_filters_but_not_the_page_or_the_expanded_facet(client, gadgets):
    context = client.get(URL, {"colour": "red", "q": "gadget", "page": "1", "show_all": "label"}).context
    assert context["json_url"] == "/gadgets/?colour=red&format=json&q=gadget"
    assert context["csv_url"] == "/gadgets/?colour=red&format=csv&q=gadget"


def test_a_page_past_the_end_says_how_many_pages_there_are_and_links_to_the_last(client, gadgets):
    Gadget.objects.bulk_create(Gadget(name=f"More {i}", colour="red") for i in range(8))  # 14: pages of 5, 5, 4
    response = client.get(URL, {"page": 9, "colour": "red"})  # 2 + 8 red gadgets: two pages
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no page 9: this list has 2 pages." in page
    assert '<a href="/gadgets/?colour=red&amp;page=2">Go to the last page (page 2)</a>' in page


def test_a_page_past_the_end_in_json_gives_the_number_of_pages_and_the_last_pages_address(client, gadgets):
    response = client.get(URL, {"page": 3, "format": "json", "colour": "red"})
    assert response.status_code == 404
    assert response.json() == {
        "error": "not found",
        "messages": ["There is no page 3: this list has 1 page."],
        "num_pages": 1,
        "last_page": "http://testserver/gadgets/?colour=red&format=json",
    }


def test_an_empty_list_has_one_page_and_page_two_leads_back_to_it(client, gadgets):
    response = client.get(URL, {"page": 2, "q": "nothing matches this"})
    assert response.status_code == 404
    assert "this list has 1 page." in response.content.decode()
    assert '<a href="/gadgets/?q=nothing+matches+this">' in response.content.decode()


def test_a_deep_page_costs_no_query_more_than_the_first_and_keeps_the_order(client, gadgets):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Gadget.objects.bulk_create(Gadget(name=f"Bulk {i:04d}", colour="blue", size=i) for i in range(1100))
    counts = {}
    for page in (1, 210):  # page 210 starts past DEEP_PAGE_OFFSET: its ids come from a subquery
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"page": page, "sort": "-size"})
        counts[page] = len(queries)
    assert counts[210] == counts[1]
    sizes = [gadget.size for gadget in response.context["entries"]]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 5
