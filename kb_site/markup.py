"""Markdown rendering and HTML sanitizing, once for the whole site.

Every string of HTML that reaches a template passes through `sanitize_html`
(an allow-list, by nh3): rendered markdown, imported text made into links,
anything an admin typed. Models call these when an entry is saved and keep the
result in a `..._html` field; templates never render markdown per request.
"""

import html
import re

import markdown as markdown_lib
import nh3

from .text import SAFE_URL_SCHEMES

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "mark", "ol", "p", "pre", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "span": {"class"},
    "mark": {"class"},
}
URL_SCHEMES = set(SAFE_URL_SCHEMES)

_markdown = markdown_lib.Markdown(extensions=["tables", "sane_lists", "fenced_code"], output_format="html")
_heading_shift = re.compile(r"<(/?)h([1-5])\b")


_anchor = re.compile(r"<a\b([^>]*)>")
_external_href = re.compile(r'\shref="(?:https?:)?//', re.IGNORECASE)


def sanitize_html(raw_html):
    """Keep only allow-listed tags, attributes and URL schemes.

    Links leaving the site get rel="noopener noreferrer nofollow"; the site's own
    (relative) links stay plain so they are followed.
    """
    cleaned = nh3.clean(
        raw_html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    # nh3's output quotes every attribute with " (escaping any inside), so <a ...> tags are regular here.
    return _anchor.sub(_mark_external, cleaned)


def _mark_external(match):
    attributes = match.group(1)
    if _external_href.search(attributes):
        return f'<a{attributes} rel="noopener noreferrer nofollow">'
    return match.group(0)


def render_markdown(text, *, shift_headings=True):
    """Markdown to sanitized HTML.

    Headings are shifted down one level (# becomes <h2>) so that an entry's own
    title stays the page's only <h1>.
    """
    _markdown.reset()
    rendered = _markdown.convert(text or "")
    if shift_headings:
        rendered = _heading_shift.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", rendered)
    return sanitize_html(rendered)


def strip_tags(raw_html):
    """The text of an HTML fragment, for excerpts and search."""
    return html.unescape(nh3.clean(raw_html or "", tags=set(), attributes={})).strip()
