import pytest

from kb_site.text import clean_text, has_unstorable, safe_url

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript://%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example",
    "/\\evil.example",
    "https:\u200b//example.com",
    "example.com/no-scheme",
    "",
    None,
    42,
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_url_that_could_run_code_or_leave_unexpectedly_is_refused(url):
    assert safe_url(url) == ""


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a?b=c#d", "http://example.com", "HTTPS://EXAMPLE.COM", "mailto:a@example.com",
     "tg://resolve?domain=channel", "/roles/chief-ai-officer/", "#salary"],
)  # fmt: skip
def test_web_mail_telegram_and_site_links_are_kept_as_they_are(url):
    assert safe_url(url) == url


def test_clean_text_drops_what_xml_and_postgresql_cannot_hold_and_keeps_the_rest():
    assert clean_text("a\x00b\x0bc\x1fd\ud800e\ufffef\tg\nh\ri ё 🔥") == "abcdef\tg\nh\ri ё 🔥"
    assert has_unstorable("x\x00") and has_unstorable("\x0c") and not has_unstorable("plain\ttext\n")
    assert clean_text(None) == ""
