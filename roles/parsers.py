"""An AiPathly career page saved as text → plain dataclasses (pure Python: no Django, no database).

The format, as the site's pages come out when saved as text:

* noise lines from images and the logo (`logoAiPathly`, `first image`);
* the role's title, then sections: a heading, an intro paragraph (ending in a
  colon), then sub-headings, each followed by `  • ` bullets or `  1. ` numbered
  items (nested by indentation), or by a paragraph;
* a section's closing paragraph is often glued onto its last bullet with no
  line break (`…clear reporting A good analyst knows…`);
* a section can lose its heading: its intro paragraph then follows the
  previous section's last bullet directly;
* a `More Careers` tail: each related role's title twice, then its whole body
  on one line of flattened markdown (`### Heading - item 1. **Bold**: - sub-item`),
  or no body at all.

Nothing here knows any sentence of a particular page: headings, lists and
facts are recognised by their shape. `parse_page` raises `ParseError` (with the
line) for text that is not such a page. A page that looks cut short (no `More
Careers` part, which many scrapes lack, or text that stops mid-sentence) is
parsed as far as it goes, its role marked `incomplete_note`; with `strict=True`
it is a `ParseError` instead.
"""

import re
from dataclasses import dataclass, field

from . import extract
from .textutil import (
    MINOR_TITLE_WORDS,
    SENTENCE_STARTERS,
    ends_sentence,
    is_abbreviation,
    is_titlecase_word,
    sentences,
    strip_bold,
    word_count,
)


class ParseError(Exception):
    """Text that is not an AiPathly career page: `line` (1-based) and what was expected."""

    def __init__(self, problem, *, line=None):
        self.problem = problem
        self.line = line
        super().__init__(f"line {line}: {problem}" if line else problem)


# The parsed page -------------------------------------------------------------------------------


@dataclass
class ListItem:
    text: str  # inline text; **bold** kept as markdown emphasis
    children: list = field(default_factory=list)  # nested ItemLists


@dataclass
class ItemList:
    is_ordered: bool
    items: list = field(default_factory=list)
    start: int = 1


@dataclass
class Paragraph:
    text: str


@dataclass
class Subsection:
    heading: str
    blocks: list = field(default_factory=list)  # Paragraphs and ItemLists, in page order


@dataclass
class Section:
    heading: str
    kind: str
    is_heading_inferred: bool = False
    blocks: list = field(default_factory=list)  # before the first sub-heading
    subsections: list = field(default_factory=list)
    closing: list = field(default_factory=list)  # Paragraphs split off the section's last item


@dataclass
class Role:
    title: str
    short_name: str = ""
    summary: str = ""
    intro: list = field(default_factory=list)  # Paragraphs before the first section
    sections: list = field(default_factory=list)
    conclusion: list = field(default_factory=list)  # Paragraphs after the last section
    salary_ranges: list = field(default_factory=list)  # extract.SalaryRange
    statistics: list = field(default_factory=list)  # extract.Statistic
    industries: list = field(default_factory=list)  # extract.IndustryExample
    skills: list = field(default_factory=list)  # extract.SkillMention
    related: list = field(default_factory=list)  # titles of related roles on the same page
    is_main: bool = False
    incomplete_note: str = ""  # why the page looks cut short in this role ("" when it does not)

    @property
    def has_description(self):
        return bool(self.intro or self.sections or self.conclusion)


@dataclass
class Page:
    roles: list  # the page's main role first, then its related roles

    @property
    def main(self):
        return self.roles[0]

    @property
    def incomplete(self):
        """(title, why) of each role the page looks cut short in."""
        return [(role.title, role.incomplete_note) for role in self.roles if role.incomplete_note]


# Section kinds (the model's Section.Kind has the same values) ------------------------------------

