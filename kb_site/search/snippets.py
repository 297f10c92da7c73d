"""Snippets: a passage of an entry's text with the words the query matched in <mark> (pure Python).

A word is marked when its stem is one the query looks for, so "Линкедина" marks
"Линкедине" and "AI" never marks the "ai" inside "tailored". The same code serves
both databases; the result is escaped text and <mark> tags, nothing else.
"""

import html

from .analysis import MAX_TERM_LENGTH, WORD_RE, fold_for_search, stem, words

WIDTH = 240  # characters of text around the first match


def _is_match(word, wanted):
    folded = words(word)  # one word may fold to several ("ǅ"), or to none (too long)
    return bool(folded) and all(stem(part) in wanted for part in folded)


def _matches(text, wanted, width):
    """(start, end) of each word of `text` whose stem is in `wanted`, up to the end of the passage shown."""
    folded = fold_for_search(text)
    same_places = len(folded) == len(text)  # usually: then the folded text's words are where the text's are
    spans, stop = [], len(text)
    for match in WORD_RE.finditer(folded if same_places else text):
        if match.start() > stop:
            break
        word = match.group()
        hit = (len(word) <= MAX_TERM_LENGTH and stem(word) in wanted) if same_places else _is_match(word, wanted)
        if hit:
            spans.append(match.span())
            if width is not None and len(spans) == 1:
                stop = match.start() + width + 30  # past the passage around the first match
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
    spans = _matches(text, wanted, width) if wanted else []
    start, end = (0, len(text)) if width is None else _window(text, spans, width)
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out += [html.escape(text[cursor:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        cursor = e
    out.append(html.escape(text[cursor:end]))
    return ("… " if start > 0 else "") + "".join(out) + (" …" if end < len(text) else "")
