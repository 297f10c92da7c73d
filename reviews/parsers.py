"""Parse a review preprint's PDF text into plain dataclasses (pure Python: no Django, no database).

    parse_review(text, meta=<metadata dict>, mapping=<reading dict or None>) -> ParsedReview

The text begins at the abstract (title and authors are not in it: they come from
the metadata file beside it). Cleaning the PDF text (stamp, paragraphs, hyphens,
citations) is `reviews.pdf_text`; this module reads the review's structure:

* the structured abstract (labels on lines of their own) until `Introduction`;
* sections, subsections and run-in headings (`Results: …` at the start of a paragraph);
* the back matter: a table of papers (title wrapped over lines, then
  `Author<ref> Task Modality`, task and modality possibly wrapped too), a table
  comparing modalities (modalities as columns, aspects as rows), and a PRISMA
  flow diagram (`120 Records …` boxes), whose order is found, and checked, by its arithmetic;
* key figures: the mapping names the sentence and the term, general patterns find
  the number (`reviews.key_figures`).

Where the text does not decide — which cell of a run-together table row belongs
to which column, what a percentage is a share of — the reading lives in the
reviewed mapping file beside the seed and is checked against the text here,
never guessed. Every problem raises `ParseError` saying where and what was expected.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from kb_site.text import slugify  # pure Python, like this module

from .key_figures import read_findings
from .pdf_text import (
    SENTENCE_END,
    CitationReader,
    ParseError,
    Stamp,
    Vocabulary,
    blocks,
    find_stamp,
    join_lines,
    split_lines,
)

# Vocabularies; the values are the slugs reviews.models stores (a test keeps them in step).
TASKS = {
    "diagnosis": "diagnosis",
    "detection": "diagnosis",
    "severity assessment": "severity-assessment",
    "prognosis": "prognosis",
    "segmentation": "segmentation",
    "review": "review",
}
MODALITIES = {
    "ct": "ct",
    "computed tomography": "ct",
    "cxr": "cxr",
    "chest x-ray": "cxr",
    "x-ray": "cxr",
    "lus": "lus",
    "lung ultrasound": "lus",
    "multimodal": "multimodal",
    "multi-modal": "multimodal",
}
ASPECTS = {
    "benefit": "benefit",
    "benefits": "benefit",
    "advantages": "benefit",
    "drawback": "drawback",
    "drawbacks": "drawback",
    "disadvantages": "drawback",
    "limitations": "drawback",
    "clinical role": "clinical-role",
}
# A heading with one of these names opens a section (IMRaD and its companions); other headings open subsections.
TOP_LEVEL_HEADINGS = {
    "abstract", "introduction", "background", "methods", "materials and methods", "results", "discussion",
    "conclusion", "conclusions", "limitations", "acknowledgements", "acknowledgments",
}  # fmt: skip
BODY_OPENERS = {"introduction", "background"}  # the first heading after a structured abstract
BACK_MATTER_HEADINGS = re.compile(r"^(List of (Tables|Figures)|References|Figure legends)\b", re.IGNORECASE)
CAPTION = re.compile(r"^(?P<kind>Table|Fig\.?|Figure)\s*(?P<number>[A-Z]?\d+)[.:]?\s+(?P<text>\S.*)$")
MAX_RUN_IN_WORDS = 10


# What a parse returns --------------------------------------------------------------------------


@dataclass
class Author:
    family: str
    given: str = ""


@dataclass
class Metadata:
    title: str
    slug: str
    authors: list
    doi: str = ""
    server: str = ""
    version_date: date | None = None
    licence: str = ""
    licence_url: str = ""
    url: str = ""
    version_note: str = ""
    sources: dict = field(default_factory=dict)


@dataclass
class Section:
    part: str  # "abstract" or "body"
    heading: str
    level: int  # 1 section, 2 subsection, 3 run-in heading
    text: str  # paragraphs separated by blank lines; citations as "[1, 2]"
    line: int = 0


@dataclass
class Paper:
    title: str
    first_author: str
    reference: int | None
    task: str
    modality: str
    maturity: str
    line: int = 0


@dataclass
class ComparisonItem:
    aspect: str
    modality: str
    position: int
    text: str


@dataclass
class PrismaStage:
    position: int
    label: str
    count: int
    kind: str  # identified, deduplicated, screened, excluded, included
    reason: str = ""
    query: str = ""
    line: int = 0


@dataclass
class Caption:
    """A table's or figure's caption, verbatim, and which of the review's data it belongs to: "papers"
    (the table of papers), "comparison" (the modality table), "prisma" (the flow), or "" (a figure the
    text holds only the caption of)."""

    kind: str  # "table" or "figure"
    number: str
    text: str
    shows: str = ""
    line: int = 0


@dataclass
class ParsedReview:
    metadata: Metadata
    sections: list
    papers: list
    comparison: list
    prisma: list
    findings: list
    stamp: Stamp
    captions: list = field(default_factory=list)

    def content(self):
        """Everything but the papers (each paper is an entry of its own): what the review's checksum covers."""
        return {
            "metadata": self.metadata,
            "sections": self.sections,
            "comparison": self.comparison,
            "prisma": self.prisma,
            "findings": self.findings,
            "captions": self.captions,
        }


