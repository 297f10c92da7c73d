"""How import_posts writes: every field it sets is listed, re-imports update in place (ids kept),
side files and tag slugs follow kb_site's one rule."""

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from kb_site.search.analysis import index_text
from posts import importers, parsers
from posts.models import Channel, Hashtag, Link, Post, Reaction
from tests.posts.factories import make_post

pytestmark = pytest.mark.django_db

# What an import never sets: the row's id and natural key, the reader-facing switch, and the
# PostgreSQL trigger's column. A field added to Post must go here or into importers.POST_FIELDS.
NOT_IMPORTED = {"id", "channel", "key", "is_published", "search_vector"}


def test_every_field_of_a_post_is_either_imported_or_named_as_left_alone():
    fields = {field.name for field in Post._meta.concrete_fields}
    assert set(importers.POST_FIELDS) | NOT_IMPORTED == fields
    assert not set(importers.POST_FIELDS) & NOT_IMPORTED


def test_post_fields_cover_every_field_the_importer_sets(db):
    channel = Channel.objects.create(name="c", slug="c")
    post = Post(channel=channel, key="msg-1")
    unset = object()
    for field in Post._meta.concrete_fields:
        if field.name not in NOT_IMPORTED:
            setattr(post, field.attname, unset)
    parsed = parsers.Post(
        key="msg-1", position=1, headline="A", text="A #tag", hashtags=["tag"], telegram_id=1,
        date=datetime(2025, 1, 1, tzinfo=UTC), preview=parsers.Preview(site="s", title="t", description="d"),
    )  # fmt: skip
    writer = importers.BatchWriter(channel, importers.ImportReport(source="x"), source="x", overwrite=False)
    writer.fill(post, parsed, "digest", {})
    set_by_fill = {f.name for f in Post._meta.concrete_fields if getattr(post, f.attname) is not unset}
    assert set_by_fill - NOT_IMPORTED == set(importers.POST_FIELDS)


def message(id, text, **fields):  # noqa: A002
    return {"id": id, "type": "message", "date_unixtime": str(1735689600 + id * 60), "text": text, **fields}


def write_export(path, messages):
    path.write_text(json.dumps({"name": "Канал", "id": 77, "messages": messages}), encoding="utf-8")
    return path


def run(path, **options):
    out = io.StringIO()
    call_command("import_posts", str(path), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_a_reimport_of_edited_messages_updates_every_field_and_keeps_the_ids(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "BATCH_SIZE", 3)  # several UPDATE statements
    fire = [{"type": "emoji", "count": 1, "emoji": "🔥"}]
    before = [message(i, ["Пост ", {"type": "hashtag", "text": "#старый"}], reactions=fire) for i in range(1, 8)]
    run(write_export(tmp_path / "a.json", before))
    ids = dict(Post.objects.values_list("telegram_id", "id"))
    after = [
        message(
            i,
            ["Пост исправлен ", {"type": "bold", "text": "жирно"}, " ", {"type": "hashtag", "text": "#новый"},
             " ", {"type": "text_link", "text": "тут", "href": f"https://example.com/{i}"}],
            edited_unixtime=str(1736000000 + i),
            forwarded_from="Другой канал",
            reactions=[{"type": "emoji", "count": 5, "emoji": "👍"}],
        )
        for i in range(1, 8)
    ]  # fmt: skip
    assert "0 created, 7 updated" in run(write_export(tmp_path / "b.json", after))
    assert dict(Post.objects.values_list("telegram_id", "id")) == ids
    post = Post.objects.get(telegram_id=4)
    assert post.text == "Пост исправлен жирно #новый тут" and post.forwarded_from == "Другой канал"
    assert post.edited_date == datetime.fromtimestamp(1736000004, tz=UTC)
    assert [e["type"] for e in post.entities] == ["bold", "hashtag", "text_link"]
    assert "<strong>жирно</strong>" in post.text_html and post.total_reactions == 5
    assert list(post.hashtags.values_list("name", flat=True)) == ["новый"]
    assert list(Reaction.objects.filter(post=post).values_list("emoji", "count")) == [("👍", 5)]
    assert list(Link.objects.filter(post=post).values_list("url", flat=True)) == ["https://example.com/4"]
    indexed = post.search_text.split()  # stemmed words
    assert index_text("новый") in indexed and index_text("старый") not in indexed
    assert "0 created, 0 updated, 7 unchanged" in run(tmp_path / "b.json")


def test_a_scrape_finds_the_meta_file_that_shares_its_dotted_name(tmp_path):
    source = tmp_path / "channel.2024.txt"
    source.write_text("Один пост\n🔥1\n", encoding="utf-8")
    (tmp_path / "channel.2024.meta.json").write_text('{"channel": {"name": "Канал 2024"}}', encoding="utf-8")
    run(source)
    assert Channel.objects.get().name == "Канал 2024"


def test_a_new_tag_whose_slug_and_its_numbered_forms_are_taken_gets_the_next_number():
    Hashtag.objects.create(name="ai.ml", key="ai.ml", slug="ai-ml")
    Hashtag.objects.create(name="other", key="other", slug="ai-ml-2")
    tags = Hashtag.objects.for_names(["ai_ml", "AI…ML", "ai:ml"])  # two other keys with the slug ai-ml
    assert tags["ai_ml"].slug == "ai_ml"
    assert {tags["ai...ml"].slug, tags["ai:ml"].slug} == {"ai-ml-3", "ai-ml-4"}


def test_a_reimport_where_only_counts_changed_keeps_the_reaction_tag_and_link_rows(tmp_path):
    def export(count):
        text = ["Пост ", {"type": "hashtag", "text": "#тег"}, " ", {"type": "url", "text": "https://e.com"}]
        reactions = [{"type": "emoji", "count": count, "emoji": "🔥"}, {"type": "emoji", "count": 2, "emoji": "👍"}]
        return [message(i, text, reactions=reactions) for i in range(1, 4)]

    run(write_export(tmp_path / "a.json", export(1)))
    rows = (
        sorted(Reaction.objects.values_list("id", "emoji")),
        sorted(Link.objects.values_list("id", flat=True)),
        sorted(Post.hashtags.through.objects.values_list("id", flat=True)),
    )
    assert "3 updated" in run(write_export(tmp_path / "b.json", export(9)))
    after = (
        sorted(Reaction.objects.values_list("id", "emoji")),
        sorted(Link.objects.values_list("id", flat=True)),
        sorted(Post.hashtags.through.objects.values_list("id", flat=True)),
    )
    assert after == rows
    assert sorted(Reaction.objects.filter(emoji="🔥").values_list("count", flat=True)) == [9, 9, 9]
    assert sorted(Post.objects.values_list("total_reactions", flat=True)) == [11, 11, 11]


def test_update_rows_writes_each_row_its_own_values_and_leaves_the_others_alone():
    posts = [make_post(f"Post {n}\nBody.") for n in range(6)]
    chosen = [posts[4], posts[0], posts[5], posts[2]]  # out of order, with gaps between their ids
    importers.update_rows(Post, ("headline",), [(post.pk, f"new {post.pk}") for post in chosen], batch_size=3)
    headlines = dict(Post.objects.values_list("pk", "headline"))
    assert headlines == {post.pk: f"new {post.pk}" if post in chosen else post.headline for post in posts}
