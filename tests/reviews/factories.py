"""Builders for the reviews tests: reviews, papers, sections and copies of the seed with its side files."""

import json
import shutil
from pathlib import Path

from reviews.models import Paper, Review, Section
from tests.seeds import REVIEW_SEED, read_side_file


def copy_seed(directory, *, text=None, meta=None, mapping=None, name="review.txt"):
    """The seed (or a variant of it) with its side files in `directory`; returns the text's path."""
    path = Path(directory) / name
    stem = path.stem
    if text is None:
        shutil.copy(REVIEW_SEED, path)
    elif isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    if meta is not False:
        meta = read_side_file(REVIEW_SEED, "meta") if meta is None else meta
        (path.parent / f"{stem}.meta.json").write_text(
            meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8"
        )
    if mapping is not False:
        mapping = read_side_file(REVIEW_SEED, "mapping") if mapping is None else mapping
        (path.parent / f"{stem}.mapping.json").write_text(
            mapping if isinstance(mapping, str) else json.dumps(mapping), encoding="utf-8"
        )
    return path


def make_review(slug="test-review", **fields):
    defaults = {
        "title": "A Test Review of Imaging",
        "authors": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Richard"}],
        "server": "medRxiv",
        "doi": "10.1101/2020.01.01.00000001",
    }
    return Review.objects.create(slug=slug, **{**defaults, **fields})


def make_paper(review, title="A paper about CT", **fields):
    defaults = {"first_author": "Smith", "task": "diagnosis", "modality": "ct", "maturity": "high"}
    return Paper.objects.create(review=review, title=title, **{**defaults, **fields})


def make_section(review, position, heading="Methods", text="Some text.", **fields):
    return Section.objects.create(review=review, position=position, heading=heading, text=text, **fields)


def bulk_papers(review, count, *, start=1):
    """Many papers quickly (bulk_create fills the search columns itself)."""
    tasks = ["diagnosis", "severity-assessment", "prognosis", "segmentation", "review"]
    modalities = ["ct", "cxr", "lus", "multimodal"]
    papers = []
    for i in range(start, start + count):
        paper = Paper(
            review=review,
            slug=f"bulk-{i}",
            title=f"Bulk paper {i} on imaging",
            first_author=f"Author{i}",
            reference=i,
            task=tasks[i % len(tasks)],
            modality=modalities[i % len(modalities)],
            maturity=["high", "medium", "low"][i % 3],
        )
        papers.append(paper)
    Paper.objects.bulk_create(papers)