# Metadata ---------------------------------------------------------------------------------------


def parse_metadata(data):
    """The metadata file: {"title", "authors": [{"family", "given"}], "doi", …, "sources": {name: where from}}."""
    if not isinstance(data, dict):
        raise ParseError("expected a JSON object", file="metadata")

    def need(name, kind=str):
        value = data.get(name)
        if not isinstance(value, kind) or not value:
            raise ParseError(f"expected {name!r} ({kind.__name__}), found {value!r}", record=name, file="metadata")
        return value

    title = " ".join(need("title").split())
    authors = []
    for index, item in enumerate(need("authors", list), start=1):
        if not (isinstance(item, dict) and isinstance(item.get("family"), str) and item["family"].strip()):
            raise ParseError('expected {"family": …, "given": …}', record=f"author {index}", file="metadata")
        authors.append(Author(item["family"].strip(), str(item.get("given", "")).strip()))
    version_date = None
    if data.get("version_date"):
        try:
            version_date = date.fromisoformat(str(data["version_date"]))
        except ValueError:
            raise ParseError(
                f"expected a date as YYYY-MM-DD, found {data['version_date']!r}", record="version_date", file="metadata"
            ) from None
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        raise ParseError("expected an object naming where each value came from", record="sources", file="metadata")
    return Metadata(
        title=title,
        slug=str(data.get("slug") or slugify(title, max_length=80)),
        authors=authors,
        doi=str(data.get("doi", "")),
        server=str(data.get("server", "")),
        version_date=version_date,
        licence=str(data.get("licence", "")),
        licence_url=str(data.get("licence_url", "")),
        url=str(data.get("url", "")),
        version_note=str(data.get("version_note", "")),
        sources={str(k): str(v) for k, v in sources.items()},
    )


def reconcile(metadata, stamp):
    """What the stamp states must agree with the metadata file; it fills in what the file leaves out."""
    for name in ("version_date", "licence", "doi", "server"):
        stated, given = getattr(stamp, name), getattr(metadata, name)
        if stated and given and _comparable(stated) != _comparable(given):
            raise ParseError(
                f"the preprint's licence stamp (line {stamp.lines[0]} of the text) gives {name} {stated}, "
                f"this file {given}; the text is the version its stamp describes, so correct this file",
                record=name,
                file="metadata",
            )
        if stated and not given:
            setattr(metadata, name, stated)
            metadata.sources.setdefault(name, "the preprint's licence stamp in the text")
    metadata.licence_url = metadata.licence_url or stamp.licence_url
    return metadata


def _comparable(value):
    return re.sub(r"[\s-]+", " ", str(value)).strip().lower()


# The whole document ------------------------------------------------------------------------------