SECTION_KINDS = (
    ("overview", r"\boverview\b|\bintroduction\b|^about\b"),
    ("responsibilities", r"responsibilit|\bduties\b|\bkey tasks\b"),
    ("soft_skills", r"\bsoft skills?\b"),
    ("skills", r"\bskills?\b|competenc"),
    ("requirements", r"requirement|qualification"),
    ("salary", r"\bsalar|compensation|\bpay\b"),
    ("market", r"\bdemand\b|\bjob market\b|\boutlook\b"),
    ("trends", r"\btrends?\b|\binsights?\b"),
    ("career", r"\bcareer\b|\bprogression\b|\bpath\b"),
    ("education", r"\beducation\b|\btraining\b|\bdegree"),
    ("best_practices", r"best practices?|\btips\b"),
    ("challenges", r"challenge|obstacle|pitfall"),
    ("work_environment", r"work environment|workplace|\bteam structure\b"),
)
OTHER_KIND = "other"


def section_kind(heading):
    """What a section is about, from its heading's words (`Common Challenges` → challenges)."""
    lowered = heading.lower()
    for kind, pattern in SECTION_KINDS:
        if re.search(pattern, lowered):
            return kind
    return OTHER_KIND


# Lines ---------------------------------------------------------------------------------------------

HEADING, PARA, ITEM = "heading", "para", "item"

NOISE_PATTERNS = (
    re.compile(r"^logo\S*$", re.IGNORECASE),  # logoAiPathly
    re.compile(r"^(?:[a-z]+ )?(?:image|img|picture|photo|icon)(?: \d+)?$", re.IGNORECASE),  # first image
)
BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)(?:[•●▪◦‣∙]|(?<=[ \t])[-*])[ \t]+(?P<text>\S.*)$")
NUMBERED_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,3})[.)][ \t]+(?P<text>\S.*)$")
RELATED_HEADING_RE = re.compile(r"^(?:more|related|other|similar) careers?$", re.IGNORECASE)
MAX_HEADING_WORDS = 12
MAX_ITEM_WORDS = 12  # longer than this and unfinished: a paragraph cut short, not a list item
MAX_HEADING_CHARS = 100


@dataclass
class Line:
    number: int
    kind: str
    text: str
    indent: int = 0
    is_ordered: bool = False
    item_number: int = 0


def is_noise(text):
    return any(pattern.match(text) for pattern in NOISE_PATTERNS)


def looks_like_heading(text):
    """A short line starting with a capital (or digit) that does not end like a sentence
    and holds no sentence break (`U.S. Market` is fine: an abbreviation)."""
    return (
        len(text) <= MAX_HEADING_CHARS
        and word_count(text) <= MAX_HEADING_WORDS
        and (text[0].isupper() or text[0].isdigit())
        and not re.search(r"[.!?:;,]$", text)
        and all(is_abbreviation(word) for word in re.findall(r"\S+[.!?](?=\s)", text))
    )


def classify_lines(text):
    """The page's non-blank, non-noise lines, each as a heading, a paragraph or a list item."""
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or is_noise(stripped):
            continue
        raw = raw.rstrip()
        if match := BULLET_RE.match(raw):
            indent = len(match["indent"].expandtabs(4))
            lines.append(Line(number, ITEM, match["text"].strip(), indent=indent))
        elif (match := NUMBERED_RE.match(raw)) and (match["indent"] or not looks_like_heading(stripped)):
            indent = len(match["indent"].expandtabs(4))
            lines.append(
                Line(
                    number,
                    ITEM,
                    match["text"].strip(),
                    indent=indent,
                    is_ordered=True,
                    item_number=int(match["number"]),
                )
            )
        elif looks_like_heading(stripped):
            lines.append(Line(number, HEADING, stripped))
        else:
            lines.append(Line(number, PARA, stripped))
    return lines


# The page -----------------------------------------------------------------------------------------


