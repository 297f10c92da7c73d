"""The shared markdown renderer and sanitizer: nothing executable reaches a page."""

import pytest

from kb_site.markup import render_markdown, sanitize_html, strip_tags

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<p onclick="alert(1)">hi</p>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<scr<script>ipt>alert(1)</script>",
    '<form action="https://evil.example"><input name="x"></form>',
]


@pytest.mark.parametrize("source", HOSTILE)
def test_rendered_markdown_never_carries_script(source):
    rendered = render_markdown(source).lower()
    assert "<script" not in rendered
    assert "javascript:" not in rendered
    assert "onerror" not in rendered and "onclick" not in rendered and "onload" not in rendered
    assert "<iframe" not in rendered and "<form" not in rendered and "style=" not in rendered
    assert "data:text/html" not in rendered


def test_markdown_keeps_what_readers_need():
    rendered = render_markdown("## Skills\n\n- **Python** and [docs](https://example.com)\n- *R*")
    assert "<h3>Skills</h3>" in rendered  # headings shift down one level under the page's <h1>
    assert "<strong>Python</strong>" in rendered and "<em>R</em>" in rendered
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">docs</a>' in rendered


def test_sanitize_keeps_allowed_links_and_marks():
    html = sanitize_html('<p>See <a href="/posts/tags/x/" onclick="x()">#x</a> <mark>hit</mark></p>')
    assert html == '<p>See <a href="/posts/tags/x/">#x</a> <mark>hit</mark></p>'


def test_only_links_leaving_the_site_get_nofollow():
    html = sanitize_html('<a title="t" href="//cdn.example/x">a</a> <a href="/roles/">b</a> <a href="http://e.x">c</a>')
    assert html == (
        '<a title="t" href="//cdn.example/x" rel="noopener noreferrer nofollow">a</a> '
        '<a href="/roles/">b</a> <a href="http://e.x" rel="noopener noreferrer nofollow">c</a>'
    )


def test_strip_tags_gives_the_text_without_script_bodies():
    assert strip_tags("<p>Hello <b>world</b><script>alert(1)</script></p>") == "Hello world"