def parse_review(text, *, meta, mapping=None):
    """The review in `text`, with its metadata (a dict) and the reviewed reading (a dict, or None)."""
    mapping = mapping or {}
    if not isinstance(mapping, dict):
        raise ParseError("expected a JSON object", file="mapping")
    metadata = parse_metadata(meta)
    lines = split_lines(text)
    stamp = find_stamp(lines)
    metadata = reconcile(metadata, stamp)
    removed = set(stamp.lines)
    lines = [line for line in lines if line.number not in removed]

    body, back = split_back_matter(lines)
    opening = next((line for line in body if line.text), None)
    if opening is None or opening.text.lower() != "abstract":
        found = opening.text[:60] if opening else "no text before the tables"
        raise ParseError(
            f"expected the text of a preprint beginning with its 'Abstract' heading, found {found!r}",
            line=opening.number if opening else None,
        )
    vocabulary = Vocabulary(lines)
    sections = build_sections(blocks(body, vocabulary), CitationReader(vocabulary))
    if not any(section.part == "body" for section in sections):
        raise ParseError("the text ends within the abstract (is the file truncated?)", line=body[-1].number)

    items = split_captions(back)
    check_back_matter_is_there(sections, items)
    papers, comparison, prisma, captions = [], [], [], []
    for item in items:
        shows = ""
        if item.kind == "table" and is_papers_table(item):
            papers.extend(parse_papers_table(item))
            shows = "papers"
        elif item.kind == "table" and is_comparison_table(item):
            comparison.extend(parse_comparison_table(item, mapping.get("table_2")))
            shows = "comparison"
        elif item.kind == "figure" and is_prisma_figure(item):
            prisma = parse_prisma(item)
            shows = "prisma"
        captions.append(Caption(item.kind, item.number, full_caption(item), shows, item.line))
    findings = read_findings(sections, mapping.get("findings", []))
    return ParsedReview(metadata, sections, papers, comparison, prisma, findings, stamp, captions)


def split_back_matter(lines):
    """(body, back matter): the back matter starts at a 'List of Tables'-like heading, or at a
    table or figure caption opening a page."""
    for index, line in enumerate(lines):
        if BACK_MATTER_HEADINGS.match(line.text) or (line.starts_page and CAPTION.match(line.text)):
            return lines[:index], lines[index:]
    return lines, []


# Sections -----------------------------------------------------------------------------------------

_RUN_IN = re.compile(r"^(?P<heading>[A-Z][^.:;!?,()\[\]]{0,80}?):(?:\s+(?P<rest>[A-Z0-9“\"(].*))?$")


def run_in_heading(paragraph):
    """`Prognosis: 12% of …` -> ("Prognosis", "12% of …"); None when the paragraph opens with none."""
    match = _RUN_IN.match(paragraph)
    if not match or len(match.group("heading").split()) > MAX_RUN_IN_WORDS:
        return None
    return match.group("heading").strip(), (match.group("rest") or "").strip()


def build_sections(found, citations):
    """Abstract parts (until the body's first heading), then sections, subsections and run-in headings."""
    sections = []
    part = "body"
    if found and found[0].kind == "heading" and found[0].text.lower() == "abstract":
        part, found = "abstract", found[1:]
    current = None
    for block in found:
        if block.kind == "heading":
            name = block.text.lower()
            if part == "abstract" and name in BODY_OPENERS:
                part = "body"
            level = 1 if part == "abstract" or name in TOP_LEVEL_HEADINGS else 2
            current = Section(part, block.text, level, "", block.line)
            sections.append(current)
            continue
        paragraph = citations.split(block.text)
        run_in = run_in_heading(paragraph) if part == "body" else None
        if run_in:
            heading, paragraph = run_in
            current = Section(part, heading, 3, "", block.line)
            sections.append(current)
        elif current is None:
            current = Section(part, "", 1, "", block.line)
            sections.append(current)
        if paragraph:
            current.text = f"{current.text}\n\n{paragraph}" if current.text else paragraph
    return sections


def check_back_matter_is_there(sections, items):
    """A text that cites Table 2 while the file holds no Table 2 was cut short."""
    held = {(item.kind, item.number) for item in items}
    text = "\n".join(section.text for section in sections)
    for kind, pattern in (("table", r"\bTable (\d+)\b"), ("figure", r"\bFig(?:ure|\.)? ?(\d+)\b")):
        for number in sorted(set(re.findall(pattern, text)), key=int):
            if (kind, number) not in held:
                raise ParseError(
                    f"the text refers to {kind} {number}, but the file holds no {kind} {number} "
                    "(is the file truncated?)"
                )


# Back matter: captions and what follows them -----------------------------------------------------


@dataclass
class BackItem:
    kind: str  # "table" or "figure"
    number: str
    caption: str
    line: int
    lines: list  # the lines after the caption, blanks and spacers included

    @property
    def name(self):
        return f"{'Table' if self.kind == 'table' else 'Fig.'} {self.number}"

    def content(self):
        return [line for line in self.lines if line.text]


def split_captions(lines):
    """Back matter in tables and figures: a caption (up to its first full stop), then its content."""
    items = []
    caption_open = False
    for line in lines:
        match = CAPTION.match(line.text)
        if match:
            kind = "table" if match.group("kind") == "Table" else "figure"
            items.append(BackItem(kind, match.group("number"), match.group("text"), line.number, []))
            caption_open = not SENTENCE_END.search(line.text)
        elif items and caption_open and line.text:
            items[-1].caption = f"{items[-1].caption} {line.text}"
            caption_open = not SENTENCE_END.search(line.text)
        elif items:
            items[-1].lines.append(line)
    return items


