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


def dated_post_on_a_named_channel():
    """A channel whose address and message ids are known (as a Telegram export with a handle gives them)."""
    from tests.posts.factories import make_channel, make_post

    channel = make_channel("Канал основателя", "founder", handle="founder_channel", language="ru")
    make_post("Старый пост\nтекст", channel=channel, date="2024-12-01T08:00:00Z", telegram_id=11)
    return make_post(
        "Запустили продукт\nРассказываю, как это было. #запуск",
        channel=channel,
        date="2025-02-14T09:30:00Z",
        telegram_id=12,
        tags=["запуск"],
        reactions=[("🔥", 21), ("👍", 4)],
    )


def test_a_dated_post_shows_its_date_and_links_to_telegram(web, transactional_db):
    post = dated_post_on_a_named_channel()
    web.goto("/posts/")
    first = web.page.locator(".post-card").first  # newest first
    assert first.locator("h3").inner_text() == "Запустили продукт"
    assert first.locator("time").inner_text() == "14 Feb 2025"
    assert first.get_by_role("link", name="on Telegram").get_attribute("href") == "https://t.me/founder_channel/12"
    assert "fire 21" in first.get_by_role("list", name="Reactions, 25 in all").inner_text()
    web.assert_accessible()
    first.get_by_role("link", name="Запустили продукт").click()
    web.page.wait_for_url(f"**{post.get_absolute_url()}")
    meta = web.page.locator(".post-header .post-meta")
    assert meta.locator("time").get_attribute("datetime") == "2025-02-14T09:30:00+00:00"
    assert meta.get_by_role("link", name="View on Telegram").get_attribute("href") == "https://t.me/founder_channel/12"
    assert meta.get_by_role("link", name="Канал основателя").get_attribute("href") == "https://t.me/founder_channel"
    assert not web.page.locator(".post-text").inner_text().startswith("Запустили продукт")
    web.screenshot("posts-dated-with-telegram-link")
    web.assert_accessible()
    web.assert_no_console_errors()


def test_a_dated_post_reads_on_a_phone_in_dark_mode(web_mobile_dark, transactional_db):
    post = dated_post_on_a_named_channel()
    web_mobile_dark.goto(post.get_absolute_url())
    assert web_mobile_dark.page.evaluate("document.documentElement.scrollWidth") <= 390
    web_mobile_dark.screenshot("posts-dated-phone-dark")
    web_mobile_dark.assert_accessible()
