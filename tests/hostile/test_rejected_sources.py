"""Hostile files an import refuses: one line naming the file, the record or line, and what was
expected; never a traceback; and the database exactly as it was (every row of every collection)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.seeds import POST_SEED, REVIEW_SEED, ROLE_SEED

from .corpus import (
    database_state,
    deep,
    export_bytes,
    message,
    review_files,
    write,
)

pytestmark = pytest.mark.django_db

BIG = 8 * 1024 * 1024 + 1


def refused(command, path, **options):
    """The CommandError's message, with the database checked unchanged around it."""
    before = database_state()
    with pytest.raises(CommandError) as caught:
        call_command(command, str(path), stdout=io.StringIO(), stderr=io.StringIO(), **options)
    assert database_state() == before
    said = str(caught.value)
    assert said.startswith("Import failed, nothing was changed.") and "\n" not in said
    return said


@pytest.fixture
def seeded(db):
    """Every collection's seed imported: a refused file must leave all of it as it was."""
    call_command("import_seeds", verbosity=0)


# Telegram exports ------------------------------------------------------------------------------------------

EXPORTS = {
    "nesting 30,000 deep": (
        b'{"name": "x", "id": 1, "messages": [{"id": 1, "type": "message", "text": ' + deep(30_000).encode() + b"}]}",
        ["export.json, line 1: lists and objects nested more than 32 deep"],
    ),
    "nesting before messages": (
        b'{"name": ' + deep(5_000).encode() + b', "messages": []}',
        ["export.json, line 1: lists and objects nested more than 32 deep"],
    ),
    "a 2 MB string": (
        export_bytes([message(1, "x" * (2 << 20))]),
        ["export.json, line 1: a string longer than 1 MB", "expected values the size of a message's text"],
    ),
    "a 5 MB message": (
        export_bytes([message(1, "ok"), message(2, ["a" * 900_000] * 6)]),
        ["export.json, message 2: one item is larger than 4 MB of JSON"],
    ),
    "a 2 MB number": (
        b'{"name": "x", "messages": [{"id": ' + b"1" * (2 << 20) + b"}]}",
        ["a number or literal longer than 1 MB"],
    ),
    "an id that is text": (
        export_bytes([message(1, "ok"), {"id": "x", "type": "message"}]),
        ["message 2", "numeric id"],
    ),
    "a negative id": (export_bytes([message(-5, "ok")]), ["message 1", "numeric id", "found id -5"]),
    "an id past 64 bits": (export_bytes([message(2**64, "ok")]), ["message 1", "integer overflow"]),
    "a channel id that is text": (export_bytes([message(1, "ok")], channel_id="abc"), ["the export's id", "'abc'"]),
    "a date that is not one": (export_bytes([{"id": 1, "type": "message", "date": "yesterday"}]), ["date must be"]),
    "a date in year 1": (
        export_bytes([{"id": 1, "type": "message", "date": "0001-01-01T00:00:00+05:00"}]),
        ["message 1 (id 1): date must be a date from 1970 to 2099"],
    ),
    "a unixtime past year 9999": (
        export_bytes([message(1, "ok", date_unixtime="99999999999999")]),
        ["message 1 (id 1): date_unixtime must be a number of seconds"],
    ),
    "an emoji of 150 characters": (
        export_bytes([message(1, "ok", reactions=[{"type": "emoji", "count": 1, "emoji": "🔥" * 150}])]),
        ["message 1 (id 1): reaction emoji: expected at most 32 characters, found 150"],
    ),
    "a reaction count past 32 bits": (
        export_bytes([message(1, "ok", reactions=[{"type": "emoji", "count": 2**40, "emoji": "🔥"}])]),
        ["message 1 (id 1): reaction count: expected a whole number from 0 to 2,147,483,647"],
    ),
    "a custom emoji id of 500 characters": (
        export_bytes([message(1, "ok", reactions=[{"type": "custom_emoji", "count": 1, "document_id": "9" * 500}])]),
        ["message 1 (id 1): reaction custom_id: expected at most 100 characters"],
    ),
    "a list at the top": (b"[1, 2, 3]", ["found a list"]),
    "cut short": (export_bytes([message(1, "ok"), message(2, "ok")])[:-30], ["malformed or cut short after message 1"]),
    "empty": (b"  \n ", ["the file is empty"]),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["binary file"]),
    "UTF-16": ('{"name": "x", "messages": []}'.encode("utf-16"), ["binary file"]),
    "Windows-1251": ('{"name": "Канал", "messages": []}'.encode("cp1251"), ["is not valid JSON (lexical error"]),
}


@pytest.mark.parametrize("content, expected", EXPORTS.values(), ids=EXPORTS.keys())
def test_a_hostile_export_is_refused_by_name_and_changes_nothing(seeded, tmp_path, content, expected):
    said = refused("import_posts", write(tmp_path / "export.json", content))
    for part in expected:
        assert part in said


def test_a_nested_export_is_refused_before_it_costs_memory(tmp_path):
    import tracemalloc

    path = write(tmp_path / "export.json", b'{"name": "x", "messages": [' + deep(100_000).encode() + b"]}")
    tracemalloc.start()
    with pytest.raises(CommandError, match="nested more than 32 deep"):
        call_command("import_posts", str(path), dry_run=True, stdout=io.StringIO())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 << 20  # 20 MB; ijson alone took 23 GB on 200 KB of brackets


# Side files: a channel's, a review's ------------------------------------------------------------------------