CAPTION_PROSE_WORDS = 8  # a line of this many words after a caption's sentence is more caption, not content


def full_caption(item):
    """The caption whole: the sentences that follow its first one before the table's or figure's own
    content (prose lines of CAPTION_PROSE_WORDS words or more, and the lines that finish a sentence),
    with the line breaks joined."""
    text = item.caption
    for line in item.content():
        if SENTENCE_END.search(text) and len(line.text.split()) < CAPTION_PROSE_WORDS:
            break
        text = f"{text} {line.text}"
    return " ".join(text.split())


def _key(text):
    return " ".join(text.lower().split())


# The table of papers: title lines, then `Author<ref> Task Modality`

_AUTHOR_LINE = re.compile(
    r"^(?P<author>(?:(?:van|von|de|der|den|da|di|du|del|le|la) )*[A-Z][^\W\d_]*(?:['’-][A-Z]?[^\W\d_]+)*)"
    r"(?P<ref>\d{1,3})(?:\s+(?P<rest>.*))?$"
)


def is_papers_table(item):
    content = item.content()
    header = _key(content[0].text) if content else ""
    return all(word in header for word in ("title", "author", "task", "modality"))


def parse_papers_table(item):
    lines = item.content()[1:]
    maturity = caption_maturity(item.caption)
    if maturity is None:
        raise ParseError(
            "expected the caption to say which maturity level the papers have (such as 'a maturity level of “high”')",
            line=item.line,
            record=item.name,
        )
    papers = []
    index = 0
    while index < len(lines):
        start = index
        while index < len(lines) and not _AUTHOR_LINE.match(lines[index].text):
            index += 1
        title_lines = lines[start:index]
        if index == len(lines):
            title = " ".join(x.text for x in title_lines)
            raise ParseError(
                f"the row {title[:60]!r} has no first-author line such as 'Smith12 Diagnosis CT' "
                "(is the file truncated?)",
                line=title_lines[0].number,
                record=item.name,
            )
        if not title_lines:
            raise ParseError(
                f"expected a paper title before the first-author line {lines[index].text!r}",
                line=lines[index].number,
                record=item.name,
            )
        author_line = lines[index]
        match = _AUTHOR_LINE.match(author_line.text)
        task, modality, index = _task_and_modality(match.group("rest") or "", lines, index + 1, author_line, item)
        papers.append(
            Paper(
                title=join_lines([x.text for x in title_lines]),
                first_author=match.group("author"),
                reference=int(match.group("ref")),
                task=task,
                modality=modality,
                maturity=maturity,
                line=title_lines[0].number,
            )
        )
    announced = re.search(r"\b(\d+) (?:papers|studies|articles|publications)\b", item.caption)
    if announced and int(announced.group(1)) != len(papers):
        raise ParseError(
            f"the caption announces {announced.group(1)} papers, the table holds {len(papers)} "
            "(is the file truncated?)",
            line=item.line,
            record=item.name,
        )
    return papers


def caption_maturity(caption):
    match = re.search(r"maturity(?: level)?(?: of)? [“\"']?(high|medium|low)\b", caption, re.IGNORECASE)
    match = match or re.search(r"\b(high|medium|low)(?:ly)? mature\b", caption, re.IGNORECASE)
    return match.group(1).lower() if match else None


def _task_and_modality(text, lines, index, author_line, item):
    """Words after the first author, continued on the following lines, until a task and a modality are read."""
    while True:
        parsed = _match_task_modality(text)
        if parsed:
            return (*parsed, index)
        if index >= len(lines) or _AUTHOR_LINE.match(lines[index].text) or len(text.split()) > 6:
            raise ParseError(
                f"expected a task ({', '.join(sorted(TASKS))}) then a modality ({', '.join(sorted(MODALITIES))}) "
                f"after the first author, found {text!r}",
                line=author_line.number,
                record=item.name,
            )
        text = f"{text} {lines[index].text}"
        index += 1


def _match_task_modality(text):
    key = _key(text)
    for name in sorted(TASKS, key=len, reverse=True):
        if key.startswith(name + " ") and key[len(name) + 1 :] in MODALITIES:
            return TASKS[name], MODALITIES[key[len(name) + 1 :]]
    return None


