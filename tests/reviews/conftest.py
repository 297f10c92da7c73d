"""Fixtures and factories for the reviews app's tests."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from reviews.models import Paper, Review, Section
from reviews.parsers import parse_review

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "002_fbfd4bd7059abbbb.txt"
META = SEED.with_name("002_fbfd4bd7059abbbb.meta.json")
MAPPING = SEED.with_name("002_fbfd4bd7059abbbb.mapping.json")
SLUG = "ai-medical-imaging-covid-19"


def seed_text():
    return SEED.read_text(encoding="utf-8")


def seed_meta():
    return json.loads(META.read_text(encoding="utf-8"))


def seed_mapping():
    return json.loads(MAPPING.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed():
    """The real seed, parsed once."""
    return parse_review(seed_text(), meta=seed_meta(), mapping=seed_mapping())


@pytest.fixture
def imported(db):
    """The real seed imported; returns the review."""
    call_command("import_reviews", str(SEED), verbosity=0)
    return Review.objects.get(slug=SLUG)


def copy_seed(directory, *, text=None, meta=None, mapping=None, name="review.txt"):
    """The seed (or a variant of it) with its side files in `directory`; returns the text's path."""
    path = Path(directory) / name
    stem = path.stem
    if text is None:
        shutil.copy(SEED, path)
    elif isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    if meta is not False:
        meta = seed_meta() if meta is None else meta
        (path.parent / f"{stem}.meta.json").write_text(
            meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8"
        )
    if mapping is not False:
        mapping = seed_mapping() if mapping is None else mapping
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
