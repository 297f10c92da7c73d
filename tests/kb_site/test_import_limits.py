"""What every import keeps to: values fit the model's fields, side files are small objects, and the
database's refusals are one line naming the file, never a traceback."""

import io
from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from django.db import DataError, IntegrityError, OperationalError

from kb_site.commands import ImportCommand
from kb_site.importing import (
    MAX_TEXT_SOURCE_BYTES,
    FieldLimits,
    ImportReport,
    SourceError,
    import_transaction,
    read_json_side_file,
    read_text_source,
)
from posts.models import Channel, Link, Post, Reaction
from roles.models import SalaryRange, Statistic


def test_limits_are_read_from_the_model_not_written_by_hand():
    limits = FieldLimits(Post)
    assert limits.max_length["headline"] == Post._meta.get_field("headline").max_length == 255
    assert limits.max_length["forwarded_from"] == 200
    assert limits.range["telegram_id"] == (-(2**63), 2**63 - 1)
    assert FieldLimits(Link).max_length["url"] == 2000
    assert FieldLimits(Statistic).range["value"] == (Decimal("-999999999999.99"), Decimal("999999999999.99"))


def test_prose_is_cut_with_a_warning_and_short_values_are_left_alone():
    report = ImportReport(source="x")
    limits = FieldLimits(Channel, report)
    assert limits.cut("name", "short", "the channel") == "short"
    cut = limits.cut("name", "n" * 250, "the channel")
    assert len(cut) == 200 and cut.endswith("…")
    assert report.warnings == ["the channel: name cut to 200 characters (it had 250)"]


def test_an_identifier_or_number_that_does_not_fit_refuses_the_file_naming_record_and_field():
    limits = FieldLimits(Reaction)
    with pytest.raises(SourceError) as caught:
        limits.require("emoji", "🔥" * 40, "message 3 (id 7)", "export.json")
    assert (
        str(caught.value) == "export.json, message 3 (id 7): reaction emoji: expected at most 32 characters, found 40"
    )
    with pytest.raises(SourceError, match=r"count: expected a whole number from 0 to 2,147,483,647, found -1"):
        limits.require("count", -1, "message 1", "export.json")
    with pytest.raises(SourceError, match=r"min_amount: expected a whole number from 0 to 2,147,483,647"):
        FieldLimits(SalaryRange).fit(SalaryRange(label="x", min_amount=2**40, max_amount=1), "range 1", "role.txt")


def test_a_url_from_data_is_kept_only_when_safe_and_fitting():
    report = ImportReport(source="x")
    limits = FieldLimits(Channel, report)
    assert limits.url("link", "https://t.me/channel", "meta") == "https://t.me/channel"
    assert limits.url("link", "javascript:alert(1)", "meta") == ""
    assert limits.url("link", "https://example.com/" + "a" * 300, "meta") == ""
    assert report.warnings == [
        "meta: link 'javascript:alert(1)' is not an http, https, mailto or tg link; left out",
        "meta: link is longer than 200 characters; left out",
    ]


def test_a_side_file_must_be_a_small_json_object(tmp_path):
    path = tmp_path / "x.meta.json"
    assert read_json_side_file(path, required=False) is None
    with pytest.raises(SourceError, match=r"x\.meta\.json: no such file: the title is not in the text"):
        read_json_side_file(path, required=True, missing="the title is not in the text")
    path.write_text('{"name": "a\\u0000b\\u000bc", "list": ["\\ud800x"]}', encoding="utf-8")
    assert read_json_side_file(path, required=True) == {"name": "abc", "list": ["x"]}  # cleaned
    path.write_bytes(b'{"a": ' + b"[" * 100 + b"]" * 100 + b"}")
    with pytest.raises(SourceError, match=r"x\.meta\.json, line 1: lists and objects nested more than 32 deep"):
        read_json_side_file(path, required=True)
    path.write_bytes(b'{"a": "' + b"x" * (1 << 20) + b'"}')
    with pytest.raises(SourceError, match=r"x\.meta\.json: is 1\.0 MB; expected a metadata file of at most 1 MB"):
        read_json_side_file(path, required=True)


def test_a_text_source_is_cleaned_of_what_xml_and_postgresql_cannot_hold(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Title\x0b\nline\x1f two\r\n\ufffe", encoding="utf-8")
    assert read_text_source(path) == "Title\nline two\n"


def test_a_text_source_past_its_limit_is_refused_unread(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(b"w" * (MAX_TEXT_SOURCE_BYTES + 1))
    with pytest.raises(SourceError, match="expected a text source of at most 8 MB"):
        read_text_source(path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error", [DataError("value too long for type character varying(64)\nDETAIL: x"), IntegrityError("UNIQUE"),
              ValueError("bad"), OverflowError("Python int too large to convert to SQLite INTEGER")]
)  # fmt: skip
def test_a_value_the_database_refuses_becomes_a_source_error_naming_the_record(error):
    report = ImportReport(source="x")
    report.record = "the batch from message 1 to message 1000"
    with pytest.raises(SourceError) as caught, import_transaction(path="export.json", report=report):
        Channel.objects.create(name="x", slug="x")
        raise error
    said = str(caught.value)
    assert said.startswith("export.json, the batch from message 1 to message 1000: the database refused a ")
    assert "\n" not in said
    assert not Channel.objects.exists()


class FailingImport(ImportCommand):
    def __init__(self, error, warnings=0):
        super().__init__(stdout=io.StringIO(), stderr=io.StringIO())
        self.error, self.warnings = error, warnings

    def run_import(self, path, **options):
        if self.error:
            raise self.error
        report = ImportReport(source=path)
        for n in range(self.warnings):
            report.warn(f"message {n + 1}", "text cut")
        return report


def run(command, verbosity=1):
    command.handle(path="x.json", dry_run=False, overwrite=False, verbosity=verbosity)
    return command.stderr._out.getvalue()


@pytest.mark.parametrize(
    "message, expected",
    [
        (
            "database is locked",
            "Import failed, nothing was changed: the database is busy (database is locked); another",
        ),
        ("canceling statement due to lock timeout", "the database is busy (canceling statement due to lock timeout)"),
        ("no such table: posts_post", "Import failed, nothing was changed: the database refused it (no such table"),
    ],
)
def test_a_busy_or_broken_database_is_one_line_not_a_traceback(message, expected):
    with pytest.raises(CommandError) as caught:
        run(FailingImport(OperationalError(message + "\nmore")))
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_warnings_are_listed_up_to_twenty_and_all_of_them_at_verbosity_two():
    shown = run(FailingImport(None, warnings=25))
    assert shown.count("warning:") == 20 and "… and 5 more (-v 2 lists them all)" in shown
    assert run(FailingImport(None, warnings=25), verbosity=2).count("warning:") == 25