# The modality comparison: modalities as columns, aspects as rows


def is_comparison_table(item):
    content = item.content()
    return bool(content) and _key(content[0].text) in MODALITIES


@dataclass
class _Row:
    label: str
    groups: list = field(default_factory=lambda: [[]])  # runs of lines between blank lines

    @property
    def aspect(self):
        return ASPECTS.get(_key(self.label))

    @property
    def is_empty(self):
        return not any(self.groups)


def parse_comparison_table(item, reading):
    """Columns, rows and the statements of each row come from the text; which column a statement of a
    run-together row belongs to comes from the reviewed reading, checked word for word."""
    columns = []  # (header, modality)
    rows = []
    for line in item.lines:
        key = _key(line.text)
        if not rows and (not key or key in MODALITIES):
            if key:
                columns.append((line.text, MODALITIES[key]))
            continue
        if not key:
            if rows and rows[-1].groups[-1]:
                rows[-1].groups.append([])
            continue
        if rows and rows[-1].is_empty and f"{_key(rows[-1].label)} {key}" in ASPECTS:
            rows[-1].label = f"{rows[-1].label} {line.text.lower()}"  # "Clinical" / "Role"
        elif key in ASPECTS or any(name.startswith(key + " ") for name in ASPECTS):
            rows.append(_Row(line.text))
        elif not rows:
            raise ParseError(
                f"expected a row label ({', '.join(sorted(ASPECTS))}) before {line.text!r}",
                line=line.number,
                record=item.name,
            )
        else:
            rows[-1].groups[-1].append(line.text)
    if not columns or not rows or any(row.aspect is None for row in rows):
        raise ParseError("expected modality columns and rows of aspects", line=item.line, record=item.name)
    table = []
    for row in rows:
        statements = cell_statements([group for group in row.groups if group])
        row_reading = _row_reading(reading, row)
        if row_reading is not None:
            cells = _check_reading(row_reading, columns, statements, row, item)
        elif len(statements) == len(columns):
            cells = {modality: [text] for (_, modality), text in zip(columns, statements, strict=True)}
        else:
            raise ParseError(
                f"row {row.label!r} holds {len(statements)} statements for {len(columns)} columns and the text does "
                "not say which belongs to which modality; give the reading in the mapping file beside the text "
                '("table_2": {"rows": {…}})',
                record=item.name,
            )
        for _, modality in columns:
            for position, text in enumerate(cells.get(modality, []), start=1):
                table.append(ComparisonItem(row.aspect, modality, position, text))
    return table


_CONNECTORS = {"for", "of", "and", "or", "to", "with", "in", "the", "a", "an", "by", "from", "on"}


def cell_statements(groups):
    """One statement per line, except continuations (a lower-case start, an open parenthesis,
    a line ending with a connecting word), which may cross a blank line."""
    statements = []
    for group in groups:
        for text in group:
            previous = statements[-1] if statements else ""
            continues = bool(previous) and (
                text[0].islower()
                or text[0] in ")],;"
                or previous.count("(") > previous.count(")")
                or previous.rsplit(" ", 1)[-1].lower() in _CONNECTORS
                or previous.endswith(("-", ","))
            )
            if continues:
                statements[-1] = join_lines([previous, text])
            else:
                statements.append(text)
    return statements


def _row_reading(reading, row):
    if not reading:
        return None
    if not isinstance(reading, dict) or not isinstance(reading.get("rows"), dict):
        raise ParseError('expected {"rows": {row label: {column: [statements]}}}', record="table_2", file="mapping")
    for name, value in reading["rows"].items():
        if ASPECTS.get(_key(name)) == row.aspect:
            return value
    return None


def _check_reading(row_reading, columns, statements, row, item):
    """Together, in column order, the reading's statements must be the row's text, word for word."""
    where = f"table_2 row {row.label!r}"
    if not isinstance(row_reading, dict):
        raise ParseError("expected {column: [statements]}", record=where, file="mapping")
    cells = {}
    for name, texts in row_reading.items():
        if not (isinstance(texts, list) and all(isinstance(t, str) for t in texts)):
            raise ParseError(f"expected a list of statements for column {name!r}", record=where, file="mapping")
        modality = MODALITIES.get(_key(name))
        if modality not in {m for _, m in columns}:
            headers = ", ".join(header for header, _ in columns)
            raise ParseError(f"{name!r} is not one of the columns {headers}", record=where, file="mapping")
        cells[modality] = [" ".join(text.split()) for text in texts]
    read = " ".join(text for _, modality in columns for text in cells.get(modality, []))
    found = " ".join(statements)
    if _squash(read) != _squash(found):
        raise ParseError(
            f"the reading does not match {item.name} of the text: the text says {found!r}, the reading {read!r}",
            record=where,
            file="mapping",
        )
    return cells


