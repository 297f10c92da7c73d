"""The search index follows every write, in the write's own transaction, and can be checked and rebuilt."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from kb_site import search
from kb_site.search import parse, schema
from kb_site.search.engine import candidate_ids
from posts.models import Post
from reviews.models import Paper
from roles.models import Role
from tests.listapp.models import Gadget
from tests.posts.factories import bulk_posts, make_post, parsed_post
from tests.reviews.factories import bulk_papers, make_review

pytestmark = pytest.mark.django_db(transaction=False)


def post_ids(text):
    return set(
        search.matching(Post.objects.all(), search.parse(text), every_match=True).queryset.values_list("pk", flat=True)
    )


def check():
    call_command("search_index", "check", "--columns", verbosity=0)


def test_the_importers_multi_row_inserts_and_bulk_updates_are_indexed():
    from kb_site.importing import ImportReport
    from posts.importers import BatchWriter
    from tests.posts.factories import make_channel

    channel = make_channel()
    writer = BatchWriter(channel, ImportReport(source="t"), source="t", overwrite=True)
    for n in (1, 2):
        writer.add(parsed_post(n, text=f"Bulk post {n}\nКенгуру number {n}"))
    writer.flush()
    assert len(post_ids("кенгуру")) == 2
    writer = BatchWriter(channel, ImportReport(source="t"), source="t", overwrite=True)
    writer.add(parsed_post(1, text="Bulk post 1\nЖираф now"))
    writer.flush()  # a changed post: bulk_update
    assert len(post_ids("кенгуру")) == 1 and len(post_ids("жираф")) == 1
    check()


def test_bulk_create_update_and_delete_keep_the_index():
    bulk_posts(5)
    review = make_review()
    bulk_papers(review, 3)
    assert len(post_ids("bulk")) == 5
    assert search.matching(Paper.objects.all(), search.parse("imaging"), every_match=True).queryset.count() == 3
    Post.objects.filter(position__lte=2).update(text="Совсем другой текст")
    Post.objects.filter(position=5).delete()
    assert len(post_ids("другой")) == 2 and len(post_ids("bulk")) == 4  # headlines keep "Bulk"
    check()


def test_a_rolled_back_write_leaves_the_index_as_it_was():
    with pytest.raises(RuntimeError), transaction.atomic():
        make_post("Заголовок\nОкапи в тексте")
        assert post_ids("окапи")
        raise RuntimeError
    assert not post_ids("окапи")
    check()


def test_generated_demo_data_is_searchable():
    call_command("generate_demo_data", posts=50, roles=5, papers=5, seed=3, verbosity=0)
    assert post_ids("стартап") or post_ids("product")
    assert search.matching(Role.objects.all(), search.parse("ai"), every_match=True).queryset.exists()
    check()


def test_the_check_names_what_is_missing_and_rebuild_repairs_it():
    make_post("Заголовок\nВомбат")
    table = "posts_post"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'DROP TRIGGER "{table}_search_vector" ON "{table}"')
        else:
            cursor.execute(f'DROP TRIGGER "{table}_fts_update"')
    with pytest.raises(CommandError, match=r"posts_post: missing posts_post_(fts_update|search_vector)"):
        check()
    call_command("search_index", "rebuild", verbosity=0)
    check()
    Post.objects.filter(text__contains="Вомбат").update(text="Заголовок\nЕхидна")
    assert post_ids("ехидна") and not post_ids("вомбат")


def test_after_migrate_a_dropped_trigger_is_back_and_the_index_rebuilt():
    """A migration that remakes a table on SQLite drops its triggers; post_migrate puts them back."""
    post = make_post("Заголовок\nКоала")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute('DROP TRIGGER "posts_post_search_vector" ON "posts_post"')
        else:
            cursor.execute('DROP TRIGGER "posts_post_fts_insert"')
    assert schema.missing(connection, "posts_post")
    schema.ensure(connection.alias)
    assert schema.missing(connection, "posts_post") == []
    make_post("Заголовок\nКоала два")
    assert post.pk in post_ids("коала") and len(post_ids("коала")) == 2
    check()


def test_check_says_when_columns_are_older_than_the_text():
    post = make_post("Заголовок\nМуравьед")
    Post.objects.filter(pk=post.pk).update(search_text="")  # a write that skipped the columns' rule
    with pytest.raises(CommandError, match="posts_post: 1 rows hold search columns older than their text"):
        check()
    call_command("search_index", "rebuild", verbosity=0)
    check()
    assert post_ids("муравьед") == {post.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the TOAST storage of a tsvector is PostgreSQL's")
def test_posts_and_roles_keep_their_search_vectors_in_the_row():
    # A long entry's vector stays in its row, where a scan for a word reads it without the TOAST table.
    role = Role.objects.create(title="Long role", slug="long-role", body_text=" ".join(f"word{n}" for n in range(4000)))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attstorage FROM pg_attribute "
            "WHERE attrelid IN ('posts_post'::regclass, 'roles_role'::regclass) AND attname = 'search_vector'"
        )
        assert dict(cursor.fetchall()) == {"posts_post": "m", "roles_role": "m"}
    assert set(
        search.matching(Role.objects.all(), search.parse("word3999"), every_match=True).queryset.values_list(
            "pk", flat=True
        )
    ) == {role.pk}


def test_a_common_words_capped_matches_are_the_oldest_on_every_request():
    """Past the cap a `q` keeps the first matches the index yields. PostgreSQL would start a scan of a large
    table where another scan is (another 300 posts for the same word on each request); the site's
    connections start every scan at the table's start (settings)."""
    made = [Gadget.objects.create(name=f"Common gadget {i}", colour="red") for i in range(6)]
    query = parse("common")
    first = candidate_ids(Gadget.objects.all(), query, 3)
    assert first == candidate_ids(Gadget.objects.all(), query, 3) == [g.pk for g in made[:3]]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronize_seqscans")
            assert cursor.fetchone()[0] == "off"
