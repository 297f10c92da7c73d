"""The admin fits a 1280 px screen: chosen columns, long titles cut with the whole one in a tooltip,
many-valued list filters with a search box, and forms whose inlines are stacked rather than wide.
(The widths themselves are measured in Chromium: tests/browser/test_admin.py.)"""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.utils.html import escape

from posts.models import Post
from reviews.models import Paper
from roles.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("import_seeds", verbosity=0)


def headers(response):
    return [str(field) for field in response.context["cl"].list_display[1:]]  # after the action checkbox


def test_the_navigation_sidebar_does_not_take_a_changelists_width(staff_client, seeded):
    assert admin.site.enable_nav_sidebar is False
    assert 'id="nav-sidebar"' not in staff_client.get("/admin/posts/post/").content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/admin/posts/post/",
            ["short_headline", "date", "position", "total_reactions", "is_forwarded", "is_published", "is_edited"],
        ),
        (
            "/admin/reviews/paper/",
            ["reference", "short_title", "first_author", "task", "modality", "maturity", "is_published"],
        ),
        (
            "/admin/reviews/review/",
            ["short_title", "server", "version_date", "paper_count", "is_published", "is_edited"],
        ),
    ],
)
def test_changelists_show_the_columns_chosen_for_their_width(staff_client, seeded, url, expected):
    assert headers(staff_client.get(url)) == expected


def test_a_long_title_is_cut_in_its_column_and_whole_in_its_tooltip(staff_client, seeded):
    post = Post.objects.get(position=5)
    assert len(post.headline) > 70
    page = staff_client.get("/admin/posts/post/").content.decode()
    assert f'<span title="{post.headline}">{post.headline[:69]}…</span>' in page
    short = Post.objects.get(position=2)
    assert f">{short.headline}</a>" in page and f'title="{short.headline}"' not in page  # a short one is left whole
    paper = max(Paper.objects.all(), key=lambda p: len(p.title))
    page = staff_client.get("/admin/reviews/paper/").content.decode()
    assert f'<span title="{escape(paper.title)}">{escape(paper.title[:59])}…</span>' in page


def test_many_valued_filters_have_a_search_box_and_their_script(staff_client, seeded):
    page = staff_client.get("/admin/roles/role/").content.decode()
    assert page.count('class="searchable-filter"') == 2  # industries and skills
    assert '<input type="search" aria-label="Find skills" placeholder="Find skills…" autocomplete="off">' in page
    assert "/static/js/admin-filters.js" in page and "/static/css/admin.css" in page
    posts = staff_client.get("/admin/posts/post/").content.decode()
    assert 'aria-label="Find hashtags"' in posts


def test_a_searchable_filter_still_filters_by_its_link(staff_client, seeded):
    skill = Role.objects.get(slug="ai-ml-devops-engineer").skills.get(slug="docker")
    response = staff_client.get("/admin/roles/role/", {"skills__id__exact": skill.pk})
    assert [role.slug for role in response.context["cl"].result_list] == ["ai-ml-devops-engineer"]


def test_wide_inlines_are_stacked_a_few_fields_a_row(staff_client, seeded):
    role = Role.objects.get(slug="chief-ai-officer")
    page = " ".join(staff_client.get(f"/admin/roles/role/{role.pk}/change/").content.decode().split())
    for group in ("salary_ranges", "statistics"):
        assert f'id="{group}-group" data-inline-type="stacked"' in page
    review = Paper.objects.first().review
    page = " ".join(staff_client.get(f"/admin/reviews/review/{review.pk}/change/").content.decode().split())
    for group in ("prisma_stages", "findings"):
        assert f'id="{group}-group" data-inline-type="stacked"' in page
