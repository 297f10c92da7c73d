"""Importing a review: idempotent, atomic, dry runs, curated entries kept, clear errors for bad files."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kb_site.fixtures import dump_app, normalized
from reviews.models import Finding, ModalityComparison, Paper, PrismaStage, Review, Section
from tests.reviews.factories import copy_seed
from tests.seeds import REVIEW_SEED, REVIEW_SLUG, read_seed, read_side_file

pytestmark = pytest.mark.django_db


def run(path, *args):
    out = StringIO()
    call_command("import_reviews", str(path), *args, stdout=out, verbosity=1)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Review, Paper, Section, Finding, PrismaStage, ModalityComparison)
    }


SEED_COUNTS = {"Review": 1, "Paper": 13, "Section": 20, "Finding": 36, "PrismaStage": 7, "ModalityComparison": 21}


def test_the_seed_imports_whole_and_reports_counts():
    out = run(REVIEW_SEED)
    assert counts() == SEED_COUNTS
    assert "seeds/002_fbfd4bd7059abbbb.txt: 14 created, 0 updated." in out
    review = Review.objects.get(slug=REVIEW_SLUG)
    assert review.origin == "imported" and review.source == "seeds/002_fbfd4bd7059abbbb.txt"
    assert review.imported_at is not None and len(review.checksum) == 64
    assert review.authors[0] == {"family": "Born", "given": "Jannis"}


def test_importing_twice_changes_nothing():
    run(REVIEW_SEED)
    before = normalized(dump_app("reviews"))
    out = run(REVIEW_SEED)
    assert "0 created, 0 updated, 14 unchanged" in out
    assert counts() == SEED_COUNTS
    assert normalized(dump_app("reviews")) == before


def test_import_seeds_loads_the_review_seed():
    call_command("import_seeds", only=["reviews"], verbosity=0)
    assert counts() == SEED_COUNTS


def test_a_dry_run_reports_and_saves_nothing():
    out = run(REVIEW_SEED, "--dry-run")
    assert "Dry run, nothing saved — would be: 14 created" in out
    assert Review.objects.count() == 0 and Paper.objects.count() == 0


def test_an_import_never_changes_whether_an_entry_is_published():
    run(REVIEW_SEED)
    Review.objects.update(is_published=False)
    Paper.objects.filter(reference=15).update(is_published=False)
    run(REVIEW_SEED, "--overwrite")
    assert not Review.objects.get().is_published
    assert not Paper.objects.get(reference=15).is_published
    assert Paper.objects.filter(is_published=True).count() == 12


def test_a_review_edited_in_admin_is_kept_with_its_parts_unless_overwrite(tmp_path):
    run(REVIEW_SEED)
    review = Review.objects.get()
    Review.objects.filter(pk=review.pk).update(title="Curated title", is_edited=True)
    Section.objects.filter(review=review, heading="Diagnosis").update(text="Curated text.")
    changed = read_side_file(REVIEW_SEED, "meta") | {"version_note": "A new note from the source."}
    path = copy_seed(tmp_path, meta=changed)
    out = run(path)
    assert "1 kept" in out
    review.refresh_from_db()
    assert review.title == "Curated title" and review.version_note != "A new note from the source."
    assert Section.objects.get(heading="Diagnosis").text == "Curated text."

    run(path, "--overwrite")
    review.refresh_from_db()
    assert review.title.startswith("On the Role") and review.version_note == "A new note from the source."
    assert not review.is_edited
    assert Section.objects.get(heading="Diagnosis").text.startswith("73% of the papers")


def test_a_paper_edited_in_admin_is_kept_unless_overwrite():
    run(REVIEW_SEED)
    Paper.objects.filter(reference=16).update(task="segmentation", is_edited=True)
    out = run(REVIEW_SEED)
    assert "1 kept" in out and Paper.objects.get(reference=16).task == "segmentation"
    run(REVIEW_SEED, "--overwrite")
    assert Paper.objects.get(reference=16).task == "diagnosis"


def test_a_changed_source_updates_the_review_and_replaces_its_parts(tmp_path):
    run(REVIEW_SEED)
    text = read_seed(REVIEW_SEED).replace("Triage ", "Triage in the emergency room ")
    mapping = read_side_file(REVIEW_SEED, "mapping")
    mapping["table_2"]["rows"]["Clinical role"]["LUS"][0] = "Triage in the emergency room"
    # the same natural key (slug from the metadata) makes it the same review
    out = run(copy_seed(tmp_path, text=text, mapping=mapping))
    assert "0 created, 1 updated, 13 unchanged" in out
    assert ModalityComparison.objects.filter(text="Triage in the emergency room").count() == 1
    assert ModalityComparison.objects.count() == 21 and Section.objects.count() == 20


def test_the_papers_of_a_review_link_its_citations():
    run(REVIEW_SEED)
    html = Section.objects.get(heading="Most AI Solutions for COVID-19 have Low Maturity").text_html
    mei = Paper.objects.get(reference=15)
    assert f'<a href="{mei.get_absolute_url()}" title="Mei: Artificial intelligence–enabled' in html
    assert "<sup>[" in html and "[14]" not in Section.objects.get(heading="Diagnosis").text_html


# Bad files: a CommandError naming the file and the problem, and no change in the database


@pytest.fixture
def populated():
    run(REVIEW_SEED)
    return normalized(dump_app("reviews"))


def fails(path, message):
    with pytest.raises(CommandError) as caught:
        run(path)
    text = str(caught.value)
    assert text.startswith("Import failed, nothing was changed.")
    assert message in text, text
    return text


def unchanged(before):
    assert normalized(dump_app("reviews")) == before


def test_an_empty_file_is_refused(tmp_path, populated):
    path = copy_seed(tmp_path, text="\n  \n")
    assert str(path) in fails(path, "the file is empty")
    unchanged(populated)


def test_a_binary_file_is_refused(tmp_path, populated):
    path = copy_seed(tmp_path, text=b"%PDF-1.5\n\x00\x01\x02binary" * 50)
    fails(path, "looks like a binary file")
    unchanged(populated)


def test_a_wrongly_encoded_file_is_refused(tmp_path, populated):
    path = copy_seed(tmp_path, text=read_seed(REVIEW_SEED).replace("’", "'").encode("cp1252").replace(b"-", b"\x96", 1))
    fails(path, "is not valid UTF-8")
    unchanged(populated)


def test_a_file_cut_in_the_middle_of_its_text_is_refused(tmp_path, populated):
    text = read_seed(REVIEW_SEED)
    path = copy_seed(tmp_path, text=text[: int(len(text) * 0.6)])
    fails(path, "refers to table 1, but the file holds no table 1 (is the file truncated?)")
    unchanged(populated)


def test_a_file_cut_in_the_middle_of_table_1_is_refused(tmp_path, populated):
    text = read_seed(REVIEW_SEED)
    path = copy_seed(tmp_path, text=text[: text.index("Zhou25")])
    fails(path, "refers to table 2, but the file holds no table 2 (is the file truncated?)")
    unchanged(populated)


def test_a_table_1_that_lost_a_row_is_refused(tmp_path, populated):
    path = copy_seed(tmp_path, text=read_seed(REVIEW_SEED).replace("Zhou25 Severity", ""))
    text = fails(path, "the caption announces 13 papers, the table holds 12 (is the file truncated?)")
    assert "line 542, Table 1" in text  # the caption's line
    unchanged(populated)


def test_a_table_1_row_without_its_author_line_names_the_line(tmp_path, populated):
    text = read_seed(REVIEW_SEED)
    end = text.index(" Table 2.")
    path = copy_seed(tmp_path, text=text[: text.index("Zhang27")] + "\n" + text[end:])
    fails(path, "line 625, Table 1: the row 'Clinically Applicable AI System")
    unchanged(populated)


def test_a_file_cut_within_its_abstract_is_refused(tmp_path, populated):
    path = copy_seed(tmp_path, text=read_seed(REVIEW_SEED)[:1500])
    fails(path, "the text ends within the abstract (is the file truncated?)")
    unchanged(populated)


def test_a_document_of_another_kind_is_refused(tmp_path, populated):
    role_page = (REVIEW_SEED.parent / "000_0fd3161aa7286deb.txt").read_text(encoding="utf-8")
    path = copy_seed(tmp_path, text=role_page)
    fails(path, "expected the text of a preprint beginning with its 'Abstract' heading, found 'logoAiPathly'")
    unchanged(populated)


def test_a_text_without_its_metadata_file_is_refused(tmp_path, populated):
    path = copy_seed(tmp_path, meta=False)
    text = fails(path, "review.meta.json: no such file: a review's title and authors are not in its text")
    assert str(tmp_path) in text
    unchanged(populated)


def test_a_metadata_file_that_is_not_json_names_its_line(tmp_path, populated):
    path = copy_seed(tmp_path, meta='{"title": "x",\n  "authors": [}\n')
    fails(path, "review.meta.json, line 2: is not valid JSON")
    unchanged(populated)


def test_metadata_disagreeing_with_the_stamp_is_refused(tmp_path, populated):
    path = copy_seed(tmp_path, meta=read_side_file(REVIEW_SEED, "meta") | {"version_date": "2021-03-01"})
    fails(
        path, "review.meta.json, version_date: the preprint's licence stamp (line 235 of the text) gives version_date"
    )
    unchanged(populated)


def test_a_reading_out_of_step_with_the_text_names_the_mapping_file(tmp_path, populated):
    mapping = read_side_file(REVIEW_SEED, "mapping")
    mapping["findings"][0]["figures"][0]["sentence"] = "a sentence the review never wrote"
    path = copy_seed(tmp_path, mapping=mapping)
    fails(path, "review.mapping.json, finding 'papers-mi-covid': expected one sentence containing")
    unchanged(populated)


def test_an_error_late_in_the_file_leaves_no_partial_import(tmp_path):
    text = read_seed(REVIEW_SEED).replace("338 Records selected", "339 Records selected")
    with pytest.raises(CommandError, match="PRISMA counts do not add up"):
        run(copy_seed(tmp_path, text=text))
    assert counts() == dict.fromkeys(SEED_COUNTS, 0)
