"""Across the knowledge base: each role, post, paper and the review show the most related entries of the
other collections, with the words that connect them; curators pin and hide links in admin. On the real
seeds, on SQLite and PostgreSQL."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb_site.cache import bump
from kb_site.models import CuratedLink
from posts.models import Post
from reviews.models import Paper, Review
from roles.models import Role
from tests.posts.factories import make_post
from tests.seeds import CAIO as CAIO_SLUG
from tests.seeds import POST_SEED, REVIEW_SEED, ROLE_SEED

pytestmark = pytest.mark.django_db

CAIO = f"/roles/{CAIO_SLUG}/"
LEADERS = "11 лидеров: честно о командах и технологиях"
AI_COMMENTS = "ИИ комменты на автопилоте"
LINKEDIN_STUDY = "Проанализировали ~50к виральных постов в Линкедине. Глубоко."
GROK = "Grok в телеге."
CT_PAPER = "Artificial Intelligence Augmentation of Radiologist Performance"


@pytest.fixture
def seeded():
    call_command("import_seeds", verbosity=0)


def post(headline_start):
    return Post.objects.get(headline__startswith=headline_start)


def paper(title_start):
    return Paper.objects.select_related("review").get(title__startswith=title_start)


def across(client, url):
    response = client.get(url, {"format": "json"})
    assert response.status_code == 200
    return response.json()["across"]


def titles(items):
    return [item["title"] for item in items]


def link(source, target, action=CuratedLink.Action.PIN, note=""):
    return CuratedLink.objects.create(
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        action=action,
        note=note,
    )


# What the panels find on the seeds -------------------------------------------------------------------


def test_the_chief_ai_officer_reaches_the_post_about_leaders_first_through_the_glossary(client, seeded):
    found = across(client, CAIO)
    assert set(found) == {"posts", "papers"}  # its own collection is never in its panel
    top = found["posts"][0]
    assert top["title"] == LEADERS
    assert "лидер (Leadership)" in top["why"]
    assert any("ИИ (AI)" in item["why"] for item in found["posts"])  # Russian posts about AI
    assert found["papers"] and all(item["why"] for item in found["papers"])
    assert all(item["url"].startswith("http://testserver/") for group in found.values() for item in group)


def test_a_russian_post_about_ai_reaches_the_ai_roles_and_papers(client, seeded):
    found = across(client, post(AI_COMMENTS).get_absolute_url())
    assert set(found) == {"roles", "papers"}
    assert "Chief AI Officer" in titles(found["roles"])
    assert all(item["why"] == ["AI (ИИ)"] for item in found["roles"])
    assert any(item["why"][0] in ("artificial intelligence (ИИ)", "AI (ИИ)") for item in found["papers"])


def test_the_linkedin_post_reaches_the_roles_through_its_genai_tag(client, seeded):
    found = across(client, post(LINKEDIN_STUDY).get_absolute_url())
    assert len(found["roles"]) == 5
    assert all("AI (#genAI)" in item["why"] for item in found["roles"])


def test_a_ct_paper_reaches_roles_and_posts_but_no_other_paper(client, seeded):
    entry = paper(CT_PAPER)
    found = across(client, entry.get_absolute_url())
    assert set(found) == {"roles", "posts"}  # papers and the review are its own collection
    assert "Chief AI Officer" in titles(found["roles"])
    assert all(item["why"] for item in found["roles"])


def test_the_review_overview_reaches_roles_and_posts_through_artificial_intelligence(client, seeded):
    found = across(client, Review.objects.get().get_absolute_url())
    assert set(found) == {"roles", "posts"}
    assert len(found["roles"]) == 5
    assert found["roles"][0]["why"] == ["AI (Artificial Intelligence)"]
    assert any(item["why"] == ["ИИ (Artificial Intelligence)"] for item in found["posts"])


def test_a_post_that_shares_no_key_word_says_so(client, seeded):
    entry = post(GROK)
    assert across(client, entry.get_absolute_url()) == {"roles": [], "papers": []}
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "Across the knowledge base" in html
    assert html.count("Nothing here shares its key words.") == 2


def test_each_suggestion_shows_its_words_on_the_page(client, seeded):
    html = client.get(CAIO).content.decode()
    assert '<h2 id="across-title">Across the knowledge base</h2>' in html
    assert f'href="{post(LEADERS).get_absolute_url()}" lang="ru">{LEADERS}</a>' in html  # the channel's language
    assert "Shared words:</span> лидер (Leadership)" in html


def test_a_short_word_matches_as_a_word_and_ii_is_not_the_word_and(client, seeded):
    """ "ИИ" (AI) is indexed whole: the posts that only say "и" (and) are not about AI."""
    found = client.get("/posts/", {"q": "ИИ", "format": "json"}).json()["results"]
    assert len(found) == 4
    assert all("ИИ" in row["text"] or "ИИ" in Post.objects.get(pk=row["id"]).preview_description for row in found)
    assert client.get("/posts/", {"q": "и", "format": "json"}).json()["count"] > len(found)


def test_ai_is_found_as_a_word_not_inside_another(client, seeded):
    inside = make_post("Maintained and tailored\nA retail email, in detail.")
    word = make_post("Про AI\nНемного про AI и данные.")
    assert not any("AI" in why for item in across(client, inside.get_absolute_url())["roles"] for why in item["why"])
    assert "Chief AI Officer" in titles(across(client, word.get_absolute_url())["roles"])


def test_an_unpublished_entry_never_shows_even_when_pinned(client, seeded):
    caio, leaders = Role.objects.get(slug=CAIO_SLUG), post(LEADERS)
    link(caio, leaders)
    Post.objects.filter(pk=leaders.pk).update(is_published=False)
    bump("posts")  # as the admin's unpublish action does (update() sends no signal)
    assert LEADERS not in titles(across(client, CAIO)["posts"])


def test_titles_from_data_are_escaped(client, seeded):
    leaders = post(LEADERS)
    Post.objects.filter(pk=leaders.pk).update(headline="<script>alert(1)</script> лидеров")
    bump("posts")
    html = client.get(CAIO).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; лидеров" in html


# Curated links --------------------------------------------------------------------------------------


def test_a_pinned_link_comes_first_marked_and_a_hidden_one_never_shows(client, seeded):
    caio, leaders, grok = Role.objects.get(slug=CAIO_SLUG), post(LEADERS), post(GROK)
    link(caio, grok, note="Grok is an AI assistant")
    link(caio, leaders, CuratedLink.Action.HIDE)
    found = across(client, CAIO)["posts"]
    assert found[0] == {
        "title": GROK,
        "url": f"http://testserver{grok.get_absolute_url()}",
        "why": [],
        "curated": True,
        "note": "Grok is an AI assistant",
    }
    assert LEADERS not in titles(found)
    assert not any(item["curated"] for item in found[1:])
    html = client.get(CAIO).content.decode()
    assert "Picked by a curator" in html and "Grok is an AI assistant" in html


def test_curators_pin_and_hide_in_the_entrys_admin_without_marking_it_edited(staff_client, seeded):
    caio, leaders, grok = Role.objects.get(slug=CAIO_SLUG), post(LEADERS), post(GROK)
    url = f"/admin/roles/role/{caio.pk}/change/"
    html = staff_client.get(url).content.decode()
    prefix = "kb_site-curatedlink-source_type-source_id"
    assert f'name="{prefix}-TOTAL_FORMS"' in html
    assert "Across the knowledge base: links pinned or hidden by a curator" in html
    post_type = ContentType.objects.get_for_model(Post).pk
    data = role_form(staff_client, url)
    data |= {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-action": "pin",
        f"{prefix}-0-target_type": post_type,
        f"{prefix}-0-target_id": grok.pk,
        f"{prefix}-0-note": "An AI assistant",
        f"{prefix}-1-action": "hide",
        f"{prefix}-1-target_type": post_type,
        f"{prefix}-1-target_id": leaders.pk,
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["inline_admin_formsets"]
    assert CuratedLink.objects.count() == 2
    caio.refresh_from_db()
    assert not caio.is_edited  # a curated link is about the panel: imports still update the role
    found = across(staff_client, CAIO)["posts"]
    assert found[0]["title"] == GROK and found[0]["curated"]
    assert LEADERS not in titles(found)


def test_the_admin_refuses_a_link_into_the_same_collection_or_to_no_entry(staff_client, seeded):
    caio = Role.objects.get(slug=CAIO_SLUG)
    url = f"/admin/roles/role/{caio.pk}/change/"
    prefix = "kb_site-curatedlink-source_type-source_id"
    data = role_form(staff_client, url)
    data |= {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-action": "pin",
        f"{prefix}-0-target_type": ContentType.objects.get_for_model(Role).pk,
        f"{prefix}-0-target_id": Role.objects.exclude(pk=caio.pk).first().pk,
        f"{prefix}-1-action": "pin",
        f"{prefix}-1-target_type": ContentType.objects.get_for_model(Post).pk,
        f"{prefix}-1-target_id": 999999,
    }
    html = staff_client.post(url, data).content.decode()
    assert "The panel lists the other collections only: choose one of theirs." in html
    assert "There is no post number 999999." in html
    assert CuratedLink.objects.count() == 0


def role_form(client, url):
    """The change form's data as the browser would send it back, from the rendered form."""
    response = client.get(url)
    data = {}
    for form in [response.context["adminform"].form] + [
        f for formset in response.context["inline_admin_formsets"] for f in formset.formset.forms
    ]:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def label(entry):
    return getattr(entry, "title", None) or entry.headline


