"""A post's plain text as sanitized HTML: links, hashtags and @handles made clickable.

Called when a post is saved (or imported), never per request. The text stays
exactly as written; formatting and hidden links that Telegram's export marks as
entities (`{"type", "offset", "length", "text"[, "href"]}`) are applied where
their words still stand in the text, and the rest is auto-linked:

* URLs → links (a URL the scraper cut short with "…" stays text);
* #hashtags → the tag's page, for the tags the post has (`tag_slugs`: key → slug);
* @handles → the handle on Telegram.
"""

import html
import unicodedata
from functools import lru_cache

import emoji

from kb_site.markup import sanitize_html
from kb_site.paths import entry_url

from .parsers import TOKEN_RE, clean_url, is_hashtag, is_hashtag_line, tag_key

TELEGRAM = "https://t.me/"

# Entity type → (opening tag, closing tag) for formatting; tags outside kb_site.markup's allow-list are dropped.
FORMATTING = {
    "bold": ("<strong>", "</strong>"),
    "italic": ("<em>", "</em>"),
    "underline": ("<em>", "</em>"),
    "strikethrough": ("<s>", "</s>"),
    "spoiler": ('<span class="spoiler">', "</span>"),
    "code": ("<code>", "</code>"),
    "pre": ("<code>", "</code>"),
    "blockquote": ("<em>", "</em>"),
}


def tag_url(slug):
    return entry_url("posts:tag", slug)


def _link(href, label):
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(label)}</a>'


def _hashtag(name, tag_slugs):
    slug = tag_slugs.get(tag_key(name))
    if slug is None or not is_hashtag(name):
        return html.escape(f"#{name}")
    return f'<a class="hashtag" href="{tag_url(slug)}">#{html.escape(name)}</a>'


def autolink(text, tag_slugs):
    """Escaped HTML of plain text with URLs, the post's hashtags and @handles linked."""
    if "#" not in text and "@" not in text and "://" not in text:
        return html.escape(text)  # nothing to link: the common case, and an import renders 100k posts
    out, cursor = [], 0
    for match in TOKEN_RE.finditer(text):
        out.append(html.escape(text[cursor : match.start()]))
        cursor = match.end()
        if match.group("url"):
            url = clean_url(match.group("url"))
            if url is None:
                out.append(html.escape(match.group("url")))
            else:
                out.append(_link(url, url))
                rest = match.group("url")[len(url) :]  # the sentence's punctuation after the URL
                out.append(html.escape(rest))
        elif match.group("tag"):
            out.append(_hashtag(match.group("tag"), tag_slugs))
        else:
            handle = match.group("handle")
            out.append(_link(TELEGRAM + handle, f"@{handle}"))
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def _entity_html(entity, words, tag_slugs):
    kind = entity["type"]
    if kind == "text_link" and entity.get("href"):
        return _link(entity["href"], words)
    if kind in ("link", "url"):
        href = words if "://" in words else f"http://{words}"
        return _link(href, words)
    if kind == "email":
        return _link(f"mailto:{words}", words)
    if kind == "mention" and words.startswith("@"):
        return _link(TELEGRAM + words[1:], words)
    if kind == "hashtag" and words.startswith("#"):
        return _hashtag(words[1:], tag_slugs)
    opening, closing = FORMATTING.get(kind, ("", ""))
    return opening + html.escape(words) + closing


def _placed_entities(text, entities):
    """Entities whose words are still where they were (an admin may have edited the text), in order."""
    placed, end = [], 0
    for entity in sorted(entities or [], key=lambda e: e.get("offset", 0)):
        offset, length = entity.get("offset", 0), entity.get("length", 0)
        words = entity.get("text")
        if words is not None and text[offset : offset + length] != words:
            found = text.find(words, end) if words else -1
            if found < 0:
                continue
            offset = found
            length = len(words)
        if offset < end or length <= 0 or offset + length > len(text):
            continue
        placed.append((offset, offset + length, entity))
        end = offset + length
    return placed


def render_inline(text, entities=(), tag_slugs=None):
    """One stretch of text as inline HTML (not yet sanitized)."""
    tag_slugs = tag_slugs or {}
    out, cursor = [], 0
    for start, stop, entity in _placed_entities(text, entities):
        out.append(autolink(text[cursor:start], tag_slugs))
        out.append(_entity_html(entity, text[start:stop], tag_slugs))
        cursor = stop
    out.append(autolink(text[cursor:], tag_slugs))
    return "".join(out)


def render_post_html(text, entities=(), tag_slugs=None):
    """Sanitized HTML: paragraphs at blank lines, <br> at line breaks, links as above."""
    body = render_inline(text or "", entities, tag_slugs)
    paragraphs = [p for p in body.strip().split("\n\n") if p.strip()]
    rendered = "\n".join("<p>" + p.strip("\n").replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    return sanitize_html(rendered)


def body_under_headline(text, headline, entities=()):
    """(the text without its headline line, the entities moved to match) — what a post's page shows
    under its <h1>. The headline is the first line that says something (posts.parsers.make_headline);
    that line is dropped only when nothing is lost: it is the headline whole (a headline cut short or
    written in admin leaves the text as it is) and plain text, with no link, hashtag, handle or
    formatting, which the <h1> could not carry. Hashtag-only lines before it stay."""
    text = text or ""
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        end = start + len(line)
        if stripped and not is_hashtag_line(stripped) and any(ch.isalnum() for ch in stripped):
            if stripped != (headline or "").strip() or _carries_markup(line, start, end, entities):
                break
            cut = min(end + 1, len(text))  # the line and its line break
            moved = [_shifted(entity, start, cut) for entity in entities or []]
            return text[:start] + text[cut:], [entity for entity in moved if entity is not None]
        start = end + 1
    return text, list(entities or [])


def _carries_markup(line, start, end, entities):
    """Whether a line holds what its HTML would link or format: a URL, hashtag or handle, or an entity."""
    overlapping = any(
        e.get("offset", 0) < end and e.get("offset", 0) + e.get("length", 0) > start for e in entities or []
    )
    return overlapping or TOKEN_RE.search(line) is not None


def _shifted(entity, start, cut):
    """An entity after the span [start, cut) was removed: moved back, or None when it was inside it."""
    offset = entity.get("offset", 0)
    if offset >= cut:
        return {**entity, "offset": offset - (cut - start)}
    if offset + entity.get("length", 0) <= start:
        return entity
    return None


@lru_cache(maxsize=1024)
def emoji_name(character):
    """An emoji in words, as Unicode's CLDR names it: 🔥 "fire", ❤ "red heart", 👍 "thumbs up"; a sequence
    the emoji package does not know is named character by character (unicodedata)."""
    found = emoji.EMOJI_DATA.get(character) or emoji.EMOJI_DATA.get(character + "\ufe0f")
    if found:
        return found["en"].strip(":").replace("_", " ")
    names = [unicodedata.name(ch, "").lower() for ch in character if unicodedata.category(ch) not in ("Mn", "Cf")]
    return " ".join(name for name in names if name) or "reaction"
