"""Cleaning text extracted from a preprint's PDF (pure Python: no Django, no database).

What such text looks like, and what this module does about it:

* every wrapped line may be followed by a blank line, so blank lines say nothing;
  a line of spaces, a short line that closes a sentence, or a heading ends a paragraph;
  a line that begins with a space is the first line of a new page (`Line.starts_page`);
* a word hyphenated at the end of a line keeps its hyphen (`COVID-` / `19`,
  `non-` / `imaging`) unless the document spells the joined word without it
  elsewhere (`treat-` / `ment` when `treatment` occurs): word processors rarely
  hyphenate on their own, so a line-final hyphen is usually a real one;
* citation numbers glued to words (`lungs3,4`, `COVID-197,8`, `e.g.10,11`,
  `images 46.`) become `[3, 4]`; numeric citation styles number references
  in order of first citation, which tells them from real numbers (`COVID-19`,
  `Q1-Q3`, `2048 papers`, `ResNet50`);
* the server's licence stamp (medRxiv, bioRxiv) injected mid-paragraph, several
  lines and bare URLs, is removed; what it states (version date, licence, DOI) is kept.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

MAX_CITATION_GAP = 5  # a new citation number is at most this far above the highest so far
SHORT_LINE_RATIO = 0.8  # a line shorter than this share of the text width may end a paragraph
MAX_HEADING_WORDS = 8
MAX_HEADING_LENGTH = 60

SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")
BARE_URL = re.compile(r"^https?://\S+$")
CITATION = re.compile(r"\[(\d{1,3}(?:, \d{1,3})*)\]")


class ParseError(ValueError):
    """A document that does not have the expected shape.

    `file` says which input the problem is in ("text", "metadata" or "mapping");
    the importer names the actual path. `line` and `record` say where.
    """

    def __init__(self, problem, *, line=None, record=None, file="text"):
        self.problem = problem
        self.line = line
        self.record = record
        self.file = file
        super().__init__(problem)


@dataclass
class Line:
    number: int
    raw: str

    @property
    def text(self):
        return " ".join(self.raw.split())

    @property
    def is_blank(self):
        return self.raw == ""

    @property
    def is_spacer(self):
        """A line of spaces only: the PDF's gap between paragraphs."""
        return self.raw != "" and not self.raw.strip()

    @property
    def starts_page(self):
        return self.raw[:1] == " " and bool(self.raw.strip())


def split_lines(text):
    return [Line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]


def core(token):
    """A token without the punctuation around it."""
    return token.strip("()[]{}\"“”‘’'.,;:!?")


class Vocabulary:
    """How often each word occurs in the document: it decides hyphens and citations."""

    def __init__(self, lines=()):
        self.counts = Counter(core(token) for line in lines for token in line.text.split())

    def __contains__(self, word):
        return self.counts[word] > 0

    def count(self, word):
        return self.counts[word]


# The licence stamp -----------------------------------------------------------------------------

_STAMP_ANCHORS = re.compile(
    r"International license|is the author/funder|The copyright holder for this|this version posted|"
    r"doi:\s*(?:med|bio)Rxiv preprint|(?:med|bio)Rxiv a license to display",
    re.IGNORECASE,
)
# The words of the servers' fixed stamp text: a line of only these, next to the stamp, belongs to it.
_STAMP_TEXT = (
    "the copyright holder for this preprint which was not certified by peer review is author/funder who has "
    "granted medrxiv biorxiv a license to display in perpetuity it made available under cc-by cc-by-nc "
    "cc-by-nd cc-by-nc-nd cc-by-sa cc-by-nc-sa cc0 cc by nc nd sa 4.0 international version posted doi "
    "no reuse allowed without permission all rights reserved"
)
_STAMP_WORDS = frozenset(_STAMP_TEXT.split())
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass
class Stamp:
    """What the server's licence stamp says about this version of the preprint."""

    version_date: date | None = None
    licence: str = ""
    licence_url: str = ""
    doi: str = ""
    server: str = ""
    lines: list = field(default_factory=list)  # numbers of the lines it occupied


def _in_stamp(line):
    if line.is_blank or _STAMP_ANCHORS.search(line.raw) or BARE_URL.match(line.text):
        return True
    words = [w.strip(".,;:()").lower() for w in line.text.split()]
    return bool(words) and all(w in _STAMP_WORDS for w in words if w)