def parse_page(text, *, strict=False):
    """The page's roles: its main role with its sections and facts, then the related roles.

    A page that looks cut short is parsed as far as it goes and the role it stops in gets an
    `incomplete_note`; `strict` makes that a ParseError, as for any other text that is not a whole page.
    """
    lines = classify_lines(text)
    if not lines:
        raise ParseError(
            "the text holds nothing but blank and image/logo lines; expected an AiPathly career page", line=1
        )
    first = lines[0]
    if first.kind != HEADING:
        raise ParseError(
            f"expected the role's title (a short line such as 'Data Scientist'), found {_quote(first.text)}",
            line=first.number,
        )
    tail_at = next(
        (i for i, line in enumerate(lines) if line.kind == HEADING and RELATED_HEADING_RE.match(line.text)), None
    )
    body = lines[1:tail_at] if tail_at is not None else lines[1:]
    if not any(line.kind == ITEM for line in body):
        raise ParseError(
            "expected sections with bullet (•) or numbered (1.) items after the title, found none; "
            "is this an AiPathly career page?",
            line=first.number,
        )
    problems = cut_short(lines, tail_at)
    if strict and problems:
        line, problem = problems[0]
        raise ParseError(problem, line=line)

    main = Role(title=first.text, is_main=True)
    main.sections = parse_sections(body)
    if not main.sections:
        raise ParseError("expected at least one section heading after the title", line=first.number)
    related = parse_related(lines[tail_at + 1 :]) if tail_at is not None else []
    for role in related:
        role.related = [main.title]
    main.related = [role.title for role in related]
    roles = [main, *related]
    titles = [role.title for role in roles]
    duplicates = sorted({title for title in titles if titles.count(title) > 1})
    if duplicates:
        raise ParseError(f"the page names the role {duplicates[0]!r} twice; expected each role once")
    if problems:  # the page stops in its last role
        roles[-1].incomplete_note = "; ".join(f"line {line}: {problem}" for line, problem in problems)
    for role in roles:
        finish_role(role)
    return Page(roles=roles)


def cut_short(lines, tail_at):
    """[(line, problem)] when the page looks cut short: no 'More Careers' part, or a last paragraph that
    stops mid-sentence."""
    problems = []
    last = lines[-1]
    if tail_at is None:
        problems.append(
            (
                last.number,
                f"the page ends without its 'More Careers' part (last text: {_quote(last.text)}); "
                "the file looks truncated",
            )
        )
    # A list item may end without a full stop; a paragraph (long, or with a sentence in it) may not.
    last_run = re.split(r"\s(?:[-*•]|\d{1,2}\.|#{2,6})\s", last.text)[-1]
    is_paragraph = word_count(last_run) > MAX_ITEM_WORDS or len(sentences(last_run)) > 1
    if last.kind != HEADING and not ends_sentence(last.text) and is_paragraph:
        problems.append(
            (last.number, f"the text stops mid-sentence ({_quote(last.text[-60:])}); the file looks truncated")
        )
    return problems


def _quote(text, limit=80):
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)


def finish_role(role):
    """Summary, short name and structured facts, from the role's parsed text."""
    role.summary = role_summary(role)
    role.short_name = extract.short_name(role.title, role_text(role))
    role.salary_ranges = extract.salary_ranges(role)
    role.statistics = extract.statistics(role)
    role.industries = extract.industries(role)
    role.skills = extract.skills(role)


def role_summary(role):
    """The first sentence of the role's first paragraph."""
    paragraphs = list(role.intro)
    for section in role.sections:
        paragraphs.extend(block for block in section.blocks if isinstance(block, Paragraph))
        if paragraphs:
            break
    if not paragraphs:
        return ""
    first = sentences(paragraphs[0].text)
    return strip_bold(first[0] if first else paragraphs[0].text)


def role_text(role):
    """All the role's words, in page order (for the short name and search)."""
    parts = [p.text for p in role.intro]
    for section in role.sections:
        parts.append(section.heading)
        parts.extend(block_texts(section.blocks))
        for sub in section.subsections:
            parts.append(sub.heading)
            parts.extend(block_texts(sub.blocks))
        parts.extend(p.text for p in section.closing)
    parts.extend(p.text for p in role.conclusion)
    return "\n".join(strip_bold(part) for part in parts)


