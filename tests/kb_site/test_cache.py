"""Cached counts, facets and home cards are invalidated by every kind of change; pages answer conditional GETs."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from kb_site.cache import KEEP_MAX, _kept, cached
from posts.models import Post
from roles.models import Role
from tests.posts.factories import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("import_seeds", verbosity=0)


def facet(response, param):
    return {o.value: o.count for group in response.context["facets"] if group.param == param for o in group.options}


def test_an_admin_edit_refreshes_the_cached_facet_counts(client, staff_client, seeded):
    before = facet(client.get("/posts/"), "tag")
    assert before["стартапы"] == 6
    post = Post.objects.get(headline="Grok в телеге.")
    data = post_form(post, text=post.text + "\n#стартапы")
    response = staff_client.post(reverse("admin:posts_post_change", args=[post.pk]), data)
    assert response.status_code == 302
    assert facet(client.get("/posts/"), "tag")["стартапы"] == 7


def test_an_admin_action_refreshes_counts_and_the_home_page(client, staff_client, seeded):
    assert client.get("/roles/").context["result_count"] == 5
    home = {c["label"]: c["count"] for c in client.get("/").context["collections"]}
    assert home["roles"] == 5
    caio = Role.objects.get(slug="chief-ai-officer")
    changelist = reverse("admin:roles_role_changelist")
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [caio.pk]})
    assert client.get("/roles/").context["result_count"] == 4
    assert {c["label"]: c["count"] for c in client.get("/").context["collections"]}["roles"] == 4


def test_an_admin_delete_refreshes_the_cached_counts(client, staff_client, seeded):
    assert client.get("/posts/").context["result_count"] == 16
    post = Post.objects.get(headline="Grok в телеге.")
    staff_client.post(reverse("admin:posts_post_delete", args=[post.pk]), {"post": "yes"})
    assert client.get("/posts/").context["result_count"] == 15


def test_an_import_refreshes_the_cached_counts(client, seeded, tmp_path):
    assert client.get("/posts/").context["result_count"] == 16
    export = tmp_path / "result.json"
    export.write_text(
        '{"name": "Another channel", "type": "public_channel", "id": 42, "messages": ['
        '{"id": 1, "type": "message", "date": "2025-01-02T10:00:00", "text": "Новый пост #стартапы",'
        ' "text_entities": [{"type": "plain", "text": "Новый пост "}, {"type": "hashtag", "text": "#стартапы"}]}]}',
        encoding="utf-8",
    )
    call_command("import_posts", str(export), verbosity=0)
    response = client.get("/posts/")
    assert response.context["result_count"] == 17
    assert facet(response, "tag")["стартапы"] == 7


def test_each_tag_page_has_its_own_cached_counts(client, seeded):
    startups = client.get("/posts/tags/стартапы/")
    venture = client.get("/posts/tags/венчур/")
    assert startups.context["result_count"] == 6
    assert venture.context["result_count"] == 3
    assert facet(startups, "tag")["стартапы"] == 6 and facet(venture, "tag")["венчур"] == 3


@pytest.mark.parametrize("path", ["/posts/feed/", "/roles/chief-ai-officer/", "/reviews/ai-medical-imaging-covid-19/"])
def test_pages_and_feeds_answer_conditional_gets(client, seeded, path):
    first = client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_post_page_changes_its_etag_when_the_post_changes(client, seeded):
    post = Post.objects.get(headline="Grok в телеге.")
    etag = client.get(post.get_absolute_url())["ETag"]
    post.text += "\nещё строка"
    post.save()
    response = client.get(post.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def redis_available():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_available(), reason="no Redis server on 127.0.0.1:6379")
def test_the_cached_fragments_work_with_redis_too(client, seeded, django_assert_max_num_queries):
    from django.core.cache import caches
    from django.test import override_settings

    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/9",
            "KEY_PREFIX": "kb-tests",
        }
    }
    with override_settings(CACHES=redis):
        caches["default"].clear()
        try:
            assert facet(client.get("/posts/"), "tag")["стартапы"] == 6
            with django_assert_max_num_queries(5):  # version, page, 3 prefetches: counts and facets from Redis
                assert facet(client.get("/posts/"), "tag")["стартапы"] == 6
            Post.objects.filter(headline="Grok в телеге.").first().hashtags.add(
                *Post.objects.get(headline="Обновили 2pr.io").hashtags.filter(key="стартапы")
            )
            assert facet(client.get("/posts/"), "tag")["стартапы"] == 7
        finally:
            caches["default"].clear()


@pytest.mark.django_db
def test_a_kept_value_is_the_processs_own_until_the_shared_cache_loses_it_or_the_version_changes():
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    first = cached("posts", ["kept"], compute, version=1, keep=True)
    assert cached("posts", ["kept"], compute, version=1, keep=True) is first  # the same object: nothing unpickled
    assert len(calls) == 1
    cache.clear()  # the shared cache emptied (a test, an operator): the process's copy is not used
    assert cached("posts", ["kept"], compute, version=1, keep=True) == {"n": 2}
    assert cached("posts", ["kept"], compute, version=2, keep=True) == {"n": 3}  # a new version, a new value
    for n in range(KEEP_MAX + 1):  # the process keeps only the last KEEP_MAX
        cached("posts", ["other", n], compute, version=1, keep=True)
    assert len(_kept) == KEEP_MAX
