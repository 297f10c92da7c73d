"""Hostile values written straight into the database (past every importer): each public surface still
renders them harmlessly. URLs that are not http, https, mailto or tg are text, never links (HTML) and
null (JSON); control characters never break a feed; CSV cells never start a spreadsheet formula."""

import csv
import html
import io
import re
import xml.etree.ElementTree as ET  # parses this site's own feeds only

import pytest
from django.db import connection

from kb_site.text import safe_url
from posts.models import Channel, Hashtag, Link, Post
from reviews.models import Paper, Review
from roles.models import Role
from tests.posts.factories import make_channel, make_post
from tests.reviews.factories import make_paper, make_review
from tests.roles.factories import make_role

pytestmark = pytest.mark.django_db

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/path",
    "/\\evil.example",
]
HREF = re.compile(r"""href=["']([^"']*)["']""", re.IGNORECASE)


def hrefs(page):
    return [html.unescape(found) for found in HREF.findall(page)]


def assert_every_href_is_safe(page):
    for href in hrefs(page):
        assert href.startswith("?") or safe_url(href) == href, href  # "?format=json": this page's own address


@pytest.fixture
def post():
    channel = make_channel("Канал", "kanal", handle="kanal")
    found = make_post("Пост со ссылками\nТекст. #тег", channel=channel, tags=["тег"], telegram_id=5)
    return found


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_stored_hostile_link_is_text_on_the_post_page_and_null_in_its_json(client, post, url):
    Link.objects.create(post=post, position=1, url="https://example.com/ok", label="fine")
    Link.objects.create(post=post, position=2, url="https://example.com/x", label="")
    Link.objects.filter(position=2).update(url=url)  # past the model's validation and the importer
    Channel.objects.filter(pk=post.channel_id).update(link=url)
    Post.objects.filter(pk=post.pk).update(forwarded_from="Другой", forwarded_from_handle=f'x" onclick="{url}')

    page = client.get(post.get_absolute_url()).content.decode()
    assert_every_href_is_safe(page)
    assert '<a href="https://example.com/ok" rel="noopener noreferrer nofollow">fine</a>' in page
    assert html.escape(url.strip()) in page or html.escape(url) in page  # shown, as text
    assert "Канал" in page  # the channel's name stays, without its link

    body = client.get(post.get_absolute_url(), {"format": "json"}).json()
    assert [link["url"] for link in body["links"]] == ["https://example.com/ok", None]
    assert body["channel"]["link"] is None


def test_a_stored_hostile_telegram_handle_is_not_a_link(client, post):
    Channel.objects.filter(pk=post.channel_id).update(handle="kanal onmouseover=alert(1)", link="")
    page = client.get(post.get_absolute_url()).content.decode()
    assert_every_href_is_safe(page)
    assert "t.me/kanal onmouseover" not in page


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_reviews_stored_hostile_licence_and_source_urls_are_text_and_null(client, url):
    review = make_review(licence="CC BY 4.0")
    Review.objects.filter(pk=review.pk).update(licence_url=url, source_url=url)
    page = client.get(review.get_absolute_url()).content.decode()
    assert_every_href_is_safe(page)
    assert "CC BY 4.0" in page
    body = client.get(review.get_absolute_url(), {"format": "json"}).json()
    assert body["licence_url"] is None and body["source_url"] is None
    assert_every_href_is_safe(client.get("/").content.decode())  # the home page's sources


def control_characters():
    # NUL only where the database can hold it (PostgreSQL's text cannot: importers drop it)
    return ["\x0b", "\x0c", "\x1f"] + (["\x00"] if connection.vendor == "sqlite" else [])


@pytest.mark.parametrize("field", ["headline", "text", "text_html", "forwarded_from"])
def test_feeds_answer_whatever_control_character_a_stored_post_holds(client, post, field):
    for char in control_characters():
        Post.objects.filter(pk=post.pk).update(**{field: f"до{char}после"})
        Hashtag.objects.filter(key="тег").update(name=f"тег{char}")
        Channel.objects.filter(pk=post.channel_id).update(name=f"Канал{char}")
        for url in ("/posts/feed/", "/posts/feed/atom/", "/posts/tags/тег/feed/", "/posts/tags/тег/feed/atom/"):
            response = client.get(url)
            assert response.status_code == 200, (url, repr(char))
            ET.fromstring(response.content)  # noqa: S314 (our own feed): well-formed XML
            assert char.encode() not in response.content


def test_the_feed_keeps_the_text_around_a_dropped_control_character(client, post):
    Post.objects.filter(pk=post.pk).update(headline="до\x0bпосле")
    feed = ET.fromstring(client.get("/posts/feed/").content)  # noqa: S314 (our own feed)
    assert feed.find("./channel/item").findtext("title") == "допосле"


FORMULAS = ["=cmd|'/C calc'!A0", '=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def csv_rows(client, url):
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_no_csv_cell_starts_a_spreadsheet_formula(client):
    for number, formula in enumerate(FORMULAS, start=1):
        make_post(f"{formula}\nтекст", key=f"f{number}", forwarded_from=formula)
        role = make_role(f"Role {number}", summary=formula)
        Role.objects.filter(pk=role.pk).update(title=formula, short_name=formula[:20])
    review = make_review(title=FORMULAS[0])
    for number, formula in enumerate(FORMULAS, start=1):
        Paper.objects.filter(pk=make_paper(review, title=f"Paper {number}", slug=f"p{number}").pk).update(
            title=formula, first_author=formula
        )
    for url in ("/posts/", "/roles/", "/reviews/", f"/reviews/{review.slug}/papers/"):
        rows = csv_rows(client, url)
        cells = [cell for row in rows[1:] for cell in row]
        assert len(rows) > 1, url
        assert not [cell for cell in cells if cell.lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r"))], url
        assert "'" + FORMULAS[0] in cells, url  # kept, and shown as the text it is


def test_numbers_and_ordinary_text_reach_the_csv_unchanged(client):
    make_post("Обычный пост\nс текстом", key="plain", forwarded_from="Канал-2")
    rows = csv_rows(client, "/posts/")
    header, row = rows[0], rows[1]
    assert row[header.index("headline")] == "Обычный пост"
    assert row[header.index("forwarded_from")] == "Канал-2"
    assert row[header.index("total_reactions")] == "0"
