"""The roles as a reader uses them in Chromium: filter, read a profile, compare, on a desktop and a phone."""

import re

CAIO = "chief-ai-officer"
ENGINEER = "ai-ml-engineer"


def test_a_reader_filters_by_a_skill_opens_a_profile_and_compares_two_roles(web, seeded):
    page = web.page
    web.goto("/roles/")
    assert page.locator("h1").inner_text() == "Career roles"
    assert page.locator(".role-card").count() == 5
    web.screenshot("roles-list")
    web.assert_accessible()

    page.locator(".facet").get_by_role("link", name=re.compile(r"^Python\b")).click()
    page.wait_for_url("**/roles/?skill=python")
    assert page.locator(".role-card").count() == 4
    assert page.locator(".result-count").inner_text().startswith("4 roles match")
    selected = re.sub(r"\s+", " ", page.locator(".facet a.selected").inner_text())
    assert selected == "Remove filter: Python 4"

    page.get_by_role("link", name="AI/ML Engineer", exact=True).click()
    page.wait_for_url(f"**/roles/{ENGINEER}/")
    assert page.locator("h1").inner_text() == "AI/ML Engineer"
    # skills, related and closest roles, then its five sections
    assert page.get_by_role("navigation", name="On this page").get_by_role("link").count() == 3 + 5
    web.assert_accessible()

    web.goto(f"/roles/{CAIO}/")
    chart = page.get_by_role("img", name="Salary ranges for Chief AI Officer")
    assert chart.is_visible()
    assert page.locator("#salary-table tbody tr").count() == 4
    page.get_by_role("link", name="Industry Trends and Insights").click()
    assert page.evaluate("location.hash") == "#industry-trends-and-insights"
    web.screenshot("roles-profile")
    web.assert_accessible()

    web.goto("/roles/")
    page.get_by_label("Compare Chief AI Officer").check()
    page.get_by_label("Compare AI/ML Engineer").check()
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url(f"**/roles/compare/?roles={CAIO}&roles={ENGINEER}")  # in the list's order: most complete first
    assert page.locator("h1").inner_text() == "Compare Chief AI Officer and AI/ML Engineer"
    shared = page.locator("#compare-skills + h3 + ul.chips li")
    assert shared.all_inner_texts() == ["Technical Proficiency", "Communication", "Problem-Solving"]
    assert page.get_by_role("heading", name="From Chief AI Officer to AI/ML Engineer").is_visible()
    web.screenshot("roles-compare")
    web.assert_accessible()
    web.assert_no_console_errors()


def test_the_role_pages_read_on_a_phone_in_dark_mode(web_mobile_dark, seeded):
    web = web_mobile_dark
    for name, path in (
        ("roles-list-phone-dark", "/roles/"),
        ("roles-profile-phone-dark", f"/roles/{CAIO}/"),
        ("roles-compare-phone-dark", f"/roles/compare/?roles={CAIO}&roles={ENGINEER}"),
    ):
        web.goto(path)
        assert web.page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
        web.screenshot(name)
        web.assert_accessible()
    web.assert_no_console_errors()


def test_a_bad_filter_shows_a_readable_message(web, seeded):
    response = web.goto("/roles/?salary_min=lots")
    assert response.status == 400
    assert "salary_min: Enter a whole number." in web.page.locator(".error-list").inner_text()
    web.assert_accessible()


def test_the_summary_answers_first_questions_above_the_fold_on_desktop_and_phone(web, web_mobile_dark, seeded):
    for session, name, width in ((web, "roles-summary", 1280), (web_mobile_dark, "roles-summary-phone-dark", 390)):
        session.goto(f"/roles/{CAIO}/")
        page = session.page
        summary = page.locator("#summary")
        assert summary.is_visible()
        box = summary.bounding_box()
        overview = page.locator("#overview").bounding_box()
        assert box["y"] < overview["y"]  # the summary before the long text
        salary = page.locator(".summary-salary")
        assert salary.bounding_box()["y"] < 900  # the salary figures are on the first screen
        assert "Base Pay" in salary.inner_text() and "$128k–$240k" in salary.inner_text()
        assert "$128k–$380k" not in salary.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        summary.screenshot(path=str(session.screenshot(name, full_page=False).with_name(f"{name}-panel.png")))
        session.assert_accessible()
        session.assert_no_console_errors()


def test_compare_with_no_role_or_one_is_a_page_to_pick_roles(web, web_mobile_dark, seeded):
    for session, suffix, width in ((web, "", 1280), (web_mobile_dark, "-phone-dark", 390)):
        page = session.page
        for name, path in (("none", "/roles/compare/"), ("one", f"/roles/compare/?roles={CAIO}")):
            response = session.goto(path)
            assert response.status == 200
            assert page.locator("h1").inner_text() == "Compare roles"
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            session.screenshot(f"roles-compare-{name}{suffix}")
            session.assert_accessible()
        assert page.get_by_label("Chief AI Officer").is_checked()
        page.get_by_label("AI/ML Engineer").check()
        page.get_by_role("button", name="Compare", exact=True).click()
        page.wait_for_url(f"**/roles/compare/?roles={CAIO}&roles={ENGINEER}")
        assert page.get_by_role("heading", name="From Chief AI Officer to AI/ML Engineer").is_visible()
        table = page.locator(".compare-salary-table")
        assert table.bounding_box()["width"] <= width  # the salary table fits the screen
        session.screenshot(f"roles-compare-path{suffix}")
        session.assert_accessible()
        session.assert_no_console_errors()