CHANNEL_META = {
    "nested": (b'{"channel": ' + deep(10_000).encode() + b"}", ["export.meta.json, line 1: lists and objects nested"]),
    "not JSON": (b"{channel: x}", ["export.meta.json, line 1: is not valid JSON"]),
    "too large": (b'{"channel": {"name": "' + b"x" * (2 << 20) + b'"}}', ["export.meta.json: is 2.0 MB"]),
    "no channel name": (b'{"channel": {"name": "  "}}', ['expected {"channel": {"name": ...']),
    "a slug with a path": (b'{"channel": {"name": "x", "slug": "../admin"}}', ["channel.slug: expected a slug"]),
    "an id that is text": (b'{"channel": {"name": "x", "telegram_id": "abc"}}', ["channel.telegram_id"]),
    "a list": (b"[]", ["expected a JSON object at the top level"]),
}


@pytest.mark.parametrize("content, expected", CHANNEL_META.values(), ids=CHANNEL_META.keys())
def test_a_hostile_channel_meta_file_is_refused_by_name(seeded, tmp_path, content, expected):
    path = write(tmp_path / "export.json", export_bytes([message(1, "ok")]))
    write(tmp_path / "export.meta.json", content)
    said = refused("import_posts", path)
    for part in expected:
        assert part in said


REVIEW_META = {
    "nested": ({"slug": json.loads(deep(40))}, ["meta.json, line 1: lists and objects nested more than 32 deep"]),
    "a slug with markup": ({"slug": "<script>"}, ["meta.json, slug: expected a slug"]),
    "a slug of 150 characters": ({"slug": "a" * 150}, ["meta.json, review a", "review slug: expected at most 100"]),
    "a date that is not one": ({"version_date": "18/11/2020"}, ["version_date: expected a date as YYYY-MM-DD"]),
    "no authors": ({"authors": []}, ["meta.json, authors: expected 'authors'"]),
}


@pytest.mark.parametrize("changes, expected", REVIEW_META.values(), ids=REVIEW_META.keys())
def test_a_hostile_review_metadata_file_is_refused_by_name(seeded, tmp_path, changes, expected):
    said = refused("import_reviews", review_files(tmp_path / "review", meta_changes=changes))
    for part in expected:
        assert part in said


def test_a_nested_mapping_file_is_refused_by_name(seeded, tmp_path):
    path = review_files(tmp_path / "review", mapping=b'{"table_2": ' + deep(50).encode() + b"}")
    assert "mapping.json, line 1: lists and objects nested more than 32 deep" in refused("import_reviews", path)


# Text sources: a role page, a scrape, a preprint ------------------------------------------------------------

TEXT_COMMANDS = {"role page": "import_roles", "scrape": "import_posts", "preprint": "import_reviews"}


@pytest.mark.parametrize("kind", TEXT_COMMANDS)
def test_a_text_source_larger_than_8_mb_is_refused_before_it_is_read(seeded, tmp_path, kind):
    path = review_files(tmp_path / "big", text="") if kind == "preprint" else tmp_path / "big.txt"
    write(path, b"word " * (BIG // 5 + 1))
    said = refused(TEXT_COMMANDS[kind], path, **({"channel": "x"} if kind == "scrape" else {}))
    assert "is 8.0 MB; expected a text source of at most 8 MB" in said


@pytest.mark.parametrize("kind", TEXT_COMMANDS)
@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "the file is empty"),
        (b"some text\x00with a NUL\n", "binary file"),
        ("Пост\n".encode("cp1251"), "is not valid UTF-8"),
        ("text\n".encode("utf-16"), "binary file"),
    ],
    ids=["empty", "NUL", "Windows-1251", "UTF-16"],
)
def test_a_broken_text_source_is_refused_by_name(seeded, tmp_path, kind, content, expected):
    path = review_files(tmp_path / "broken", text="") if kind == "preprint" else tmp_path / "broken.txt"
    write(path, content)
    said = refused(TEXT_COMMANDS[kind], path, **({"channel": "x"} if kind == "scrape" else {}))
    assert f"{path.name}" in said and expected in said


def test_a_truncated_role_page_is_refused_by_line_when_strict(seeded, tmp_path):
    """Without --strict, a page cut short imports as far as it goes, flagged (tests/roles/test_incomplete_pages.py)."""
    text = ROLE_SEED.read_text(encoding="utf-8")
    path = write(tmp_path / "role.txt", text[: len(text) // 3])
    said = refused("import_roles", path, strict=True)
    assert "role.txt, line" in said


def test_a_salary_no_column_can_hold_refuses_the_role_page_by_name(seeded, tmp_path):
    text = ROLE_SEED.read_text(encoding="utf-8").replace("$128,000 to $240,000", "$12,800,000,000 to $24,000,000,000")
    said = refused("import_roles", write(tmp_path / "role.txt", text))
    assert "role.txt, role 'Chief AI Officer', salary range 2: salary range min_amount: expected a whole number" in said


def test_a_truncated_scrape_and_preprint_are_refused_by_line(seeded, tmp_path):
    scrape = POST_SEED.read_text(encoding="utf-8")
    said = refused("import_posts", write(tmp_path / "scrape.txt", scrape[: scrape.rindex("🔥")]), channel="x")
    assert "scrape.txt, line" in said and "is the file cut short" in said
    preprint = REVIEW_SEED.read_text(encoding="utf-8")
    said = refused("import_reviews", review_files(tmp_path / "review", text=preprint[:2000]))
    assert REVIEW_SEED.name in said
