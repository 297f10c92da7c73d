"""Fixtures for the posts tests: the seed and its import."""

import pytest
from django.core.management import call_command

from posts.models import Post
from tests.seeds import POST_SEED, read_seed


@pytest.fixture(scope="session")
def seed_text():
    """The posts seed's text."""
    return read_seed(POST_SEED)


@pytest.fixture
def seeded_posts(db):
    """The seed imported into the test database."""
    call_command("import_posts", str(POST_SEED), verbosity=0)
    return Post.objects.all()
