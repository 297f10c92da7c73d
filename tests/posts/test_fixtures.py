"""posts/fixtures/posts.json: in step with the parser, and safe to load into any database."""

import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from kb_site.fixtures import dump_app, normalized
from posts.models import Channel, Hashtag, Link, Post, Reaction
from tests.seeds import POST_SEED, ROOT

FIXTURE = ROOT / "posts" / "fixtures" / "posts.json"


def comparable(records):
    """Records without what changes at every import or is derived by the database (PostgreSQL's search vector)."""
    return [
        {**record, "fields": {k: v for k, v in record["fields"].items() if k != "search_vector"}}
        for record in normalized(records)
    ]


def counts():
    return tuple(m.objects.count() for m in (Channel, Hashtag, Post, Reaction, Link, Post.hashtags.through))


def pages(client):
    """What a reader gets from the list, the tags and every post, without database ids."""
    listing = client.get("/posts/", {"format": "json", "page_size": 500}).json()
    for result in listing["results"]:
        result.pop("id"), result.pop("url")
    details = []
    for post in Post.objects.order_by("position"):
        body = client.get(post.get_absolute_url(), {"format": "json"}).json()
        for key in ("id", "url"):
            body.pop(key)
        details.append(body)
    return listing, client.get("/posts/tags/", {"format": "json"}).json(), details


@pytest.mark.django_db
def test_the_fixture_holds_what_importing_the_seed_gives():
    call_command("import_posts", str(POST_SEED), verbosity=0)
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert comparable(dump_app("posts")) == comparable(fixture)
    assert len(fixture) == 65  # 1 channel, 11 hashtags, 16 posts, 32 reactions, 5 links


@pytest.mark.django_db
def test_the_fixture_uses_natural_keys_only():
    for record in json.loads(FIXTURE.read_text(encoding="utf-8")):
        assert "pk" not in record
        if record["model"] == "posts.post":
            assert record["fields"]["channel"] == ["2pr-io-founder"]
            assert all(isinstance(tag, list) for tag in record["fields"]["hashtags"])


@pytest.mark.django_db
def test_loading_the_fixture_gives_the_same_pages_as_importing(client):
    call_command("import_posts", str(POST_SEED), verbosity=0)
    imported = pages(client)
    Post.objects.all().delete()
    Hashtag.objects.all().delete()
    Channel.objects.all().delete()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert pages(client) == imported


@pytest.mark.django_db
def test_loading_the_fixture_twice_makes_no_duplicates():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    once = counts()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert counts() == once == (1, 11, 16, 32, 5, 28)


@pytest.mark.django_db
def test_loading_the_fixture_into_an_imported_database_updates_in_place():
    call_command("import_posts", str(POST_SEED), verbosity=0)
    ids = sorted(Post.objects.values_list("id", flat=True))
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert sorted(Post.objects.values_list("id", flat=True)) == ids
    assert counts() == (1, 11, 16, 32, 5, 28)


@pytest.mark.django_db(transaction=True)
def test_dumpdata_flush_loaddata_loses_nothing():
    call_command("import_posts", str(POST_SEED), verbosity=0)
    post = Post.objects.get(position=3)
    post.is_published = False
    post.is_edited = True
    post.save()
    before = dump_app("posts")
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "backup.json"
        backup.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
        call_command("flush", interactive=False, verbosity=0)
        assert counts() == (0, 0, 0, 0, 0, 0)
        call_command("loaddata", str(backup), verbosity=0)
    after = dump_app("posts")
    assert [{k: v for k, v in r["fields"].items() if k != "search_vector"} for r in after] == [
        {k: v for k, v in r["fields"].items() if k != "search_vector"} for r in before
    ]
    assert Post.objects.get(position=3).is_published is False
