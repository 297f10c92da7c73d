"""The site as a reader sees it in Chromium: layout, navigation, accessibility."""


def test_the_home_page_renders_and_navigation_works(web):
    web.goto("/")
    assert web.page.title() == "AI Careers Knowledge Base"
    assert web.page.locator("h1").first.inner_text().startswith("AI careers")
    assert web.page.locator(".collection").count() == 3
    web.screenshot("home")
    web.assert_accessible()

    for name, path in (("Roles", "/roles/"), ("Posts", "/posts/"), ("Reviews", "/reviews/"), ("Search", "/search/")):
        web.page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()
        web.page.wait_for_url(f"**{path}")
        assert web.page.locator("h1").first.is_visible()
        assert web.page.get_by_role("navigation", name="Main").locator("[aria-current=page]").inner_text() == name
    web.assert_no_console_errors()


def test_the_skip_link_moves_focus_to_the_content(web):
    web.goto("/")
    web.page.keyboard.press("Tab")
    skip = web.page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    web.page.keyboard.press("Enter")
    assert web.page.evaluate("location.hash") == "#main"


def test_the_search_box_submits_a_query(web):
    web.goto("/")
    web.page.get_by_label("Search the knowledge base").first.fill("salary")
    web.page.get_by_label("Search the knowledge base").first.press("Enter")
    web.page.wait_for_url("**/search/?q=salary")
    assert web.page.get_by_label("Search roles, posts and papers").input_value() == "salary"
    web.assert_no_console_errors()


def test_the_404_page_keeps_the_layout_and_is_accessible(web):
    response = web.goto("/no/such/page/")
    assert response.status == 404
    assert web.page.locator("h1").inner_text() == "Page not found"
    web.assert_accessible()


def test_the_site_reads_on_a_phone_in_dark_mode(web_mobile_dark):
    web = web_mobile_dark
    web.goto("/")
    background = web.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(17, 20, 24)"  # the dark palette follows the reader's preference
    width = web.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no horizontal scrolling on a phone"
    web.screenshot("home-phone-dark")
    web.assert_accessible()
    web.assert_no_console_errors()


def test_one_search_finds_roles_posts_and_papers(web, seeded):
    web.goto("/")
    box = web.page.get_by_label("Search the knowledge base").first
    box.fill("salary")
    box.press("Enter")
    web.page.wait_for_url("**/search/?q=salary")
    groups = web.page.locator(".search-group h2")
    assert groups.count() == 3
    first = web.page.locator(".search-group").first.locator(".search-result h3 a").first
    assert first.inner_text() == "Chief AI Officer"
    assert web.page.locator(".search-result mark").count() >= 1
    web.screenshot("search")
    web.assert_accessible()
    first.click()
    web.page.wait_for_url("**/roles/chief-ai-officer/")
    web.assert_no_console_errors()
