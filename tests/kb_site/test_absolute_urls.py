"""URLs in JSON and CSV are absolute everywhere: no answer of any list, entry or search holds a bare path."""

import csv
import io

import pytest
from django.core.management import call_command

from posts.models import Post
from reviews.models import Paper
from roles.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("import_seeds", verbosity=0)


def bare_paths(value, where="$"):
    """Every string in a JSON value that is a path without scheme and host."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in bare_paths(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in bare_paths(item, f"{where}[{i}]")]
    if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
        return [f"{where} = {value}"]
    return []


def json_addresses():
    role = Role.objects.published().first()
    post = Post.objects.published().first()
    paper = Paper.objects.published().select_related("review").first()
    review = paper.review
    return [
        "/roles/",
        role.get_absolute_url(),
        f"/roles/compare/?roles={role.slug}&roles={Role.objects.exclude(pk=role.pk).first().slug}",
        "/posts/?page_size=2",
        post.get_absolute_url(),
        "/posts/tags/",
        post.hashtags.first().get_absolute_url(),
        "/reviews/",
        review.get_absolute_url(),
        f"{review.get_absolute_url()}papers/?page_size=3",
        paper.get_absolute_url(),
        f"{review.get_absolute_url()}modalities/",
        "/search/?q=ai",
    ]


def test_every_json_answer_holds_absolute_urls_only(client, seeded):
    for address in json_addresses():
        response = client.get(address, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, address
        assert bare_paths(response.json()) == [], address


def test_every_csv_export_holds_absolute_urls_only(client, seeded):
    review = Paper.objects.select_related("review").first().review
    for address in ("/roles/", "/posts/", "/reviews/", f"{review.get_absolute_url()}papers/"):
        response = client.get(address, {"format": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) > 1
        cells = [cell for row in rows[1:] for cell in row if cell.startswith("/")]
        assert cells == [], address
        assert any(cell.startswith("http://testserver/") for cell in rows[1]), address
