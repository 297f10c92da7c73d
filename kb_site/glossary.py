"""The bilingual glossary of the "Across the knowledge base" panels: kb_site/data/glossary.toml.

    glossary().alternatives(("ai",))  ->  [("ИИ", ("ии",)), ("artificial intelligence", ("artifici", "intellig")), …]
    glossary().is_ignored("the")      ->  True

Words are compared as the search index holds them (kb_site.search.analysis: folded and stemmed),
so a group's "лидер" matches "лидеров" in a post, and a phrase matches as a phrase. A group
member found inside a key term ("data" in "Data Analysis") brings in the rest of its group.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .search.analysis import terms, words

GLOSSARY_FILE = Path(__file__).resolve().parent / "data" / "glossary.toml"


def contains(haystack, needle):
    """True when the tuple `needle` occurs, in order and adjacent, in the tuple `haystack`."""
    size = len(needle)
    return any(haystack[start : start + size] == needle for start in range(len(haystack) - size + 1))


@dataclass(frozen=True)
class Glossary:
    groups: tuple  # of tuples of (display, stems)
    ignored: frozenset  # folded words and their stems

    def is_ignored(self, word):
        """True for a word (folded or stemmed) too common to connect two entries."""
        return word in self.ignored

    @property
    def phrases(self):
        """The stems of every member of more than one word, longest first ("artificial intelligence")."""
        members = {member for group in self.groups for _, member in group if len(member) > 1}
        return sorted(members, key=lambda member: (-len(member), member))

    def alternatives(self, stems):
        """(display, stems) of every glossary word that means what `stems` (a key term's stems) holds,
        other than the term itself; in the file's order, each once."""
        found = {}
        for group in self.groups:
            if any(contains(stems, member) for _, member in group):
                for display, member in group:
                    if member != stems:
                        found.setdefault(member, display)
        return [(display, member) for member, display in found.items()]


def load(path=GLOSSARY_FILE):
    """The glossary in `path` (a TOML file: [[group]] words = [...]; [ignore] words = "..."). A mistake
    in it is an error naming the file, not a silently empty panel."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    groups = []
    for number, group in enumerate(data.get("group", []), start=1):
        members = group.get("words")
        if not isinstance(members, list) or not all(isinstance(word, str) for word in members):
            raise ValueError(f'{path}: group {number} needs words = ["…", "…"]')
        stemmed = tuple((word, tuple(terms(word))) for word in members if terms(word))
        groups.append(stemmed)
    ignored_text = data.get("ignore", {}).get("words", "")
    if not isinstance(ignored_text, str):
        raise ValueError(f"{path}: [ignore] words is one string of words separated by spaces")
    folded = words(ignored_text)
    return Glossary(tuple(groups), frozenset(folded) | frozenset(terms(ignored_text)))


@lru_cache(maxsize=1)
def glossary():
    """The site's glossary, read once per process."""
    return load()
