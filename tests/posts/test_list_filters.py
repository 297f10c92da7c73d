"""The post list's filters as a reader uses them: a tag page marks its tag, filters show as chips,
choices match in any case, and a page past the end leads back."""

import pytest

pytestmark = pytest.mark.django_db


def facet(response, param):
    return next(group for group in response.context["facets"] if group.param == param)


def test_a_tag_page_marks_its_tag_in_the_facet_the_cards_and_a_chip(client, seeded_posts):
    response = client.get("/posts/tags/genai/", {"forwarded": "false"})
    current = [o for o in facet(response, "tag").options if o.current]
    assert [(o.label, o.selected, o.url) for o in current] == [("genAI", True, "/posts/?forwarded=false")]
    chips = [(chip.title, chip.label, chip.remove_url) for chip in response.context["active_filters"]]
    assert chips[0] == ("Hashtags", "genAI", "/posts/?forwarded=false")
    page = response.content.decode()
    assert page.count('<a class="tag current" href="/posts/tags/genai/" aria-current="page">#genAI</a>') == 2
    assert 'class="selected current" aria-current="page"' in page


def test_on_the_list_no_tag_is_marked_current(client, seeded_posts):
    page = client.get("/posts/", {"tag": "genai"}).content.decode()
    assert 'class="tag current"' not in page and 'aria-current="page">' not in page.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ({"forwarded": "TRUE"}, {"forwarded": "true"}),
        ({"forwarded": "False"}, {"forwarded": "false"}),
        ({"sort": "Reactions"}, {"sort": "reactions"}),
        ({"sort": "most reactions"}, {"sort": "reactions"}),
        ({"tag": "#GENAI"}, {"tag": "genai"}),
    ],
)
def test_choices_match_their_value_or_label_in_any_case(client, seeded_posts, written, canonical):
    response = client.get("/posts/", written)
    assert response.status_code == 200
    expected = client.get("/posts/", canonical).context["entries"]
    assert [post.pk for post in response.context["entries"]] == [post.pk for post in expected]


def test_the_filters_in_force_are_chips_with_readable_labels(client, seeded_posts):
    response = client.get("/posts/", {"tag": "стартапы", "forwarded": "false", "min_reactions": "5", "q": "пост"})
    chips = [(chip.title, chip.label) for chip in response.context["active_filters"]]
    assert chips == [
        ("Search", "“пост”"),
        ("Hashtags", "стартапы"),
        ("Minimum reactions", "5"),
        ("Forwarded", "The channel's own posts only"),
    ]


def test_a_page_past_the_end_of_a_tag_page_links_to_its_last_page(client, seeded_posts):
    response = client.get("/posts/tags/genai/", {"page": 5})
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no page 5: this list has 1 page." in page
    assert '<a href="/posts/tags/genai/">Go to the last page (page 1)</a>' in page
