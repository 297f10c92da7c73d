import pytest


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser (staff with every permission)."""
    user = django_user_model.objects.create_superuser("curator", "curator@example.com", "curator-password")
    client.force_login(user)
    return client
