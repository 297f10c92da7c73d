"""The skill pages and the match page in Chromium: from a role's page to a skill, to the ranking by the
reader's skills and back to "what am I missing?", on a desktop and on a phone in dark mode."""

import re

CAIO = "chief-ai-officer"


def test_a_reader_walks_from_a_role_to_a_skill_to_the_roles_ranked_by_their_skills(web, seeded):
    page = web.page
    web.goto(f"/roles/{CAIO}/")
    page.locator("#skills").get_by_role("link", name="Communication", exact=True).click()
    page.wait_for_url("**/roles/skills/communication/")
    assert page.locator("h1").inner_text() == "Communication"
    assert page.locator(".role-card").count() == 3
    assert page.get_by_role("heading", name="Mentioned elsewhere").is_visible()
    web.screenshot("skills-skill")
    web.assert_accessible()

    page.get_by_role("link", name="Rank every role by the skills you have").click()
    page.wait_for_url("**/roles/match/?skill=communication")
    assert page.get_by_label("Communication", exact=True).is_checked()
    page.get_by_label("Python", exact=True).check()
    page.get_by_role("button", name="Rank the roles").click()
    page.wait_for_url(re.compile(r".*/roles/match/\?skill=python&skill=communication$"))
    titles = page.locator(".match-card .match-title a").all_inner_texts()
    assert titles[:2] == ["AI/ML Engineer", "AI Training Specialist"]
    assert "You have 2 of 9 skills (22%)" in page.locator(".match-card").first.inner_text()
    web.screenshot("skills-match")
    web.assert_accessible()

    web.goto("/roles/skills/")
    assert page.locator("h1").inner_text() == "Skills"
    page.get_by_label("Java", exact=True).check()
    page.get_by_label("Leadership", exact=True).check()
    page.get_by_role("button", name="Rank roles by my skills").click()
    page.wait_for_url("**/roles/match/?skill=java&skill=leadership")
    assert page.locator(".match-card").count() == 5
    web.screenshot("skills-index")
    web.assert_no_console_errors()


def test_what_am_i_missing_on_a_role_page_leads_to_that_role_first(web, seeded):
    page = web.page
    web.goto(f"/roles/{CAIO}/")
    page.get_by_text("What am I missing? Tick the skills you have").click()
    page.locator(".skill-gap").get_by_label("Leadership", exact=True).check()
    page.locator(".skill-gap").get_by_label("Communication", exact=True).check()
    page.get_by_role("button", name="Show what I am missing").click()
    page.wait_for_url(f"**/roles/match/?role={CAIO}&skill=leadership&skill=communication")
    focus = page.get_by_role("region", name="What you are missing for Chief AI Officer")
    assert "You have 2 of 22 skills (9%)" in focus.inner_text()
    assert focus.get_by_role("link", name="Strategic Vision").is_visible()
    web.assert_accessible()
    web.assert_no_console_errors()


def test_the_skill_pages_fit_a_phone_in_dark_mode(web_mobile_dark, seeded):
    web = web_mobile_dark
    for name, path in (
        ("skills-index-phone-dark", "/roles/skills/"),
        ("skills-skill-phone-dark", "/roles/skills/python/"),
        ("skills-match-phone-dark", f"/roles/match/?skill=python&skill=communication&skill=cobol&role={CAIO}"),
    ):
        web.goto(path)
        assert web.page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
        web.screenshot(name)
        web.assert_accessible()
    web.assert_no_console_errors()