def find_stamp(lines):
    """Every block of the licence stamp (anchored on its fixed phrases), and what it states."""
    stamp = Stamp()
    taken = set()
    for index, line in enumerate(lines):
        if index in taken or not _STAMP_ANCHORS.search(line.raw):
            continue
        start, end = index, index
        while start > 0 and _in_stamp(lines[start - 1]):
            start -= 1
        while end + 1 < len(lines) and _in_stamp(lines[end + 1]):
            end += 1
        taken.update(j for j in range(start, end + 1) if lines[j].text)
    if not taken:
        return stamp
    stamp.lines = sorted(lines[j].number for j in taken)
    block = " ".join(lines[j].raw for j in sorted(taken))

    posted = re.search(r"version posted\s+([A-Za-z]+)\.? (\d{1,2}), (\d{4})", block)
    if posted:
        month = next((i for i, m in enumerate(_MONTHS, 1) if posted.group(1).lower().startswith(m)), None)
        if month:
            stamp.version_date = date(int(posted.group(3)), month, int(posted.group(2)))
    licence = re.search(r"\b(CC-BY(?:-(?:NC|ND|SA))*|CC0) (\d\.\d)\b", block)
    if licence:
        stamp.licence = f"{licence.group(1).replace('-', ' ', 1)} {licence.group(2)}"
    for j in sorted(taken):
        text = lines[j].text
        if re.match(r"^https?://(?:dx\.)?doi\.org/10\.", text):
            stamp.doi = text.split("doi.org/", 1)[1]
        elif re.match(r"^https?://creativecommons\.org/licen[cs]es/", text):
            stamp.licence_url = "https://" + text.split("://", 1)[1]
    if not stamp.doi:
        doi = re.search(r"doi\.org/(10\.\d{4,9}/\S+?)(?=doi:|\s|$)", block)
        stamp.doi = doi.group(1) if doi else ""
    server = re.search(r"\b(medRxiv|bioRxiv)\b", block)
    stamp.server = server.group(1) if server else ""
    return stamp


# Paragraphs and headings ------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # "heading" or "paragraph"
    text: str
    line: int


