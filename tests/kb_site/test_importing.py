"""What every importer shares: safe reading, the upsert decision, dry runs."""

from types import SimpleNamespace

import pytest

from kb_site.importing import (
    CREATED,
    KEPT,
    UNCHANGED,
    UPDATED,
    ImportReport,
    SourceError,
    decide,
    read_text_source,
)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SourceError, match=r"nope\.txt: no such file"):
        read_text_source(tmp_path / "nope.txt")


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    with pytest.raises(SourceError, match="the file is empty"):
        read_text_source(path)


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(SourceError, match="binary"):
        read_text_source(path)


def test_a_wrongly_encoded_file_names_the_line(tmp_path):
    path = tmp_path / "cp1251.txt"
    path.write_bytes("first line\nвторая строка\n".encode("cp1251"))
    with pytest.raises(SourceError) as caught:
        read_text_source(path)
    assert "line 2" in str(caught.value) and "not valid UTF-8" in str(caught.value)


def test_utf8_with_a_bom_and_windows_line_ends_is_read(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffПривет\r\nмир\r\n".encode())
    assert read_text_source(path) == "Привет\nмир\n"


def entry(checksum="abc", is_edited=False):
    return SimpleNamespace(checksum=checksum, is_edited=is_edited)


def test_the_upsert_decision_keeps_curated_entries():
    assert decide(None, "abc", overwrite=False) == CREATED
    assert decide(entry(), "abc", overwrite=False) == UNCHANGED
    assert decide(entry(), "new", overwrite=False) == UPDATED
    assert decide(entry(is_edited=True), "new", overwrite=False) == KEPT
    assert decide(entry(is_edited=True), "abc", overwrite=False) == KEPT
    assert decide(entry(is_edited=True), "abc", overwrite=True) == UPDATED


def test_the_report_says_what_happened():
    report = ImportReport(source="seeds/x.txt")
    report.count(CREATED, "a")
    report.count(CREATED, "b")
    report.count(KEPT, "c")
    assert report.created == 2 and report.kept == 1 and report.total == 3
    assert report.summary() == "seeds/x.txt: 2 created, 0 updated, 1 kept."
    assert ImportReport(source="s", dry_run=True).summary().startswith("s: Dry run, nothing saved")
