"""Search, once for every collection and both databases.

    analysis.py   text -> folded, stemmed terms (Russian and English Snowball)
    query.py      the query language: parse `q` once, compile to FTS5 MATCH or a tsquery
    indexing.py   Searchable / SearchableQuerySet: the columns every write path keeps right
    schema.py     the index in the database (FTS5 + triggers; tsvector trigger + GIN), install and check
    engine.py     matching (the lists' `q`) and ranked (the site-wide search), work bounded
    snippets.py   the passage around the match, matched words in <mark>
    site.py       the site-wide search page: each collection's results, grouped

An app's part of the site-wide search returns a Found; its lists filter with
kb_site.filters.SearchFilter. See kb_site/README.md.
"""

from dataclasses import dataclass, field

from .engine import CANDIDATE_CAP, first_matches, matching, ranked
from .query import MAX_QUERY_LENGTH, Query, parse
from .snippets import highlight

__all__ = [
    "CANDIDATE_CAP",
    "MAX_QUERY_LENGTH",
    "Found",
    "Kind",
    "Query",
    "as_query",
    "first_matches",
    "highlight",
    "matching",
    "parse",
    "ranked",
]


def as_query(query):
    """A parsed Query, from a Query or the text of one."""
    return query if isinstance(query, Query) else parse(query)


@dataclass(frozen=True)
class Kind:
    """What a result is, in words: Kind("paper", "papers")."""

    singular: str
    plural: str

    def count(self, n):
        return f"{n:,} {self.singular if n == 1 else self.plural}"


@dataclass
class Found:
    """One collection's answer to the site-wide search.

    total     matching entries (at most CANDIDATE_CAP; `capped` says there are more)
    results   this page's results, best first: {"title", "url", "snippet" (escaped HTML with <mark>),
              "meta", "kind" (e.g. "Paper")}
    kinds     [(Kind, count)] for each kind of entry the collection holds, e.g. papers and review sections
    """

    total: int = 0
    results: list = field(default_factory=list)
    capped: bool = False
    kinds: list = field(default_factory=list)

    def summary(self):
        """ "20 papers and 2 sections of a review" (the kinds that matched)."""
        parts = [kind.count(n) for kind, n in self.kinds if n]
        return " and ".join(filter(None, [", ".join(parts[:-1]), parts[-1] if parts else ""]))