def typical_width(lines):
    widths = sorted(len(line.raw.rstrip()) for line in lines if len(line.text) > 40)
    return widths[len(widths) // 2] if widths else 80


def is_heading(text, following):
    """A short capitalised line without closing punctuation, followed by a capitalised line."""
    if not text or len(text.split()) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_LENGTH:
        return False
    if not text[0].isalpha() or not text[0].isupper() or re.search(r"[.,;:!?\d]$", text):
        return False
    return bool(following) and (following[0].isupper() or following[0].isdigit())


def blocks(lines, vocabulary):
    """Join wrapped lines into paragraphs and tell the headings apart."""
    width = typical_width(lines)
    found = []
    current = []  # (line number, text)
    previous_ended = True  # the previous line closed a sentence (or there was none)

    def close():
        if current:
            found.append(Block("paragraph", join_lines([t for _, t in current], vocabulary), current[0][0]))
            current.clear()

    content = [line for line in lines if not line.is_blank]
    for index, line in enumerate(content):
        if line.is_spacer:
            close()
            previous_ended = True
            continue
        following = next((n.text for n in content[index + 1 :] if n.text), "")
        if previous_ended and is_heading(line.text, following):
            close()
            found.append(Block("heading", line.text, line.number))
            continue
        current.append((line.number, line.text))
        previous_ended = bool(SENTENCE_END.search(line.text))
        if previous_ended and len(line.raw.rstrip()) < SHORT_LINE_RATIO * width:
            close()
    close()
    return found


def join_lines(texts, vocabulary=None):
    """Join wrapped lines, undoing line-end hyphenation only where the document says so."""
    vocabulary = vocabulary or Vocabulary()
    out = ""
    for text in texts:
        text = " ".join(text.split())
        if not out:
            out = text
        elif out.endswith("-") and not out.endswith(" -"):
            stem = out.rsplit(" ", 1)[-1][:-1]
            hyphen = "-" if keeps_hyphen(stem, text.split(" ", 1)[0], vocabulary) else ""
            out = out[:-1] + hyphen + text
        else:
            out = f"{out} {text}"
    return out


def keeps_hyphen(stem, following, vocabulary):
    """`COVID-` + `19` and `non-` + `imaging` keep the hyphen; `treat-` + `ment` loses it when
    the document spells `treatment` elsewhere (and never `treat-ment`)."""
    word, stem = core(following), core(stem)
    if not word or not stem or not word[0].isalpha() or not word[0].islower() or not stem[-1].isalpha():
        return True
    if f"{stem}-{word}" in vocabulary:
        return True
    return f"{stem}{word}" not in vocabulary


# Citations -------------------------------------------------------------------------------------

_TRAILING = r"(?P<post>[.,;:)\]]*)"
_GLUED_TO_WORD = re.compile(r"^(?P<pre>.*?[^\W\d_]{2,})(?P<nums>\d{1,3}(?:,\d{1,3})*)" + _TRAILING + "$")
_GLUED_TO_CODE = re.compile(r"^(?P<stem>.*[^\W\d_]-)(?P<digits>\d{2,5})(?P<more>(?:,\d{1,3})*)" + _TRAILING + "$")
_GLUED_TO_ABBREVIATION = re.compile(r"^(?P<pre>(?:[a-z]{1,4}\.)+)(?P<nums>\d{1,3}(?:,\d{1,3})*)" + _TRAILING + "$")
_SPACED = re.compile(r"^(?P<nums>\d{1,3})(?P<post>[.,;])$")
_CONTINUED = re.compile(r"^,(?P<nums>\d{1,3}(?:,\d{1,3})*)" + _TRAILING + "$")


class CitationReader:
    """Separates citation numbers from the words they are glued to, in document order.

    Numeric citation styles number references by first citation, so a number is a
    citation only when it is at most MAX_CITATION_GAP above the highest cited so
    far (any lower number is a re-citation). A word that occurs twice with the same
    digits (`ResNet50`) is a name; `COVID-197,8` splits after the longest prefix the
    document also uses on its own (`COVID-19`).
    """

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self.highest = 0

    def accept(self, numbers):
        highest = self.highest
        for n in numbers:
            if n < 1 or n > highest + MAX_CITATION_GAP:
                return False
            highest = max(highest, n)
        self.highest = highest
        return True

    def split(self, text):
        """`…of COVID-197,8. Then` -> `…of COVID-19 [7, 8]. Then`."""
        out = []
        after_citation = False
        for token in text.split(" "):
            result = self._read(token, out, after_citation)
            after_citation = result is not None
            if result is None:
                out.append(token)
                continue
            word, numbers, post = result
            if word:
                out.append(word)
            out.append(f"[{', '.join(str(n) for n in numbers)}]{post}")
        text = " ".join(out)
        text = re.sub(r"\] ?\[", ", ", text)  # "[56, 57] [58]" -> "[56, 57, 58]"
        return re.sub(r"\s+([.,;:])(?=\s|$)", r"\1", text)  # "performance [45] ." -> "performance [45]."

    def _read(self, token, out, after_citation):
        """(word, citation numbers, trailing punctuation) when the token carries a citation, else None."""
        match = _CONTINUED.match(token)
        if match and after_citation:
            numbers = _numbers(match.group("nums"))
            return ("", numbers, match.group("post")) if self.accept(numbers) else None
        match = _GLUED_TO_CODE.match(token)
        if match:
            return self._split_code(match)
        match = _GLUED_TO_WORD.match(token) or _GLUED_TO_ABBREVIATION.match(token)
        if match:
            if self.vocabulary.count(core(token)) >= 2:
                return None
            numbers = _numbers(match.group("nums"))
            return (match.group("pre"), numbers, match.group("post")) if self.accept(numbers) else None
        match = _SPACED.match(token)
        if match and out and out[-1][-1:].isalpha():
            number = int(match.group("nums"))
            if number == self.highest + 1 and self.accept([number]):
                return out.pop(), [number], match.group("post")
        return None

    def _split_code(self, match):
        stem, digits, more = match.group("stem"), match.group("digits"), match.group("more")
        if not more and self.vocabulary.count(stem + digits) >= 2:
            return None
        for cut in range(len(digits) - 1, 0, -1):
            prefix = stem + digits[:cut]
            if self.vocabulary.count(prefix) >= 2:
                numbers = _numbers(digits[cut:] + more)
                return (prefix, numbers, match.group("post")) if self.accept(numbers) else None
        return None


def _numbers(text):
    return [int(n) for n in text.split(",") if n]


def sentences(text):
    """Split prose into sentences (not after e.g., i.e., vs., Fig., et al. or inside decimals)."""
    protected = re.sub(r"\b(e\.g|i\.e|vs|Fig|al|approx|cf|resp)\.", lambda m: m.group(0).replace(".", "\x00"), text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])", protected)
    return [part.replace("\x00", ".").strip() for part in parts if part.strip()]
