"""Fixtures for the roles tests: the seed, its import, and many roles."""

import pytest
from django.core.management import call_command

from roles.models import Role
from roles.parsers import parse_page
from tests.roles.factories import bulk_roles, make_role
from tests.seeds import ROLE_SEED, read_seed


@pytest.fixture(scope="session")
def seed_text():
    """The roles seed's text."""
    return read_seed(ROLE_SEED)


@pytest.fixture(scope="session")
def page(seed_text):
    """The seed, parsed once for the whole session (tests must not change it)."""
    return parse_page(seed_text)


@pytest.fixture
def imported(db):
    """The seed imported into the test database."""
    call_command("import_roles", str(ROLE_SEED), verbosity=0)
    return Role.objects.all()


@pytest.fixture
def role_factory(db):
    return make_role


@pytest.fixture
def many_roles(db):
    """200 roles, each related to its neighbour (for query-count bounds)."""
    roles = bulk_roles(200)
    through = Role.related.through
    through.objects.bulk_create(
        [through(from_role=a, to_role=b) for a, b in zip(roles, roles[1:], strict=False)]
        + [through(from_role=b, to_role=a) for a, b in zip(roles, roles[1:], strict=False)]
    )
    return roles
