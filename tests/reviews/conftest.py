"""Fixtures for the reviews tests: the seed, parsed and imported."""

import pytest
from django.core.management import call_command

from reviews.models import Review
from reviews.parsers import parse_review
from tests.seeds import REVIEW_SEED, REVIEW_SLUG, read_seed, read_side_file


@pytest.fixture(scope="session")
def seed_text():
    """The review seed's text."""
    return read_seed(REVIEW_SEED)


@pytest.fixture(scope="session")
def parsed(seed_text):
    """The real seed, parsed once."""
    return parse_review(
        seed_text, meta=read_side_file(REVIEW_SEED, "meta"), mapping=read_side_file(REVIEW_SEED, "mapping")
    )


@pytest.fixture
def imported(db):
    """The real seed imported; returns the review."""
    call_command("import_reviews", str(REVIEW_SEED), verbosity=0)
    return Review.objects.get(slug=REVIEW_SLUG)
