"""Hostile files an import accepts: what they carry is stored as text, and nothing executable or
unstorable reaches a reader on any public surface (pages, JSON, CSV, RSS/Atom, search)."""

import io
import json

import pytest
from django.core.management import call_command

from posts.models import Channel, Link, Post, Reaction
from reviews.models import Review
from roles.models import Role

from .corpus import (
    BAD_URLS,
    XSS,
    csv_problems,
    export_bytes,
    hostile_messages,
    hostile_meta,
    hostile_review_meta,
    hostile_role_page,
    hostile_scrape,
    html_problems,
    json_problems,
    review_files,
    write,
)

pytestmark = pytest.mark.django_db


def run(command, path, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, str(path), stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def hostile_export(tmp_path):
    path = write(tmp_path / "result.json", export_bytes(hostile_messages(), name=XSS + "\x0b"))
    write(tmp_path / "result.meta.json", json.dumps(hostile_meta()))
    return path


def assert_page_safe(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert html_problems(response.content.decode()) == [], url


def assert_json_safe(client, url, **params):
    response = client.get(url, {"format": "json", **params})
    assert response.status_code == 200, url
    assert json_problems(response.json()) == [], url


def test_every_script_url_in_an_export_is_kept_as_text_with_a_warning(hostile_export):
    output = run("import_posts", hostile_export)
    for url in ("javascript:alert(1)", "data:text/html,", "vbscript:msgbox(1)", "//evil.example/x"):
        assert f"link '{url}" in output or f'link "{url}' in output, url
    assert list(Link.objects.values_list("url", flat=True)) == ["https://example.com/ok"]
    first = Post.objects.get(telegram_id=1)
    assert [e["type"] for e in first.entities if e["type"] in ("text_link", "url", "link")] == ["text_link"]
    assert first.entities[[e["type"] for e in first.entities].index("text_link")]["href"] == "https://example.com/ok"
    assert "link 0" in first.text and "javascript" not in first.text_html.split("link 0")[0][-200:]


def test_a_channel_meta_files_script_link_and_bad_handle_are_left_blank_with_warnings(hostile_export):
    output = run("import_posts", hostile_export)
    channel = Channel.objects.get()
    assert channel.link == "" and channel.handle == ""
    assert channel.name.startswith("<script>") and "\x00" not in channel.name  # text, cleaned
    assert "link 'javascript:alert(1)' is not an http, https, mailto or tg link; left out" in output
    assert "is not a Telegram handle" in output


def test_over_long_values_are_cut_or_left_out_with_a_warning_naming_the_message(hostile_export):
    output = run("import_posts", hostile_export)
    assert "message 4 (id 4): text cut to 16,384 characters (it had 24,004" in output
    assert len(Post.objects.get(telegram_id=4).text) == 16_384
    assert "message 5 (id 5): hashtag #xxxx" in output and "not a tag" in output
    assert not Post.objects.get(telegram_id=5).hashtags.exists()
    assert "message 6 (id 6): forwarded_from cut to 200 characters (it had 500)" in output
    assert len(Post.objects.get(telegram_id=6).forwarded_from) == 200


def test_control_characters_never_reach_the_database(hostile_export):
    run("import_posts", hostile_export)
    for values in Post.objects.values_list("headline", "text", "text_html", "forwarded_from", "search_text"):
        for value in values:
            assert not any(ch in value for ch in "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff\ud800"), value
    assert set(Reaction.objects.values_list("emoji", flat=True)) == {"<script>", None}


def test_nothing_executable_reaches_a_post_page_its_json_or_the_lists(client, hostile_export):
    run("import_posts", hostile_export)
    for post in Post.objects.all():
        assert_page_safe(client, post.get_absolute_url())
        assert_json_safe(client, post.get_absolute_url())
    assert_page_safe(client, "/posts/")
    assert_json_safe(client, "/posts/")
    assert_page_safe(client, "/posts/tags/")
    for tag in ("ok_tag",):
        assert_page_safe(client, f"/posts/tags/{tag}/")


def test_nothing_executable_reaches_the_feeds_the_search_page_or_the_csv(client, hostile_export):
    run("import_posts", hostile_export)
    for url in ("/posts/feed/", "/posts/feed/atom/", "/posts/tags/ok_tag/feed/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_problems(response.content.decode()) == [], url
        assert "<script>" not in response.content.decode()  # markup in titles arrives escaped
    assert_page_safe(client, "/search/", q="alert")
    assert_page_safe(client, "/search/", q="Headline")
    response = client.get("/posts/", {"format": "csv"})
    assert csv_problems(b"".join(response.streaming_content).decode()) == []


def test_no_csv_cell_starts_a_spreadsheet_formula(client, hostile_export):
    run("import_posts", hostile_export)
    response = client.get("/posts/", {"format": "csv"})
    assert csv_problems(b"".join(response.streaming_content).decode(), formulas=True) == []


def test_a_hostile_mirror_scrape_is_stored_as_text_and_shown_safely(client, tmp_path):
    path = write(tmp_path / "scrape.txt", hostile_scrape())
    run("import_posts", path, channel=f"{XSS} channel")
    assert Post.objects.count() == 2
    assert list(Link.objects.values_list("url", flat=True)) == ["https://example.com/a", "https://example.com/b"]
    for post in Post.objects.all():
        assert_page_safe(client, post.get_absolute_url())
        assert_json_safe(client, post.get_absolute_url())
    response = client.get("/posts/feed/")
    assert response.status_code == 200 and html_problems(response.content.decode()) == []


def test_a_hostile_role_page_is_shown_as_text(client, tmp_path):
    path = write(tmp_path / "role.txt", hostile_role_page())
    run("import_roles", path)
    role = Role.objects.get(slug="chief-ai-officer")
    assert_page_safe(client, role.get_absolute_url())
    assert_json_safe(client, role.get_absolute_url())
    assert_page_safe(client, "/roles/")
    assert_page_safe(client, "/search/", q="alert")
    body = client.get(role.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # the words are there, as text
    response = client.get("/roles/", {"format": "csv"})
    assert csv_problems(b"".join(response.streaming_content).decode()) == []


def test_a_hostile_review_keeps_only_safe_links_and_shows_its_metadata_as_text(client, tmp_path):
    path = review_files(tmp_path / "review", meta_changes=hostile_review_meta())
    output = run("import_reviews", path)
    review = Review.objects.get()
    assert review.source_url == "" and review.licence_url == ""
    assert "source_url 'javascript:alert(1)' is not an http, https, mailto or tg link; left out" in output
    assert review.title.startswith("On the Role <script>") and "\x00" not in review.title
    for url in (review.get_absolute_url(), f"{review.get_absolute_url()}papers/", "/reviews/"):
        assert_page_safe(client, url)
        assert_json_safe(client, url)
    assert_page_safe(client, f"{review.get_absolute_url()}modalities/")
    assert_page_safe(client, "/search/", q="role")


@pytest.mark.parametrize("url", BAD_URLS)
def test_each_script_url_alone_in_a_text_link_makes_no_link(tmp_path, url):
    path = write(tmp_path / "one.json", export_bytes([{"id": 1, "type": "message", "text": [
        "See ", {"type": "text_link", "text": "here", "href": url}]}]))  # fmt: skip
    run("import_posts", path)
    post = Post.objects.get()
    assert not Link.objects.exists() and post.entities == []
    assert "href" not in post.text_html
