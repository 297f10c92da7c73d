"""Text into search terms: the one place that decides what a word is (pure Python, no Django).

Both databases index and query the same terms, computed here: SQLite's FTS5 and
PostgreSQL's `to_tsvector('simple', ...)` only split the stored terms on spaces,
so a query matches the same entries on either.

    terms("Линкедине, AI-лидерство!")  ->  ["линкедин", "ai", "лидерств"]

A word is a run of letters and digits (hyphens, apostrophes, underscores, dots and
emoji separate words: "COVID-19" is "covid" and "19"). Each word is folded (case,
compatibility forms, Latin diacritics, ё as е) and reduced to its Snowball stem:
Russian for a word that starts with a Cyrillic letter, English for one that starts
with a Latin letter; other words (digits, other alphabets) are kept as they are, and so
are words of two letters: Snowball would cut "ИИ" (AI in Russian) to "и", the word for "and".
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

from ..text import fold

# A word: letters and digits in any alphabet (\w without the underscore).
WORD_RE = re.compile(r"[^\W_]+")
# Longer "words" are noise (hashes, base64); PostgreSQL would refuse them (2,047 bytes), so neither side keeps them.
MAX_TERM_LENGTH = 64

SHORT_WORD = 2  # letters: a word this short is kept whole ("ии" is AI, not a form of "и")

_STEMMERS = {"cyrillic": Stemmer.Stemmer("russian"), "latin": Stemmer.Stemmer("english")}


def _latin_table():
    """str.translate table: Latin letters with diacritics to their base letters; stray combining marks dropped."""
    table = dict.fromkeys(range(768, 880))  # combining marks left after NFKC composition
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code) and base.isascii() and base.isalpha():
                table[code] = base.lower()
    table.update({ord("æ"): "ae", ord("œ"): "oe", ord("ø"): "o", ord("đ"): "d", ord("ł"): "l", ord("ı"): "i"})
    return table


_LATIN = _latin_table()
_HAS_MARKS = re.compile("[\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff]")  # where _LATIN has work to do


def fold_for_search(text):
    """kb_site.text.fold (case, NFKC, ё as е) and Latin letters without their diacritics: "Café" -> "cafe".

    Cyrillic letters keep theirs (й is not и); the Russian stemmer expects them.
    """
    folded = fold(text)
    return folded.translate(_LATIN) if _HAS_MARKS.search(folded) else folded  # translate is slow: only when needed


def _script(word):
    first = word[0]
    if "а" <= first <= "я":
        return "cyrillic"
    if "a" <= first <= "z":
        return "latin"
    return None


@lru_cache(maxsize=50_000)  # the words in use; an import of random words stays within ~20 MB
def stem(word):
    """The stem of one folded word (see the module's docstring for which stemmer)."""
    script = _script(word)
    return _STEMMERS[script].stemWord(word) if script and len(word) > SHORT_WORD else word


def words(text):
    """The folded words of `text`, in order (no stemming)."""
    return [word for word in WORD_RE.findall(fold_for_search(text)) if len(word) <= MAX_TERM_LENGTH]


def terms(text):
    """The stemmed terms of `text`, in order: what an index holds and a query looks for."""
    return list(map(stem, words(text)))


def index_text(*parts):
    """The terms of every part as one space-separated string (a search column's value)."""
    return " ".join(term for part in parts if part for term in terms(part))
