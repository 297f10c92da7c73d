"""Links whose address comes from data: `{% load kb_links %}`.

Every href built from a stored value passes through kb_site.text.safe_url when the page
is rendered (again: importers check it too), so a `javascript:` or `data:` address that
reached the database some other way is shown as text, never as a link.
"""

from django import template
from django.utils.html import conditional_escape, format_html

from kb_site.text import safe_url

register = template.Library()

EXTERNAL_REL = "noopener noreferrer nofollow"


@register.filter(name="safe_url")
def safe_url_filter(url):
    """The URL when a browser would follow it harmlessly (http, https, mailto, tg, the site's paths), else ""."""
    return safe_url(url)


@register.simple_tag
def data_link(url, label="", css_class=""):
    """`<a href="url">label</a>` when the URL is safe, else the label (or the URL itself) as text.

    Links leaving the site get rel="noopener noreferrer nofollow"; the site's own paths do not.
    """
    href = safe_url(url)
    text = label or url or ""
    if not href:
        return conditional_escape(text)
    rel = "" if href.startswith(("/", "#")) else EXTERNAL_REL
    return format_html(
        '<a href="{}"{}{}>{}</a>',
        href,
        format_html(' class="{}"', css_class) if css_class else "",
        format_html(' rel="{}"', rel) if rel else "",
        text,
    )
