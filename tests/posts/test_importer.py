"""import_posts: idempotent, atomic, dry runs, curated posts kept, every bad file refused by name."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from kb_site.importing import Progress
from posts import importers
from posts.models import Channel, Hashtag, Link, Post, Reaction
from tests.seeds import POST_SEED, ROLE_SEED, side_file

pytestmark = pytest.mark.django_db


def run(path, *args):
    out = io.StringIO()
    call_command("import_posts", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    """Everything the import writes, to compare before and after."""
    return (
        sorted(Post.objects.values_list("id", "key", "position", "checksum", "total_reactions", "is_published")),
        sorted(Reaction.objects.values_list("post_id", "position", "emoji", "count")),
        sorted(Link.objects.values_list("post_id", "position", "url")),
        sorted(Post.hashtags.through.objects.values_list("post_id", "hashtag_id")),
        sorted(Hashtag.objects.values_list("id", "key", "slug")),
        sorted(Channel.objects.values_list("id", "slug", "name")),
    )


def message(id, text, **fields):  # noqa: A002
    return {"id": id, "type": "message", "date_unixtime": str(1735689600 + id * 60), "text": text, **fields}


def write_export(tmp_path, messages, name="result.json", channel="Канал экспорта"):
    path = tmp_path / name
    data = {"name": channel, "type": "public_channel", "id": 4242, "messages": messages}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def seed_copy(tmp_path, text=None, *, with_meta=True):
    path = tmp_path / "001_b340050decece26e.txt"
    path.write_text(text if text is not None else POST_SEED.read_text(encoding="utf-8"), encoding="utf-8")
    if with_meta:
        shutil.copy(side_file(POST_SEED, "meta"), tmp_path / side_file(POST_SEED, "meta").name)
    return path


# The seed ------------------------------------------------------------------------------------


def test_importing_the_seed_creates_its_posts_tags_reactions_and_links():
    output = run(POST_SEED)
    assert "16 created, 0 updated" in output
    assert Post.objects.count() == 16
    assert Hashtag.objects.count() == 11
    assert Reaction.objects.count() == 32
    channel = Channel.objects.get()
    assert (channel.name, channel.slug, channel.handle, channel.link) == (
        "2pr.io founder's channel",
        "2pr-io-founder",
        "",
        "",
    )
    post = Post.objects.get(position=2)
    assert post.headline == "Обновили 2pr.io"
    assert sorted(post.hashtags.values_list("name", flat=True)) == ["2pr.io", "продуктивность", "стартапы"]
    assert (post.origin, post.source, post.is_published, post.is_edited) == (
        "imported",
        "seeds/001_b340050decece26e.txt",
        True,
        False,
    )
    assert post.imported_at is not None and len(post.checksum) == 64


def test_total_reactions_are_in_step_with_the_reaction_rows():
    run(POST_SEED)
    for post in Post.objects.all():
        assert post.total_reactions == post.reactions.aggregate(n=Sum("count"))["n"]
    assert Post.objects.get(position=12).total_reactions == 20


def test_importing_twice_changes_nothing():
    run(POST_SEED)
    before = snapshot()
    output = run(POST_SEED)
    assert "0 created, 0 updated, 16 unchanged" in output
    assert snapshot() == before


def test_the_seed_is_part_of_import_seeds():
    call_command("import_seeds", only=["posts"], verbosity=0)
    assert Post.objects.count() == 16


def test_a_rescrape_that_shifts_positions_finds_every_post_again(tmp_path):
    run(POST_SEED)
    ids = dict(Post.objects.values_list("key", "id"))
    text = POST_SEED.read_text(encoding="utf-8")
    shifted = text[text.index("🔥13❤5\n") + len("🔥13❤5\n") :]
    output = run(seed_copy(tmp_path, shifted))
    assert "0 created, 15 updated" in output  # only their positions moved
    assert Post.objects.count() == 16
    for key, position in Post.objects.exclude(position=1).values_list("key", "position"):
        assert ids[key] == Post.objects.get(key=key).id
        assert position >= 1


def test_changed_reactions_update_the_post_but_never_its_published_flag(tmp_path):
    run(POST_SEED)
    Post.objects.filter(position=1).update(is_published=False)
    changed = POST_SEED.read_text(encoding="utf-8").replace("🔥13❤5", "🔥20❤5👍1", 1)
    output = run(seed_copy(tmp_path, changed))
    assert "0 created, 1 updated, 15 unchanged" in output
    post = Post.objects.get(position=1)
    assert post.is_published is False
    assert post.total_reactions == 26
    assert list(post.reactions.values_list("emoji", "count")) == [("🔥", 20), ("❤", 5), ("👍", 1)]


# Curated entries, dry runs -------------------------------------------------------------------------


def test_a_post_edited_in_admin_is_kept_and_overwrite_replaces_it(tmp_path):
    run(POST_SEED)
    post = Post.objects.get(position=2)
    post.text = "Исправлено куратором"
    post.headline = "Исправлено"
    post.is_edited = True
    post.save()
    changed = POST_SEED.read_text(encoding="utf-8").replace("❤9🔥3", "❤10🔥3", 1)
    output = run(seed_copy(tmp_path, changed))
    assert "1 kept" in output
    post.refresh_from_db()
    assert (post.text, post.is_edited, post.total_reactions) == ("Исправлено куратором", True, 12)

    output = run(seed_copy(tmp_path, changed), "--overwrite")
    assert "1 updated" in output
    post.refresh_from_db()
    assert post.headline == "Обновили 2pr.io" and post.is_edited is False and post.total_reactions == 13


def test_a_dry_run_reports_and_saves_nothing():
    output = run(POST_SEED, "--dry-run")
    assert "Dry run, nothing saved" in output and "16 created" in output
    assert Post.objects.count() == 0 and Hashtag.objects.count() == 0 and Channel.objects.count() == 0


def test_verbosity_two_lists_each_post():
    out = io.StringIO()
    call_command("import_posts", str(POST_SEED), verbosity=2, stdout=out)
    assert "created: Обновили 2pr.io" in out.getvalue()


# The channel -----------------------------------------------------------------------------------------


def test_a_scrape_without_metadata_or_channel_is_refused(tmp_path):
    path = seed_copy(tmp_path, with_meta=False)
    with pytest.raises(CommandError) as caught:
        run(path)
    assert "does not name its channel: pass --channel NAME" in str(caught.value)
    assert str(path) in str(caught.value)
    assert Post.objects.count() == 0


def test_the_channel_option_names_the_channel(tmp_path):
    run(seed_copy(tmp_path, with_meta=False), "--channel", "Канал основателя")
    channel = Channel.objects.get()
    assert (channel.name, channel.slug) == ("Канал основателя", "канал-основателя")
    assert channel.posts.count() == 16


def test_a_broken_metadata_file_is_named(tmp_path):
    path = seed_copy(tmp_path)
    (tmp_path / "001_b340050decece26e.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"001_b340050decece26e\.meta\.json, line 1: is not valid JSON: Expecting property name"
    ):
        run(path)


# Telegram exports ----------------------------------------------------------------------------------------


def test_an_export_imports_its_messages_and_skips_service_ones(tmp_path):
    messages = [
        message(
            1,
            ["Первый ", {"type": "hashtag", "text": "#Тег"}],
            reactions=[{"type": "emoji", "count": 3, "emoji": "👍"}],
        ),
        {"id": 2, "type": "service", "action": "pin_message", "text": ""},
        message(3, "", photo="(File not included.)"),
        message(4, "Переслано", forwarded_from="Другой канал"),
    ]
    output = run(write_export(tmp_path, messages))
    assert "3 created" in output and "1 skipped" in output
    channel = Channel.objects.get()
    assert (channel.name, channel.telegram_id) == ("Канал экспорта", 4242)
    first, media, forwarded = Post.objects.order_by("position")
    assert (first.key, first.telegram_id, first.total_reactions) == ("msg-1", 1, 3)
    assert list(first.hashtags.values_list("name", flat=True)) == ["Тег"]
    assert first.date.isoformat() == "2025-01-01T00:01:00+00:00"
    assert (media.has_media, media.media_type, media.headline) == (True, "photo", "Photo")
    assert forwarded.forwarded_from == "Другой канал"


def test_reimporting_an_export_adds_nothing(tmp_path):
    messages = [message(i, [f"Пост {i} ", {"type": "hashtag", "text": f"#тег{i % 3}"}]) for i in range(1, 30)]
    path = write_export(tmp_path, messages)
    run(path)
    before = snapshot()
    assert "0 created, 0 updated, 29 unchanged" in run(path)
    assert snapshot() == before


def test_an_export_with_new_messages_adds_only_those(tmp_path):
    run(write_export(tmp_path, [message(1, "Один"), message(2, "Два")]))
    output = run(write_export(tmp_path, [message(1, "Один"), message(2, "Два"), message(3, "Три")]))
    assert "1 created, 0 updated, 2 unchanged" in output


def test_the_channel_option_overrides_an_exports_name(tmp_path):
    run(write_export(tmp_path, [message(1, "Один")]), "--channel", "Моё имя")
    assert Channel.objects.get().name == "Моё имя"


def test_writes_are_batched_so_queries_do_not_grow_with_the_export(
    tmp_path, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(importers, "BATCH_SIZE", 100)
    reactions = [{"type": "emoji", "count": 2, "emoji": "🔥"}]
    messages = [
        message(i, [f"Пост {i} ", {"type": "hashtag", "text": f"#тег{i % 5}"}], reactions=reactions)
        for i in range(1, 301)
    ]
    path = write_export(tmp_path, messages)
    with django_assert_max_num_queries(40):  # 3 batches of a handful of queries each, not 300 × anything
        run(path)
    assert Post.objects.count() == 300 and Reaction.objects.count() == 300
    assert Post.hashtags.through.objects.count() == 300


def test_progress_is_shown_on_a_terminal(tmp_path):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    path = write_export(tmp_path, [message(i, f"Пост {i}") for i in range(1, 2501)])
    importers.import_file(path, progress=Progress(terminal, label="messages"), details=False)
    assert "1,000 messages…" in terminal.getvalue() and "2,500 messages." in terminal.getvalue()


def test_a_duplicate_message_id_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"message id 1 appears twice"):
        run(write_export(tmp_path, [message(1, "Один"), message(1, "Опять")]))
    assert Post.objects.count() == 0


# Atomicity and bad files -----------------------------------------------------------------------------------


def test_a_bad_record_late_in_an_export_rolls_back_every_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "BATCH_SIZE", 10)
    messages = [message(i, f"Пост {i}") for i in range(1, 40)] + [{"id": "x", "type": "message"}]
    with pytest.raises(CommandError) as caught:
        run(write_export(tmp_path, messages))
    assert "message 40" in str(caught.value) and "numeric id" in str(caught.value)
    assert "nothing was changed" in str(caught.value)
    assert Post.objects.count() == 0 and Channel.objects.count() == 0


def test_a_failed_reimport_leaves_the_previous_import_untouched(tmp_path):
    run(POST_SEED)
    before = snapshot()
    text = POST_SEED.read_text(encoding="utf-8").replace("🔥13❤5", "🔥99", 1)
    broken = text[: text.rindex("🔥16👏3")]  # the last post lost its reactions line
    with pytest.raises(CommandError, match="is the file cut short"):
        run(seed_copy(tmp_path, broken))
    assert snapshot() == before


def bad_file(tmp_path, kind):
    path = tmp_path / f"{kind}.txt"
    if kind == "empty":
        path.write_text("\n  \n")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif kind == "cp1251":
        path.write_bytes("Пост в другой кодировке\n🔥1\n".encode("cp1251", errors="replace"))
    elif kind == "truncated-json":
        path.write_text('{"name": "x", "messages": [{"id": 1, "type": "message", "text": "Оди', encoding="utf-8")
    elif kind == "malformed-json":
        path.write_text('{"name": "x", "messages": [{"id": 1,, }]}', encoding="utf-8")
    elif kind == "wrong-format":
        shutil.copy(ROLE_SEED, path)
    elif kind == "truncated-scrape":
        path.write_text("\n".join(POST_SEED.read_text(encoding="utf-8").split("\n")[:30]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("empty", "the file is empty"),
        ("binary", "looks like a binary file"),
        ("cp1251", "is not valid UTF-8"),
        ("truncated-json", "cut short"),
        ("malformed-json", "malformed"),
        ("wrong-format", "found no reactions line"),
        ("truncated-scrape", "is the file cut short"),
    ],
)
def test_a_bad_file_is_a_command_error_naming_the_file_and_the_problem(tmp_path, kind, problem):
    run(POST_SEED)
    before = snapshot()
    path = bad_file(tmp_path, kind)
    with pytest.raises(CommandError) as caught:
        run(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)
    assert snapshot() == before


def test_a_missing_file_and_a_directory_are_named(tmp_path):
    with pytest.raises(CommandError, match="nope.txt: no such file"):
        run(tmp_path / "nope.txt")
    with pytest.raises(CommandError, match="is a directory"):
        run(tmp_path)


def test_the_format_option_overrides_detection(tmp_path):
    with pytest.raises(CommandError, match="not valid JSON"):
        run(POST_SEED, "--format", "telegram-json")
    path = write_export(tmp_path, [message(1, "Один")])
    with pytest.raises(CommandError, match="found no reactions line"):
        run(path, "--format", "scrape", "--channel", "x")