def block_texts(blocks):
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for item in block.items:
                yield item.text
                yield from block_texts(item.children)


# Sections of the main role -------------------------------------------------------------------------


def is_section_heading(lines, i, is_first):
    """A section heading is followed by an intro paragraph ending in a colon and then a
    sub-heading (or directly by a sub-heading); a sub-heading is followed by items, or by
    paragraphs of its own."""
    following = lines[i + 1] if i + 1 < len(lines) else None
    if is_first or following is None or following.kind == HEADING:
        return True
    after = lines[i + 2] if i + 2 < len(lines) else None
    return following.kind == PARA and following.text.endswith(":") and (after is None or after.kind == HEADING)


def starts_headless_section(lines, i):
    """A paragraph straight after a list, ending in a colon and followed by a sub-heading,
    is the intro of a section whose heading the page lost."""
    previous = lines[i - 1] if i > 0 else None
    following = lines[i + 1] if i + 1 < len(lines) else None
    return (
        previous is not None
        and previous.kind == ITEM
        and lines[i].text.endswith(":")
        and following is not None
        and following.kind == HEADING
    )


class _Container:
    """Where the next paragraph or item goes, and the nesting of the lists being built."""

    def __init__(self, blocks):
        self.blocks = blocks
        self.stack = []  # (indent, ItemList)

    def add_paragraph(self, text):
        self.stack = []
        self.blocks.append(Paragraph(text))

    def add_item(self, line):
        while self.stack and self.stack[-1][0] > line.indent:
            self.stack.pop()
        if self.stack and self.stack[-1][0] == line.indent:
            current = self.stack[-1][1]
            if current.is_ordered == line.is_ordered:
                current.items.append(ListItem(line.text))
                return
            self.stack.pop()  # a list of the other kind at the same depth: a sibling list
        new = ItemList(is_ordered=line.is_ordered, start=line.item_number or 1, items=[ListItem(line.text)])
        if self.stack:
            self.stack[-1][1].items[-1].children.append(new)
        else:
            self.blocks.append(new)
        self.stack.append((line.indent, new))


def parse_sections(lines):
    sections = []
    section = None
    container = None
    for i, line in enumerate(lines):
        if line.kind == HEADING and is_section_heading(lines, i, is_first=section is None):
            section = Section(heading=line.text, kind=section_kind(line.text))
            sections.append(section)
            container = _Container(section.blocks)
        elif line.kind == HEADING:
            sub = Subsection(heading=line.text)
            section.subsections.append(sub)
            container = _Container(sub.blocks)
        elif section is None:
            raise ParseError(f"expected a section heading before {_quote(line.text)}", line=line.number)
        elif line.kind == PARA and starts_headless_section(lines, i):
            heading = extract.inferred_heading(line.text)
            section = Section(heading=heading, kind=section_kind(heading), is_heading_inferred=True)
            sections.append(section)
            container = _Container(section.blocks)
            container.add_paragraph(line.text)
        elif line.kind == PARA:
            container.add_paragraph(line.text)
        else:
            container.add_item(line)
    for section in sections:
        if last_list(section.subsections[-1].blocks if section.subsections else section.blocks):
            section.closing = split_closing(section_lists(section))
    return sections


def section_lists(section):
    lists = [b for b in section.blocks if isinstance(b, ItemList)]
    for sub in section.subsections:
        lists.extend(b for b in sub.blocks if isinstance(b, ItemList))
    return lists


def last_list(section_blocks):
    """The list a section ends with, if it ends with one (not with a paragraph)."""
    return section_blocks[-1] if section_blocks and isinstance(section_blocks[-1], ItemList) else None


# Closing paragraphs glued onto a last item -------------------------------------------------------------

MIN_CLOSING_WORDS = 6


