"""Posts in Chromium: filter by a tag, open a post, follow a hashtag; accessible on desktop and phone."""

import re


def test_a_reader_filters_by_a_tag_opens_a_post_and_follows_a_hashtag(web, seeded):
    web.goto("/posts/")
    assert web.page.locator("h1").inner_text() == "Founder posts"
    assert web.page.locator(".post-card").count() == 16
    web.assert_accessible()

    hashtags = web.page.get_by_role("region", name="Hashtags")
    hashtags.get_by_role("link", name=re.compile(r"^linkedin\b")).click()
    web.page.wait_for_url("**/posts/?tag=linkedin")
    assert web.page.locator(".post-card").count() == 3
    assert web.page.get_by_role("status").inner_text().startswith("3 posts match")
    web.screenshot("posts-filtered-by-tag")
    web.assert_accessible()

    web.page.get_by_role("link", name="Проанализировали ~50к виральных постов в Линкедине. Глубоко.").click()
    web.page.wait_for_url(re.compile(r".*/posts/\d+/$"))
    assert web.page.locator("h1").inner_text() == "Проанализировали ~50к виральных постов в Линкедине. Глубоко."
    web.screenshot("posts-detail")
    web.assert_accessible()

    web.page.locator(".post-text").get_by_role("link", name="#genAI").click()
    web.page.wait_for_url("**/posts/tags/genai/")
    assert web.page.locator("h1").inner_text() == "#genAI"
    assert web.page.locator(".post-card").count() == 2
    web.screenshot("posts-tag-page")
    web.assert_accessible()
    web.assert_no_console_errors()


def test_the_tag_index_and_a_forwarded_post_are_accessible(web, seeded):
    web.goto("/posts/tags/")
    assert web.page.locator(".tag-cloud li").count() == 11
    web.screenshot("posts-tag-index")
    web.assert_accessible()
    web.page.get_by_role("link", name="#мнение 1 post").click()
    web.page.wait_for_url("**/posts/tags/**")
    web.page.locator(".post-card h3 a").first.click()
    assert "Русский венчур" in web.page.locator(".forwarded").inner_text()
    web.assert_accessible()
    web.assert_no_console_errors()


def test_the_sort_select_submits_the_filters_without_a_button(web, seeded):
    web.goto("/posts/?tag=стартапы")
    web.page.get_by_label("Sort by").select_option("reactions")
    web.page.wait_for_url(re.compile(r".*sort=reactions.*"))
    assert "tag=" in web.page.url
    first = web.page.locator(".post-card h3").first.inner_text()
    assert first.startswith("Самое приятное в стартапах")
    web.assert_no_console_errors()


def test_posts_read_on_a_phone_in_dark_mode(web_mobile_dark, seeded):
    web = web_mobile_dark
    for path in ("/posts/", "/posts/tags/"):
        web.goto(path)
        assert web.page.evaluate("document.documentElement.scrollWidth") <= 390, path
        web.assert_accessible()
    web.goto("/posts/")
    web.screenshot("posts-phone-dark", full_page=False)
    web.page.get_by_role("link", name="Неожиданно наткнулся на бесплатный лимит по API в OpenAI.").click()
    web.page.wait_for_url(re.compile(r".*/posts/\d+/$"))
    assert web.page.evaluate("document.documentElement.scrollWidth") <= 390, "a long URL must wrap"
    web.screenshot("posts-detail-phone-dark")
    web.assert_accessible()
    web.assert_no_console_errors()
