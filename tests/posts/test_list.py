"""/posts/: cards, every filter, facets, sorting, pagination, JSON, CSV, 400s and the query bound."""

import csv
import io

import pytest

from posts.models import Post
from tests.posts.factories import bulk_posts, make_post

pytestmark = pytest.mark.django_db

URL = "/posts/"


def positions(client, **params):
    response = client.get(URL, {"format": "json", "page_size": 500, **params})
    assert response.status_code == 200, response.content
    return [Post.objects.get(pk=result["id"]).position for result in response.json()["results"]]


def facet(response, param):
    group = next(g for g in response.context["facets"] if g.param == param)
    return {option.value: option.count for option in group.options}


def test_the_list_shows_cards_with_headline_excerpt_tags_reactions_and_badges(client, seeded_posts):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["result_count"] == 16
    assert page.count('class="card post-card') == 16
    assert "<h1>Founder posts</h1>" in page
    assert "Обновили 2pr.io</a>" in page
    assert "Для тех кто приходит с идеей драфта поста сразу" in page  # the excerpt
    assert 'href="/posts/tags/2pr-io/">#2pr.io</a>' in page
    # each reaction keeps its name in words: read by screen readers, and seen where no emoji font is
    assert (
        '<span class="reaction-emoji" aria-hidden="true">❤</span> <span class="reaction-name">red heart</span> '
        '<span class="reaction-count">9</span>'
    ) in page
    assert "post 2 of its source" not in page
    assert page.count('Forwarded from <span lang="ru">Русский венчур</span></span>') == 2
    assert page.count('class="badge badge-media">Media</span>') == 1
    assert 'type="application/rss+xml"' in page and 'href="/posts/feed/"' in page


def test_cards_are_in_source_order_by_default_when_the_source_gives_no_dates(client, seeded_posts):
    assert positions(client) == list(range(1, 17))


def test_q_is_case_insensitive_for_cyrillic(client, seeded_posts):
    assert positions(client, q="ЛИНКЕДИНЕ") == [7, 9, 13]
    assert positions(client, q="венчур") == positions(client, q="ВЕНЧУР")
    assert 15 in positions(client, q="ВЕНЧУР")


def test_q_needs_every_word(client, seeded_posts):
    assert positions(client, q="Airbnb IPO") == [12]
    assert positions(client, q="Airbnb Deepseek") == []


def test_tag_is_repeatable_and_means_all_of_them_in_any_case(client, seeded_posts):
    assert positions(client, tag="linkedin") == [7, 9, 13]
    assert positions(client, tag=["LinkedIn", "GENAI"]) == [13]
    assert positions(client, tag=["#стартапы", "Венчур"]) == [12, 14]


def test_tag_accepts_a_slug_and_an_unknown_tag_matches_nothing(client, seeded_posts):
    assert positions(client, tag="2pr-io") == positions(client, tag="2pr.io") == [2]
    assert positions(client, tag="нет-такого") == []


def test_a_tag_or_reaction_no_post_has_is_an_empty_list_with_a_notice(client, seeded_posts):
    body = client.get(URL, {"format": "json", "tag": ["linkedin", "#НетТакого"], "reaction": "🦄"}).json()
    assert body["count"] == 0
    assert body["notices"] == [
        "No post is tagged #неттакого, so nothing matches it.",
        "No post received the reaction 🦄 (unicorn), so nothing matches it.",
    ]
    page = client.get(URL, {"tag": "нет-такого"}).content.decode()
    assert "No post is tagged #нет-такого, so nothing matches it." in page
    assert client.get(URL, {"format": "json", "tag": "linkedin"}).json()["notices"] == []


def test_reaction_takes_an_emoji_with_or_without_variation_selector(client, seeded_posts):
    assert positions(client, reaction="❤️") == positions(client, reaction="❤") == [1, 2, 3, 7, 9, 10, 11]
    assert positions(client, reaction="🤯") == [4]


