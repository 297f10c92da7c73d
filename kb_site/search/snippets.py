"""Snippets: a passage of an entry's text with the words the query matched in <mark> (pure Python).

A word is marked when its stem is one the query looks for, so "Линкедина" marks
"Линкедине" and "AI" never marks the "ai" inside "tailored". The same code serves
both databases; the result is escaped text and <mark> tags, nothing else.
"""

import html

from .analysis import WORD_RE, stem, words

WIDTH = 240  # characters of text around the first match


def _matches(text, wanted):
    """(start, end) of each word of `text` whose stem is in `wanted`."""
    spans = []
    for match in WORD_RE.finditer(text):
        folded = words(match.group())  # one word may fold to several ("ǅ"), or to none (too long)
        if folded and all(stem(word) in wanted for word in folded):
            spans.append(match.span())
    return spans


def _window(text, spans, width):
    """(start, end) of the passage to show: from a little before the first match, cut at spaces."""
    start = 0
    if spans:
        start = max(0, spans[0][0] - width // 3)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace() and end - start < width + 30:
        end += 1
    return start, end


def highlight(text, query, *, width=WIDTH):
    """Escaped HTML: the passage of `text` around the first match of `query` (a parsed Query), matches marked.

    Without a match it is the text's beginning. `width=None` marks the whole text.
    """
    text = " ".join((text or "").split())
    wanted = query.highlight_terms() if query else set()
    spans = _matches(text, wanted) if wanted else []
    start, end = (0, len(text)) if width is None else _window(text, spans, width)
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out += [html.escape(text[cursor:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        cursor = e
    out.append(html.escape(text[cursor:end]))
    return ("… " if start > 0 else "") + "".join(out) + (" …" if end < len(text) else "")
