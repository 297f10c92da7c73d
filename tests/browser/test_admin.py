"""The admin in Chromium at 1280 px: changelists and forms without horizontal overflow, many-valued
filters narrowed by typing, axe-clean."""

import pytest

PAGES = (
    ("admin-posts-changelist", "/admin/posts/post/"),
    ("admin-papers-changelist", "/admin/reviews/paper/"),
    ("admin-roles-changelist", "/admin/roles/role/"),
    ("admin-reviews-changelist", "/admin/reviews/review/"),
)


@pytest.fixture
def curator(web, seeded, django_user_model):
    django_user_model.objects.create_superuser("curator", "curator@example.com", "curator-password")
    web.goto("/admin/login/")
    web.page.get_by_label("Username").fill("curator")
    web.page.get_by_label("Password").fill("curator-password")
    web.page.get_by_role("button", name="Log in").click()
    web.page.wait_for_url("**/admin/")
    return web


def widths(web):
    return web.page.evaluate(
        """() => {
          const page = document.documentElement, results = document.querySelector('#changelist .results');
          return {page: [page.scrollWidth, page.clientWidth],
                  results: results ? [results.scrollWidth, results.clientWidth] : [0, 0]};
        }"""
    )


def test_changelists_fit_1280_px_without_scrolling_sideways(curator):
    for name, path in PAGES:
        curator.goto(path)
        measured = widths(curator)
        assert measured["page"][0] <= measured["page"][1] == 1280, (path, measured)
        assert measured["results"][0] <= measured["results"][1], (path, measured)
        curator.screenshot(name, full_page=False)
        curator.assert_no_console_errors()
        curator.assert_accessible()
        curator.errors.clear()  # axe's own probes of the page may trip the Content Security Policy


def test_change_forms_with_many_inlines_fit_1280_px(curator):
    from reviews.models import Review
    from roles.models import Role

    for name, url in (
        ("admin-role-form", f"/admin/roles/role/{Role.objects.get(slug='chief-ai-officer').pk}/change/"),
        ("admin-review-form", f"/admin/reviews/review/{Review.objects.get().pk}/change/"),
    ):
        curator.goto(url)
        measured = widths(curator)
        assert measured["page"][0] <= 1280, (url, measured)
        curator.screenshot(name, full_page=False)
        # Django's bundled select2 (the autocomplete fields) labels its search box by script only
        curator.assert_accessible(exclude=(".select2-container",))


def test_a_many_valued_filter_narrows_as_the_curator_types(curator):
    curator.goto("/admin/roles/role/")
    skills = curator.page.locator("details.searchable-filter", has_text="By skills")
    box = skills.get_by_role("searchbox", name="Find skills")
    box.fill("dock")
    visible = [text.strip() for text in skills.locator("li:visible").all_inner_texts()]
    assert visible == ["All", "Docker"]
    curator.screenshot("admin-searchable-filter", full_page=False)
    skills.get_by_role("link", name="Docker").click()
    curator.page.wait_for_url("**skills__id__exact=**")
    assert curator.page.locator("#changelist .results tbody tr").count() == 1
    box = curator.page.get_by_role("searchbox", name="Find skills")
    box.fill("nothing like this")
    assert curator.page.get_by_text("No skills matches.").is_visible()
    curator.assert_no_console_errors()