@pytest.mark.parametrize(
    ("command", "seed", "source"),
    [
        ("import_roles", ROLE_SEED, lambda: Role.objects.get(slug=CAIO_SLUG)),
        ("import_posts", POST_SEED, lambda: post(AI_COMMENTS)),
        ("import_reviews", REVIEW_SEED, lambda: paper(CT_PAPER)),
    ],
)
def test_pins_and_hides_survive_a_reimport_with_overwrite(client, seeded, command, seed, source):
    entry = source()
    collections = {
        "roles": Role.objects.order_by("title"),
        "posts": Post.objects.order_by("position"),
        "papers": Paper.objects.select_related("review").order_by("reference"),
    }
    before = across(client, entry.get_absolute_url())
    pinned, hidden = {}, {}
    for key, shown in before.items():
        suggested = [t for t in collections[key] if label(t) in titles(shown)]
        others = [t for t in collections[key] if label(t) not in titles(shown)]
        hidden[key], pinned[key] = suggested[0], (others or suggested)[-1]  # pinned: last, or not suggested
        link(entry, pinned[key])
        link(entry, hidden[key], CuratedLink.Action.HIDE)
    call_command(command, str(seed), overwrite=True, verbosity=0)
    assert source().pk == entry.pk  # updated in place: the links keep naming it
    after = across(client, entry.get_absolute_url())
    for key in before:
        assert after[key][0]["title"] == label(pinned[key]) and after[key][0]["curated"]
        assert label(hidden[key]) not in titles(after[key])


