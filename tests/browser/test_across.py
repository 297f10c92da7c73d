"""Across the knowledge base in Chromium: from a role to a post through its panel, and back to a role."""

CAIO = "/roles/chief-ai-officer/"
LEADERS = "11 лидеров: честно о командах и технологиях"


def test_a_reader_goes_from_a_role_to_a_post_and_back_to_a_role(web, seeded):
    page = web.page
    web.goto(CAIO)
    panel = page.get_by_role("region", name="Across the knowledge base")
    posts = panel.get_by_role("region", name="Founder posts")
    first = posts.get_by_role("listitem").first
    assert "Shared words: лидер (Leadership)" in first.inner_text()
    panel.screenshot(path=str(web.screenshot("across-role").with_name("across-role-panel.png")))
    web.assert_accessible()

    first.get_by_role("link", name=LEADERS).click()
    page.wait_for_url("**/posts/*/")
    assert page.locator("h1").inner_text().startswith("11 лидеров")
    roles = page.get_by_role("region", name="Across the knowledge base").get_by_role("region", name="Career roles")
    assert "leadership (лидеров)" in roles.inner_text()
    page.locator("#across").screenshot(path=str(web.screenshot("across-post").with_name("across-post-panel.png")))
    web.assert_accessible()

    roles.get_by_role("link", name="Chief AI Officer").click()
    page.wait_for_url(f"**{CAIO}")
    assert page.locator("h1").inner_text().startswith("Chief AI Officer")
    web.assert_no_console_errors()


def test_the_panels_read_on_a_phone_in_dark_mode(web_mobile_dark, seeded):
    web = web_mobile_dark
    from reviews.models import Paper

    paper = Paper.objects.select_related("review").get(title__startswith="Artificial Intelligence Augmentation")
    for name, path in (
        ("across-role-phone-dark", CAIO),
        ("across-paper-phone-dark", paper.get_absolute_url()),
        ("across-review-phone-dark", paper.review.get_absolute_url()),
    ):
        web.goto(path)
        web.page.locator("#across").scroll_into_view_if_needed()
        assert web.page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
        web.page.locator("#across").screenshot(path=str(web.screenshot(name).with_name(f"{name}-panel.png")))
        web.assert_accessible()
    web.assert_no_console_errors()