def _squash(text):
    return re.sub(r"[\s,;.]+", " ", text).strip().lower()


# The PRISMA flow: `120 Records` boxes with their descriptions and search queries

_STAGE_LINE = re.compile(
    r"^(?P<count>\d[\d,]*)\s+(?P<text>(?:records?|studies|articles|papers|reports|publications)\b.*)$",
    re.IGNORECASE,
)


def is_prisma_figure(item):
    return sum(1 for line in item.content() if _STAGE_LINE.match(line.text)) >= 3


def parse_prisma(item):
    stages = []
    for line in item.content():
        match = _STAGE_LINE.match(line.text)
        if match:
            count = int(match.group("count").replace(",", ""))
            stages.append(PrismaStage(0, match.group("text"), count, "", line=line.number))
            continue
        if not stages:
            continue
        stage = stages[-1]
        query_goes_on = stage.query.endswith("+") or line.text.startswith("+")
        if " + " in f" {line.text} " or query_goes_on:
            stage.query = f"{stage.query} {line.text}".strip()
        else:
            stage.label = join_lines([stage.label, line.text])
    for stage in stages:
        stage.kind, stage.reason = stage_kind(stage.label, stage.query)
    ordered = order_prisma(stages, item)
    for position, stage in enumerate(ordered, start=1):
        stage.position = position
    return ordered


def stage_kind(label, query):
    text = label.lower()
    if "exclud" in text:
        reason = re.search(r"(?:based on|due to|because of|with reasons?:?)\s+(.+)$", label, re.IGNORECASE)
        return "excluded", reason.group(1).strip() if reason else ""
    if "duplicat" in text:
        return "deduplicated", ""
    if re.search(r"\b(selected|included|synthesis|meta-analysis)\b", text):
        return "included", ""
    if query or "identified" in text:
        return "identified", ""
    return "screened", ""


def order_prisma(stages, item):
    """Identified, de-duplicated, then each exclusion followed by what remains, down to the included.

    The order is found by the arithmetic, so the arithmetic is checked too: the
    de-duplicated count cannot exceed the records identified, and every exclusion
    must subtract exactly to the next count.
    """
    where = {"line": item.line, "record": f"{item.name} (PRISMA flow)"}
    by_kind = {kind: [s for s in stages if s.kind == kind] for kind in STAGE_KINDS}
    identified, deduplicated, included = by_kind["identified"], by_kind["deduplicated"], by_kind["included"]
    if not identified or len(included) != 1 or len(deduplicated) > 1:
        found = "; ".join(f"{s.count} {s.label}" for s in stages)
        raise ParseError(
            "expected records identified, at most one count after removing duplicates and one count included; "
            f"found {found}",
            **where,
        )
    total = sum(s.count for s in identified)
    current = deduplicated[0].count if deduplicated else total
    if current > total:
        raise ParseError(f"{current} records after removing duplicates is more than the {total} identified", **where)
    ordered = identified + deduplicated
    exclusions, remaining = list(by_kind["excluded"]), list(by_kind["screened"])
    target = included[0].count
    while exclusions:
        step = None
        for exclusion in exclusions:
            after = [s for s in remaining if s.count == current - exclusion.count]
            if after or (current - exclusion.count == target and len(exclusions) == 1):
                step = exclusion, after[:1]
                break
        if step is None:
            raise ParseError(
                f"the PRISMA counts do not add up: from {current} records no exclusion "
                f"({', '.join(str(e.count) for e in exclusions)}) leads to one of "
                f"{', '.join(str(s.count) for s in remaining + included)}",
                **where,
            )
        exclusion, after = step
        exclusions.remove(exclusion)
        for stage in after:
            remaining.remove(stage)
        ordered += [exclusion, *after]
        current -= exclusion.count
    if current != target or remaining:
        raise ParseError(
            f"the PRISMA counts do not add up: {current} records remain after the exclusions, {target} are included",
            **where,
        )
    return ordered + included


STAGE_KINDS = ("identified", "deduplicated", "screened", "excluded", "included")