def all_items(lists):
    for item_list in lists:
        for item in item_list.items:
            yield item
            yield from all_items(item.children)


def deepest_last_item(item_list):
    item = item_list.items[-1]
    while item.children:
        item = item.children[-1].items[-1]
    return item


def split_closing(lists):
    """Split a paragraph glued onto the last item of `lists` (the last one of which ends the
    section or role): cut the item there and return the paragraph(s) split off."""
    if not lists:
        return []
    last = deepest_last_item(lists[-1])
    siblings = [item for item in all_items(lists) if item is not last]
    head, tail = split_glued_text(last.text, siblings)
    if not tail:
        return []
    last.text = head
    return [Paragraph(tail)]


def split_glued_text(text, siblings):
    """(item text, glued paragraph or "").

    When the section's items end like sentences, the item keeps as many sentences as its
    siblings typically have and the rest is the paragraph. When they are fragments (no full
    stop), the paragraph starts at the first sentence-starting word that follows a lowercase
    word with no punctuation (`…team management The analyst's job…`), or at the first full stop.
    """
    ends = [ends_sentence(strip_bold(item.text)) for item in siblings]
    is_sentence_style = bool(ends) and sum(ends) * 2 > len(ends)
    if is_sentence_style:
        counts = sorted(len(sentences(item.text)) for item in siblings)
        keep = max(1, counts[len(counts) // 2])
        parts = sentences(text)
        if len(parts) > keep:
            head, tail = " ".join(parts[:keep]), " ".join(parts[keep:])
            if word_count(tail) >= MIN_CLOSING_WORDS:
                return head, tail
        return text, ""
    for cut in _fragment_boundaries(text):
        head, tail = text[:cut].rstrip(), text[cut:].lstrip()
        if word_count(head) >= 2 and word_count(tail) >= MIN_CLOSING_WORDS and ends_sentence(tail):
            return head, tail
    return text, ""


def _fragment_boundaries(text):
    """Offsets where a glued paragraph may start, in order."""
    depth_paren = 0
    bold_open = False
    words = list(re.finditer(r"\S+", text))
    for index in range(1, len(words)):
        previous, word = words[index - 1].group(), words[index].group()
        depth_paren += previous.count("(") - previous.count(")")
        bold_open ^= previous.count("**") % 2 == 1
        if depth_paren > 0 or bold_open:
            continue
        bare = word.strip("\"'“‘(")
        after_full_stop = ends_sentence(previous) and not is_abbreviation(previous) and bare[:1].isupper()
        after_fragment = (
            re.search(r"[a-z0-9]$", previous) and is_titlecase_word(bare) and bare.rstrip(",") in SENTENCE_STARTERS
        )
        if after_full_stop or after_fragment:
            yield words[index].start()


# The More Careers tail ----------------------------------------------------------------------------------


def parse_related(lines):
    """Each related role: its title (usually twice), then one body line of flattened markdown,
    or no body at all."""
    roles = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind != HEADING:
            raise ParseError(f"expected a related role's title, found {_quote(line.text)}", line=line.number)
        role = Role(title=line.text)
        i += 1
        if i < len(lines) and lines[i].kind == HEADING and lines[i].text == role.title:
            i += 1  # the page repeats each title
        body = []
        while i < len(lines) and lines[i].kind != HEADING:
            body.append(("- " if lines[i].kind == ITEM else "") + lines[i].text)
            i += 1
        if body:
            parse_flat_body(role, " ".join(body))
        roles.append(role)
    return roles


HEADING_MARK_RE = re.compile(r"(?:^|\s)#{2,6}\s+")
# Small words a title-case heading leaves in lower case (the same list titles are cased with).
MINOR_WORDS = MINOR_TITLE_WORDS | {"&"}


def parse_flat_body(role, text):
    """One line of flattened markdown → intro paragraph, sections with lists, conclusion."""
    chunks = HEADING_MARK_RE.split(text)
    intro_blocks = parse_flat_content(chunks[0].strip())
    role.intro = [block for block in intro_blocks if isinstance(block, Paragraph)]
    if len(role.intro) != len(intro_blocks):  # items before any heading: keep them in an untitled lead
        role.intro = []
        role.sections.append(Section(heading="", kind=OTHER_KIND, blocks=intro_blocks))
    for chunk in chunks[1:]:
        heading, rest = split_flat_heading(chunk.strip())
        role.sections.append(Section(heading=heading, kind=section_kind(heading), blocks=parse_flat_content(rest)))
    lists = [block for section in role.sections for block in section.blocks if isinstance(block, ItemList)]
    if role.sections and last_list(role.sections[-1].blocks):
        role.conclusion = split_closing(lists)
    elif not role.sections and len(role.intro) > 1:
        role.conclusion = role.intro[1:]
        role.intro = role.intro[:1]


def _is_heading_word(word):
    bare = word.strip("()\"'“”")
    if not bare:
        return False
    return bare.lower() in MINOR_WORDS or bare[0].isupper() or bare[0].isdigit()


def split_flat_heading(chunk):
    """`Key Responsibilities - a - b` → ("Key Responsibilities", "- a - b");
    `Data Engineers Data Engineers build…` → ("Data Engineers", "Data Engineers build…")."""
    marker = FLAT_MARKER_RE.search(" " + chunk)
    limit = marker.start() - 1 if marker else len(chunk)  # offsets in chunk are one less
    words = list(re.finditer(r"\S+", chunk[:limit]))
    run = 0
    while run < len(words) and _is_heading_word(words[run].group()):
        run += 1
    if run == len(words) or run <= 1:
        cut = run
    else:
        texts = [w.group() for w in words[:run]]
        cut = None
        for size in range(1, run // 2 + 1):  # the heading repeated as the paragraph's first words
            if texts[:size] == texts[size : 2 * size]:
                cut = size
                break
        if cut is None:
            cut = next(
                (j for j in range(1, run) if texts[j] in SENTENCE_STARTERS and texts[j - 1].lower() not in MINOR_WORDS),
                run - 1,
            )
    if cut == 0:
        return "", chunk
    end = words[cut - 1].end()
    return chunk[:end].strip().rstrip(":"), chunk[end:].strip()


FLAT_MARKER_RE = re.compile(r"(?<=\s)(?:(?P<bullet>[-*•])|(?P<number>\d{1,2})\.)\s+(?=\S)")


def parse_flat_content(text):
    """`Lead-in: 1. **A**: - x - y 2. B` → [Paragraph, ItemList(ordered, [A [x, y], B])].

    Bullets that follow a numbered item are its sub-items; numbered items start at 1 and
    count up (a number out of sequence is text, not an item)."""
    blocks = []
    if not text:
        return blocks
    padded = " " + text
    markers = []
    expected = 1
    for match in FLAT_MARKER_RE.finditer(padded):
        if match["number"]:
            number = int(match["number"])
            if number not in (1, expected):
                continue
            expected = number + 1
        markers.append(match)
    lead = padded[: markers[0].start()].strip() if markers else text.strip()
    if lead:
        blocks.append(Paragraph(lead))
    parent = None  # the numbered item bullets nest under
    for index, match in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(padded)
        item = ListItem(padded[match.end() : end].strip())
        if match["number"]:
            number = int(match["number"])
            if number == 1 or not blocks or not isinstance(blocks[-1], ItemList) or not blocks[-1].is_ordered:
                blocks.append(ItemList(is_ordered=True, start=number))
            blocks[-1].items.append(item)
            parent = item
        elif parent is not None:
            if not parent.children:
                parent.children.append(ItemList(is_ordered=False))
            parent.children[-1].items.append(item)
        else:
            if not blocks or not isinstance(blocks[-1], ItemList) or blocks[-1].is_ordered:
                blocks.append(ItemList(is_ordered=False))
            blocks[-1].items.append(item)
    return blocks