def test_reaction_takes_the_emojis_name_in_any_case(client, seeded_posts):
    assert positions(client, reaction="Red Heart") == positions(client, reaction="red_heart") == [1, 2, 3, 7, 9, 10, 11]
    assert positions(client, reaction="EXPLODING HEAD") == [4]


def test_min_reactions_keeps_posts_with_at_least_that_many(client, seeded_posts):
    assert positions(client, min_reactions=20) == [6, 9, 11, 12]
    assert positions(client, min_reactions=0) == list(range(1, 17))


def test_forwarded_true_and_false(client, seeded_posts):
    assert positions(client, forwarded="true") == [15, 16]
    assert positions(client, forwarded="false") == list(range(1, 15))


def test_sort_by_most_reactions(client, seeded_posts):
    assert positions(client, sort="reactions")[:4] == [11, 9, 6, 12]
    assert positions(client, sort="source") == list(range(1, 17))


def test_filters_combine(client, seeded_posts):
    assert positions(client, tag="стартапы", reaction="❤", sort="reactions") == [9, 1, 2, 3]
    assert positions(client, q="стартап", forwarded="true", min_reactions=17) == [16]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"reaction": "abc"}, "reaction: Enter one emoji, such as 🔥, or its name, such as fire; not &#x27;abc&#x27;."),
        ({"min_reactions": "-1"}, "min_reactions: Ensure this value is greater than or equal to 0."),
        ({"min_reactions": "many"}, "min_reactions: Enter a whole number."),
        ({"forwarded": "maybe"}, "forwarded: Select a valid choice. maybe is not one of the available choices."),
        ({"sort": "date"}, "sort: Select a valid choice. date is not one of the available choices."),
        ({"page": "0"}, "page must be a whole number from 1"),
        ({"page_size": "501"}, "page_size must be a whole number from 1 to 500"),
        ({"format": "xml"}, "format must be one of html, json, csv"),
        ({"q": "x" * 201}, "q: Ensure this value has at most 200 characters"),
        ({"tag": ["t"] * 21}, "tag: At most 20 values may be given."),
    ],
)
def test_a_bad_parameter_is_a_readable_400(client, seeded_posts, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_bad_parameter_asked_as_json_is_a_json_400(client, seeded_posts):
    response = client.get(URL, {"forwarded": "yes", "format": "json"})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "forwarded": ["Select a valid choice. yes is not one of the available choices."]
    }


def test_pages_keep_the_filters_and_a_page_past_the_end_is_a_404(client, seeded_posts):
    response = client.get(URL, {"page_size": 2, "tag": "стартапы", "page": 2})
    assert [p.position for p in response.context["entries"]] == [3, 9]
    assert (
        response.context["next_url"]
        == "/posts/?page=3&page_size=2&tag=%D1%81%D1%82%D0%B0%D1%80%D1%82%D0%B0%D0%BF%D1%8B"
    )
    assert client.get(URL, {"page_size": 5, "page": 4}).status_code == 404
    assert len(client.get(URL, {"page_size": 5, "page": 3}).context["entries"]) == 6  # orphans join the last page


def test_facets_count_tags_and_reactions_on_the_filtered_list(client, seeded_posts):
    response = client.get(URL)
    tags = facet(response, "tag")
    assert tags["стартапы"] == 6 and tags["linkedin"] == 3 and tags["2pr.io"] == 1 and tags["мнение"] == 1
    assert facet(response, "reaction") == {"🔥": 13, "❤": 7, "👍": 7, "🤔": 2, "🤯": 1, "😁": 1, "👏": 1}
    filtered = client.get(URL, {"forwarded": "true"})
    assert facet(filtered, "tag") == {"мнение": 1}
    assert facet(filtered, "reaction") == {"🔥": 2, "👍": 1, "👏": 1}


def test_facet_options_toggle_their_value_and_keep_the_other_filters(client, seeded_posts):
    response = client.get(URL, {"tag": "linkedin", "page": 1})
    group = next(g for g in response.context["facets"] if g.param == "tag")
    linkedin = next(o for o in group.options if o.value == "linkedin")
    genai = next(o for o in group.options if o.value == "genai")
    assert linkedin.selected and linkedin.url == "/posts/"
    assert not genai.selected and genai.url == "/posts/?tag=linkedin&tag=genai"


