"""roles/fixtures/roles.json: in step with the parser, and loadable on an empty or populated database."""

import json

import pytest
from django.core.management import call_command

from kb_site.fixtures import dump_app, normalized
from roles.models import Industry, Role, RoleIndustry, RoleSkill, SalaryRange, Section, Skill, Statistic
from tests.seeds import CAIO, RELATED, ROLE_SEED, ROOT

pytestmark = pytest.mark.django_db

FIXTURE = ROOT / "roles" / "fixtures" / "roles.json"
MODELS = (Role, Section, SalaryRange, Statistic, Skill, Industry, RoleSkill, RoleIndustry)


def comparable(records):
    """Fixture records without what changes at each import or differs by database (the PostgreSQL vector)."""
    clean = normalized(records)
    for record in clean:
        record["fields"].pop("search_vector", None)
    return clean


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def pages(client):
    """What readers get: the list, every profile and a comparison, as JSON without volatile fields."""
    seen = {"list": client.get("/roles/", {"format": "json", "page_size": 500}).json()}
    for slug in [CAIO, *RELATED]:
        profile = client.get(f"/roles/{slug}/", {"format": "json"}).json()
        profile["source"].pop("imported_at")
        seen[slug] = profile
    seen["compare"] = client.get("/roles/compare/", {"roles": [CAIO, RELATED[0]], "format": "json"}).json()
    seen["list_html"] = client.get("/roles/").content.decode()
    return seen


def test_the_fixture_holds_what_importing_the_seed_gives():
    call_command("import_roles", str(ROLE_SEED), verbosity=0)
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert comparable(dump_app("roles")) == comparable(fixture), (
        "roles/fixtures/roles.json is out of step with the parser: rebuild it (make fixtures)"
    )


def test_the_fixture_uses_natural_keys_only():
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert fixture and all("pk" not in record for record in fixture)
    link = next(record for record in fixture if record["model"] == "roles.roleskill")
    assert isinstance(link["fields"]["role"], list) and isinstance(link["fields"]["skill"], list)


def test_loaddata_into_an_empty_database_gives_the_same_pages_as_the_import(client):
    call_command("import_roles", str(ROLE_SEED), verbosity=0)
    imported = pages(client)
    for model in (Role, Skill, Industry):
        model.objects.all().delete()
    assert sum(counts().values()) == 0
    call_command("loaddata", "roles", verbosity=0)
    assert pages(client) == imported


def test_loaddata_twice_makes_no_duplicates():
    call_command("loaddata", "roles", verbosity=0)
    once = counts()
    call_command("loaddata", "roles", verbosity=0)
    assert counts() == once
    assert once["Role"] == 5 and once["Section"] == 28
    assert Role.objects.get(slug=CAIO).related.count() == 4


def test_loaddata_into_a_populated_database_updates_rows_in_place():
    call_command("import_roles", str(ROLE_SEED), verbosity=0)
    Role.objects.filter(slug=CAIO).update(summary="Changed by hand")
    ids = set(Role.objects.values_list("id", flat=True))
    call_command("loaddata", "roles", verbosity=0)
    assert set(Role.objects.values_list("id", flat=True)) == ids
    assert Role.objects.get(slug=CAIO).summary.startswith("The role of a Chief AI Officer")


@pytest.mark.django_db(transaction=True)  # flush truncates tables: PostgreSQL refuses it inside a transaction
def test_dumpdata_flush_loaddata_loses_nothing(tmp_path):
    call_command("import_roles", str(ROLE_SEED), verbosity=0)
    Role.objects.filter(slug="ai-ml-developer").update(is_published=False, is_edited=True)
    before = dump_app("roles")
    backup = tmp_path / "backup.json"
    call_command("dumpdata", "roles", natural_foreign=True, natural_primary=True, output=str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert Role.objects.count() == 0
    call_command("loaddata", str(backup), verbosity=0)
    assert dump_app("roles") == before  # every field, provenance and publication included
    assert not Role.objects.get(slug="ai-ml-developer").is_published
