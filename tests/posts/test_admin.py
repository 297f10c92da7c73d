"""The admin for a staff user: pages, Cyrillic search, filters, actions, inline edits, autocomplete."""

import pytest

from posts.models import Channel, Hashtag, Post, Reaction
from tests.posts.factories import post_form

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/posts/post/"


def headlines(response):
    return sorted(post.headline for post in response.context["cl"].result_list)


def form_errors(response):
    if response.context and "adminform" in response.context:
        return response.context["adminform"].form.errors
    return None


def test_the_changelist_change_and_add_pages_load_for_staff(staff_client, seeded_posts):
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200 and response.context["cl"].result_count == 16
    post = Post.objects.get(position=15)
    page = staff_client.get(f"{CHANGELIST}{post.pk}/change/").content.decode()
    assert "Русский венчур" in page and 'name="reactions-0-emoji"' in page and "Provenance" in page
    assert staff_client.get(f"{CHANGELIST}add/").status_code == 200
    assert staff_client.get("/admin/posts/hashtag/").status_code == 200
    assert staff_client.get("/admin/posts/channel/").status_code == 200
    assert staff_client.get(f"/admin/posts/hashtag/{Hashtag.objects.first().pk}/change/").status_code == 200
    assert staff_client.get(f"/admin/posts/channel/{Channel.objects.get().pk}/change/").status_code == 200


def test_the_admin_is_for_staff_only(client, seeded_posts):
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_provenance_is_read_only(staff_client, seeded_posts):
    post = Post.objects.get(position=3)
    form = staff_client.get(f"{CHANGELIST}{post.pk}/change/").context["adminform"].form
    for field in ("origin", "source", "imported_at", "checksum", "key", "total_reactions"):
        assert field not in form.fields
    response = staff_client.post(f"{CHANGELIST}{post.pk}/change/", post_form(post, source="elsewhere"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.source == "seeds/001_b340050decece26e.txt"


def test_search_is_case_insensitive_in_cyrillic(staff_client, seeded_posts):
    found = headlines(staff_client.get(CHANGELIST, {"q": "ЛИНКЕДИНЕ"}))
    assert len(found) == 3 and "Первый опыт с лидмагнитом в Linkedin" in found
    assert len(headlines(staff_client.get(CHANGELIST, {"q": "русский ВЕНЧУР"}))) == 2


def test_filters_by_channel_tag_forwarded_media_and_published(staff_client, seeded_posts):
    channel = Channel.objects.get()
    linkedin = Hashtag.objects.get(key="linkedin")
    Post.objects.filter(position=1).update(is_published=False)
    assert len(headlines(staff_client.get(CHANGELIST, {"channel__id__exact": channel.pk}))) == 16
    assert len(headlines(staff_client.get(CHANGELIST, {"hashtags__id__exact": linkedin.pk}))) == 3
    assert len(headlines(staff_client.get(CHANGELIST, {"forwarded": "yes"}))) == 2
    assert len(headlines(staff_client.get(CHANGELIST, {"forwarded": "no"}))) == 14
    assert headlines(staff_client.get(CHANGELIST, {"has_media__exact": "1"})) == [
        "Первый опыт с лидмагнитом в Linkedin"
    ]
    assert len(headlines(staff_client.get(CHANGELIST, {"is_published__exact": "0"}))) == 1


def test_publish_and_unpublish_actions(staff_client, seeded_posts):
    ids = list(Post.objects.filter(position__in=[1, 2]).values_list("pk", flat=True))
    staff_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": ids})
    assert Post.objects.filter(is_published=False).count() == 2
    assert staff_client.get(f"/posts/{ids[0]}/").status_code == 404
    staff_client.post(CHANGELIST, {"action": "publish", "_selected_action": ids})
    assert Post.objects.filter(is_published=False).count() == 0


def test_editing_a_post_marks_it_edited_and_renders_the_new_text(staff_client, seeded_posts):
    post = Post.objects.get(position=2)
    text = "Обновили 2pr.io\nНовый абзац с #НовымТегом и https://example.com"
    response = staff_client.post(f"{CHANGELIST}{post.pk}/change/", post_form(post, text=text))
    assert response.status_code == 302, form_errors(response)
    post.refresh_from_db()
    assert post.is_edited and post.text == text
    assert "НовымТегом" in post.hashtags.values_list("name", flat=True)  # a tag the text names is the post's
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">' in post.text_html
    assert "#НовымТегом</a>" in post.text_html
    # the page's text under the headline follows too, without repeating it
    assert "#НовымТегом</a>" in post.body_html and not post.body_html.startswith("<p>Обновили 2pr.io")
    assert "нов абзац" in post.search_text  # the search columns follow the text


def test_editing_reactions_inline_keeps_the_total_in_step(staff_client, seeded_posts):
    post = Post.objects.get(position=1)
    response = staff_client.post(f"{CHANGELIST}{post.pk}/change/", post_form(post, **{"reactions-0-count": 40}))
    assert response.status_code == 302, form_errors(response)
    post.refresh_from_db()
    assert post.total_reactions == 45 and post.is_edited
    Reaction.objects.get(post=post, position=2).delete()
    post.refresh_from_db()
    assert post.total_reactions == 40


def test_a_post_added_in_admin_gets_a_key_and_the_next_position(staff_client, seeded_posts):
    channel = Channel.objects.get()
    template = Post(channel=channel, headline="", text="")
    data = post_form(template, text="Новый пост\nИз админки", hashtags=[], position="", is_published="on")
    response = staff_client.post(f"{CHANGELIST}add/", data)
    assert response.status_code == 302, form_errors(response)
    post = Post.objects.get(text="Новый пост\nИз админки")
    assert (post.channel, post.position, post.headline, post.origin) == (channel, 17, "Новый пост", "admin")
    assert post.key.startswith("admin-") and not post.is_edited


def test_hashtag_autocomplete_finds_tags_in_any_case(staff_client, seeded_posts):
    response = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "posts", "model_name": "post", "field_name": "hashtags", "term": "СТАРТ"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["#стартапы"]


def test_a_hashtag_that_differs_only_in_case_cannot_be_added_twice(staff_client, seeded_posts):
    response = staff_client.post("/admin/posts/hashtag/add/", {"name": "LinkedIn", "slug": "linkedin-2"})
    assert response.status_code == 200
    assert "already exists (tags ignore case)" in response.content.decode()
    response = staff_client.post("/admin/posts/hashtag/add/", {"name": "#Новый_тег", "slug": "новый_тег"})
    assert response.status_code == 302, form_errors(response)
    assert Hashtag.objects.filter(key="новый_тег", name="Новый_тег").exists()