def test_deleting_an_entry_in_admin_takes_its_curated_links_with_it(staff_client, seeded):
    caio, grok, leaders = Role.objects.get(slug=CAIO_SLUG), post(GROK), post(LEADERS)
    link(caio, grok)
    link(caio, leaders, CuratedLink.Action.HIDE)
    kept = link(paper(CT_PAPER), leaders)
    response = staff_client.post(f"/admin/posts/post/{grok.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert list(CuratedLink.objects.values_list("target_id", flat=True).order_by("pk")) == [leaders.pk, kept.target_id]


# Budgets --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_every_page_with_a_panel_stays_within_ten_queries_cold_and_warm(
    client, seeded, fmt, django_assert_max_num_queries
):
    caio = Role.objects.get(slug=CAIO_SLUG)
    link(caio, post(GROK))
    link(caio, post(LEADERS), CuratedLink.Action.HIDE)
    urls = [CAIO, post(LEADERS).get_absolute_url(), paper(CT_PAPER).get_absolute_url()]
    urls.append(Review.objects.get().get_absolute_url())
    params = {"format": "json"} if fmt == "json" else {}
    for url in urls:
        for attempt in ("cold", "warm"):
            with django_assert_max_num_queries(10, info=f"{url} ({attempt})"):
                assert client.get(url, params).status_code == 200


def test_a_warm_panel_asks_the_search_index_nothing(client, seeded):
    client.get(CAIO)
    with CaptureQueriesContext(connection) as warm:
        client.get(CAIO)
    assert not any(" MATCH " in q["sql"] or " @@ " in q["sql"] for q in warm.captured_queries)


def test_a_change_anywhere_is_seen_at_once(client, seeded):
    assert across(client, CAIO)["posts"][0]["title"] == LEADERS
    caio, grok = Role.objects.get(slug=CAIO_SLUG), post(GROK)
    link(caio, grok)  # the curated links' version changes
    assert across(client, CAIO)["posts"][0]["title"] == GROK
    CuratedLink.objects.all().delete()
    assert across(client, CAIO)["posts"][0]["title"] == LEADERS
