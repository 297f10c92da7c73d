import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (the database is rolled back, the cache is not)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser (staff with every permission)."""
    user = django_user_model.objects.create_superuser("curator", "curator@example.com", "curator-password")
    client.force_login(user)
    return client
