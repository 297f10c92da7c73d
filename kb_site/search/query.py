"""The query language every `q` speaks, parsed once and compiled for each database (pure Python).

    words            every word must appear (as a word: "AI" is not found inside "tailored")
    "a phrase"       the words next to each other, in this order
    -word, -"a phrase"   leave out the entries that have it
    this OR that     either one (OR binds tighter than the spaces between words:
                     `ai ethics OR safety` is ai AND (ethics OR safety))

Words are folded and stemmed (kb_site.search.analysis): "Линкедина" finds "Линкедине",
"Café" finds "cafe". Anything else is text, never syntax: FTS5's NEAR, `*`, `^`, `:` and
parentheses, tsquery's `&|!<->`, a lone `-` or an unbalanced quote (the quote then runs to
the end). A query needs at least one word to look for; exclusions alone find nothing.

    parse('ai "machine learning" -crypto')  ->  Query(...)
    to_fts5(query)     -> '(("ai") AND ("machin learn")) NOT ("crypto")'           SQLite FTS5 MATCH
    to_tsquery(query)  -> "(('ai')) & (('machin' <-> 'learn')) & !(('crypto'))"  to_tsquery('simple', ...)
"""

import re
from dataclasses import dataclass

from .analysis import terms

MAX_QUERY_LENGTH = 200  # characters: the forms, the filters and the search box all read it from here
MAX_CLAUSES = 16  # words, phrases and OR groups counted together; the rest of a longer query is ignored

# A token: an optional "-", then a "quoted phrase" (the closing quote optional) or a bare word.
TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Phrase:
    """One or more terms that must appear together, in order (a word is a one-term phrase)."""

    terms: tuple


@dataclass(frozen=True)
class Clause:
    """Alternatives (OR) of which one must appear; `excluded`: none may appear."""

    options: tuple  # of Phrase
    excluded: bool = False


@dataclass(frozen=True)
class Query:
    clauses: tuple  # of Clause: all of them hold

    @property
    def required(self):
        return [clause for clause in self.clauses if not clause.excluded]

    @property
    def excluded(self):
        return [clause for clause in self.clauses if clause.excluded]

    def __bool__(self):
        """A query is something to look for: at least one required clause."""
        return bool(self.required)

    def highlight_terms(self):
        """The terms a snippet marks: those of every required phrase."""
        return {term for clause in self.required for phrase in clause.options for term in phrase.terms}


def _tokens(text):
    """(negated, phrase terms, is_or) for each token of the raw query."""
    for minus, quoted, bare_minus, bare in TOKEN_RE.findall(text):
        if bare == "OR" and not bare_minus:
            yield False, (), True
            continue
        found = tuple(terms(quoted if quoted else bare))
        if found:
            yield bool(minus or bare_minus), found, False


def parse(text):
    """The Query for a raw `q` value (any string: nothing in it is an error)."""
    text = (text or "")[:MAX_QUERY_LENGTH]
    clauses = []
    joining = False  # the previous token was OR
    for negated, phrase_terms, is_or in _tokens(text):
        if is_or:
            joining = bool(clauses) and not clauses[-1].excluded
            continue
        phrase = Phrase(phrase_terms)
        if joining and not negated:
            last = clauses.pop()
            clauses.append(Clause(last.options + (phrase,)))
        elif len(clauses) < MAX_CLAUSES:
            clauses.append(Clause((phrase,), excluded=negated))
        joining = False
    unique = tuple(dict.fromkeys(clauses))  # "ai ai" is "ai"
    return Query(unique)


# SQLite FTS5 ------------------------------------------------------------------------------------


def _fts5_phrase(phrase, column):
    # Terms hold only letters and digits (analysis.WORD_RE), so a double-quoted string is always literal.
    quoted = '"' + " ".join(phrase.terms) + '"'
    return f"{{{column}}} : {quoted}" if column else quoted


def _fts5_clause(clause, column=None):
    return "(" + " OR ".join(_fts5_phrase(phrase, column) for phrase in clause.options) + ")"


def to_fts5(query, *, column=None):
    """An FTS5 MATCH expression; `column`: the required clauses must match in that column."""
    if not query:
        raise ValueError("an empty query matches nothing; check `if query:` first")
    expression = " AND ".join(_fts5_clause(clause, column) for clause in query.required)
    for clause in query.excluded:
        expression = f"({expression}) NOT {_fts5_clause(clause)}"
    return expression


# PostgreSQL tsquery ----------------------------------------------------------------------------


def _ts_phrase(phrase, weight):
    suffix = f":{weight}" if weight else ""
    parts = ["'" + term.replace("'", "''") + "'" + suffix for term in phrase.terms]
    return "(" + " <-> ".join(parts) + ")"


def _ts_clause(clause, weight=None):
    return "(" + " | ".join(_ts_phrase(phrase, weight) for phrase in clause.options) + ")"


def to_tsquery(query, *, weight=None):
    """Text for to_tsquery('simple', ...); `weight` ("A"): the required clauses must match in the title."""
    if not query:
        raise ValueError("an empty query matches nothing; check `if query:` first")
    parts = [_ts_clause(clause, weight) for clause in query.required]
    parts += ["!" + _ts_clause(clause) for clause in query.excluded]
    return " & ".join(parts)
