"""The fixture is a product: in step with the parser, loadable into an empty or a populated database."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command

from kb_site.fixtures import dump_app, normalized
from reviews.models import Finding, ModalityComparison, Paper, PrismaStage, Review, Section
from tests.seeds import REVIEW_SEED, REVIEW_SLUG, ROOT

FIXTURE = ROOT / "reviews" / "fixtures" / "reviews.json"
MODELS = (Review, Paper, Section, Finding, PrismaStage, ModalityComparison)


def counts():
    return [model.objects.count() for model in MODELS]


def pages(client):
    """What readers get: every page of the review, as HTML and JSON."""
    base = f"/reviews/{REVIEW_SLUG}/"
    urls = [
        "/reviews/?format=json",
        base,
        f"{base}?format=json",
        f"{base}papers/",
        f"{base}papers/?format=json&page_size=500",
        f"{base}modalities/",
        f"{base}modalities/?format=json",
        f"{base}papers/mei-artificial-intelligence-enabled-rapid-diagnosis-of/",
    ]
    responses = {url: client.get(url) for url in urls}
    assert {url: r.status_code for url, r in responses.items()} == dict.fromkeys(urls, 200)
    return {url: r.content.decode() for url, r in responses.items()}


@pytest.mark.django_db
def test_the_fixture_holds_what_importing_the_seed_gives(imported):
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert normalized(dump_app("reviews")) == normalized(fixture)


@pytest.mark.django_db
def test_loaddata_into_an_empty_database_gives_the_same_pages_as_the_import(client):
    call_command("loaddata", "reviews", verbosity=0)
    loaded = pages(client)
    assert apps.get_app_config("reviews").search("severity").total > 0  # search works without a save()
    Review.objects.all().delete()
    call_command("import_reviews", str(REVIEW_SEED), verbosity=0)
    assert pages(client) == loaded


@pytest.mark.django_db
def test_loaddata_twice_or_over_an_import_duplicates_nothing(imported):
    before = counts()
    assert before == [1, 13, 20, 36, 7, 21]
    call_command("loaddata", "reviews", verbosity=0)
    call_command("loaddata", "reviews", verbosity=0)
    assert counts() == before


@pytest.mark.django_db(transaction=True)
def test_dumpdata_flush_loaddata_loses_nothing(tmp_path):
    call_command("import_reviews", str(REVIEW_SEED), verbosity=0)
    Paper.objects.filter(reference=20).update(is_published=False, maturity="medium", is_edited=True)
    before = normalized(dump_app("reviews"))
    backup = tmp_path / "backup.json"
    call_command("dumpdata", "reviews", natural_foreign=True, natural_primary=True, output=str(backup))
    call_command("flush", interactive=False, verbosity=0)
    assert counts() == [0] * len(MODELS)
    call_command("loaddata", str(backup), verbosity=0)
    assert normalized(dump_app("reviews")) == before