def test_json_results_carry_the_contract_fields(client, seeded_posts):
    body = client.get(URL, {"format": "json", "page_size": 2, "page": 8}).json()
    assert body["count"] == 16 and body["next"] is None
    assert body["previous"] == "http://testserver/posts/?format=json&page=7&page_size=2"
    forwarded = body["results"][0]
    post = Post.objects.get(position=15)
    assert forwarded == {
        "id": post.pk,
        "url": f"http://testserver/posts/{post.pk}/",
        "headline": post.headline,
        "text": post.text,
        "hashtags": ["мнение"],
        "reactions": [{"emoji": "🔥", "name": "fire", "count": 14}, {"emoji": "👍", "name": "thumbs up", "count": 2}],
        "total_reactions": 16,
        "forwarded_from": "Русский венчур",
        "has_media": False,
        "channel": "2pr.io founder's channel",
        "telegram_id": None,
        "date": None,
        "telegram_url": None,
    }
    own = client.get(URL, {"format": "json", "page_size": 1}).json()["results"][0]
    assert own["forwarded_from"] is None and own["hashtags"] == ["телеграм", "продуктивность", "стартапы"]


def test_csv_streams_every_matching_row(client, seeded_posts):
    response = client.get(URL, {"format": "csv", "tag": "linkedin", "page_size": 1})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="posts.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["headline"] for row in rows] == [
        "Первый опыт с лидмагнитом в Linkedin",
        "Самое приятное в стартапах это когда про продукт органически рассказывают юзеры.",
        "Проанализировали ~50к виральных постов в Линкедине. Глубоко.",
    ]
    assert rows[0]["hashtags"] == "linkedin; продуктивность"
    assert rows[0]["url"] == f"http://testserver/posts/{Post.objects.get(position=7).pk}/"
    assert rows[0]["reactions"] == "🔥10; ❤5"
    assert rows[0]["has_media"] == "True" and rows[0]["total_reactions"] == "15"


def test_unpublished_posts_appear_in_no_list_json_csv_or_facet(client, seeded_posts):
    Post.objects.filter(position__in=[13, 15]).update(is_published=False)
    assert positions(client, tag="genai") == [10]
    assert 15 not in positions(client) and len(positions(client)) == 14
    response = client.get(URL)
    assert "мнение" not in facet(response, "tag") and facet(response, "tag")["genai"] == 1
    assert facet(response, "reaction")["🔥"] == 11
    csv_text = b"".join(client.get(URL, {"format": "csv"}).streaming_content).decode()
    assert "Проанализировали ~50к" not in csv_text and "Ислам Мидов" not in csv_text


def test_an_empty_result_says_so(client, seeded_posts):
    page = client.get(URL, {"q": "несуществующееслово"}).content.decode()
    assert "No post matches these filters" in page


def test_the_list_makes_few_queries_with_a_thousand_posts(client, django_assert_max_num_queries):
    bulk_posts(1000)
    make_post("Скрытый пост", is_published=False, tags=["bulk"], reactions=[("🔥", 1)])
    # count, page, tags and reactions prefetch, two facets
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert response.context["result_count"] == 1000
    with django_assert_max_num_queries(10):
        assert (
            client.get(URL, {"tag": ["bulk", "tag3"], "reaction": "🔥", "q": "words", "sort": "reactions"}).status_code
            == 200
        )
    with django_assert_max_num_queries(10):
        body = client.get(URL, {"format": "json", "page_size": 500}).json()
    assert len(body["results"]) == 500 and body["count"] == 1000


def test_csv_of_a_thousand_posts_streams_in_chunks(client, django_assert_max_num_queries):
    bulk_posts(1000)
    with django_assert_max_num_queries(10):
        rows = list(csv.reader(io.StringIO(b"".join(client.get(URL, {"format": "csv"}).streaming_content).decode())))
    assert len(rows) == 1001
