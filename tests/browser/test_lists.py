"""Lists in Chromium: a facet's "Show all (N)", the filters in force as chips, forgiving values, and the
404 past the last page; light and dark, desktop and phone, axe-clean."""

import re


def test_a_reader_shows_every_skill_picks_one_and_removes_it_by_its_chip(web, seeded):
    web.goto("/roles/")
    skills = web.page.locator("#facet-skill")
    assert skills.locator("li").count() == 30
    skills.get_by_role("link", name="Show all skills (52)").click()
    web.page.wait_for_url("**/roles/?show_all=skill#facet-skill")
    assert skills.locator("li").count() == 52
    web.screenshot("lists-facet-show-all")
    web.assert_accessible()

    skills.get_by_role("link", name=re.compile(r"^Docker 1")).click()
    web.page.wait_for_url(re.compile(r".*skill=docker.*"))
    chips = web.page.get_by_role("list", name="Filters in force")
    assert " ".join(chips.inner_text().split()) == "Skills: Docker × (remove this filter)"
    assert web.page.get_by_role("status").inner_text().startswith("1 role matches")
    web.screenshot("lists-chips")
    web.assert_accessible()

    chips.get_by_role("link", name=re.compile(r"Skills: Docker")).click()
    web.page.wait_for_url(re.compile(r".*/roles/\?show_all=skill$"))
    assert web.page.get_by_role("list", name="Filters in force").count() == 0
    web.assert_no_console_errors()


def test_the_papers_take_values_as_the_page_writes_them_and_show_them_as_chips(web, seeded):
    web.goto("/reviews/ai-medical-imaging-covid-19/papers/?modality=CT&task=Severity+Assessment&q=covid")
    chips = " ".join(web.page.get_by_role("list", name="Filters in force").inner_text().split())
    assert "Modality: CT" in chips and "Task: Severity assessment" in chips and "Search: “covid”" in chips
    export = web.page.get_by_role("link", name="JSON")
    assert export.get_attribute("href") == (
        "/reviews/ai-medical-imaging-covid-19/papers/?format=json&modality=CT&q=covid&task=Severity+Assessment"
    )
    web.screenshot("lists-papers-chips")
    web.assert_accessible()
    web.assert_no_console_errors()


def test_chips_and_facets_read_on_a_phone_in_dark_mode(web_mobile_dark, seeded):
    web = web_mobile_dark
    for name, path in (
        ("lists-roles-chips-phone-dark", "/roles/?skill=python&salary_min=100000&show_all=skill"),
        ("lists-posts-chips-phone-dark", "/posts/?tag=стартапы&reaction=fire&forwarded=false"),
    ):
        web.goto(path)
        assert web.page.evaluate("document.documentElement.scrollWidth") <= 390, path
        web.screenshot(name)
        web.assert_accessible()
    web.assert_no_console_errors()


def test_a_page_past_the_end_leads_to_the_last_page(web, seeded):
    response = web.goto("/posts/?page=7&tag=стартапы")
    assert response.status == 404
    assert "There is no page 7: this list has 1 page." in web.page.locator("main").inner_text()
    web.assert_accessible()
    web.page.get_by_role("link", name="Go to the last page (page 1)").click()
    web.page.wait_for_load_state()
    assert web.page.get_by_role("status").inner_text().startswith("6 posts match")
