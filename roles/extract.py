"""Structured facts found in a parsed role's text (pure Python): salary ranges, market
statistics, industries with example companies, skills, the short name, and a heading for
a section that lost its own.

Every rule here works on the shape of the text (a dollar range, a percentage, a list under
a sub-heading about skills, `Name (e.g., A, B)`), never on a particular page's sentences.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kb_site.text import slugify  # pure Python, like this module

from .textutil import sentences, strip_bold, title_case, word_count


@dataclass
class SalaryRange:
    label: str
    kind: str  # total / base / additional / estimate
    minimum: int
    maximum: int
    currency: str = "USD"
    period: str = ""  # year / month / week / day / hour, or "" when the page does not say
    market: str = ""
    year: int | None = None
    note: str = ""


@dataclass
class Statistic:
    value: str  # a decimal number as text ("11", "1000000")
    unit: str  # percent / count / usd / years
    label: str  # the sentence that says what it counts
    group: str = ""  # the sub-heading it sits under
    year: int | None = None
    qualifier: str = ""  # the source's word before the number: "nearly", "over", "about"
    population: str = ""  # the surveyed population it is a share of: "a study of nearly 35,000 US companies"


@dataclass
class IndustryExample:
    name: str
    companies: list = field(default_factory=list)


@dataclass
class SkillMention:
    name: str  # one concept (cased as a title when the source writes a phrase in lower case)
    kind: str  # technical / soft / business
    is_kind_stated: bool = False  # the page itself says the kind (a "soft skills" section)
    source_words: str = ""  # the source's phrase when it names more than this concept: "Leadership and Vision"


# Walking a role's text -------------------------------------------------------------------------------


@dataclass
class Unit:
    """One paragraph or list item, with where it sits."""

    text: str
    section: object
    heading: str  # the sub-heading (or the section heading)
    parent: str = ""  # the text of the list item it is nested under
    lead: str = ""  # the paragraph that introduces its list


def _is_list(block):
    return hasattr(block, "items")


def _units_of_blocks(blocks, section, heading, parent=""):
    lead = ""
    for block in blocks:
        if _is_list(block):
            for item in block.items:
                yield Unit(strip_bold(item.text), section, heading, parent=parent, lead=lead)
                for child in item.children:
                    yield from _units_of_blocks([child], section, heading, parent=strip_bold(item.text))
        else:
            lead = strip_bold(block.text)
            yield Unit(lead, section, heading, parent=parent)


def units(role):
    for paragraph in role.intro:
        yield Unit(strip_bold(paragraph.text), None, "")
    for section in role.sections:
        yield from _units_of_blocks(section.blocks, section, section.heading)
        for sub in section.subsections:
            yield from _units_of_blocks(sub.blocks, section, sub.heading)
        for paragraph in section.closing:
            yield Unit(strip_bold(paragraph.text), section, section.heading)
    for paragraph in role.conclusion:
        yield Unit(strip_bold(paragraph.text), None, "")


# Short name and inferred headings --------------------------------------------------------------------------


def short_name(title, text):
    """`Chief Data Officer (CDO)` in the text → `CDO`."""
    match = re.search(re.escape(title) + r"\s*\(([A-Z][A-Za-z0-9&/.-]{1,11})\)", text)
    return match[1] if match else ""


INFERRED_HEADING_PATTERNS = (
    re.compile(
        r"\bhere(?:'s|’s| is| are)\s+(?:an?\s+|the\s+|some\s+)?"
        r"(?:(?:brief\s+|quick\s+|short\s+)?(?:overview|summary|look|list|rundown)\s+(?:of|at)\s+(?:the\s+)?)?"
        r"(?P<topic>.+?)(?:\s+(?:related to|for|of|about|on|in|regarding)\s+.+)?:$",
        re.IGNORECASE,
    ),
    re.compile(r"\bthe\s+following\s+(?P<topic>[^:]+?):$", re.IGNORECASE),
    re.compile(r"^(?P<topic>[\w\s'-]+?)\s+(?:include|includes|are|is)\s*:$", re.IGNORECASE),
)
LEADING_QUALIFIERS = re.compile(r"^(?:(?:some|key|main|major|important|current|the|a|an)\s+)+", re.IGNORECASE)
UNTITLED = "Untitled section"


def inferred_heading(intro):
    """A heading for a section the page left untitled, from what its intro says it lists
    (`Here are the main hiring trends for this role:` → `Hiring Trends`). The section is
    marked as having an inferred heading."""
    last = (sentences(intro.strip()) or [""])[-1]
    for pattern in INFERRED_HEADING_PATTERNS:
        if match := pattern.search(last):
            topic = LEADING_QUALIFIERS.sub("", match["topic"].strip())
            if topic and word_count(topic) <= 8:
                return title_case(topic[0].upper() + topic[1:])
    return UNTITLED


# Money --------------------------------------------------------------------------------------------------------

CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
_AMOUNT = r"(?P<{0}>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<{0}_mult>k|K|million|billion|M|bn)\b)?"
RANGE_RE = re.compile(
    r"(?P<cur>[$€£])\s?" + _AMOUNT.format("lo") + r"\s*(?:to|-|–|—|and)\s*(?:[$€£]\s?)?" + _AMOUNT.format("hi")
)
MONEY_RE = re.compile(r"(?P<cur>[$€£])\s?" + _AMOUNT.format("amount"))
PERIOD_RE = re.compile(
    r"\b(?:per|a|an|each|/)\s*(?P<unit>year|annum|yr|month|week|day|hour)\b|\b(?P<adverb>annually|yearly|monthly|weekly|daily|hourly)\b",
    re.IGNORECASE,
)
PERIODS = {"annum": "year", "yr": "year", "annually": "year", "yearly": "year", "monthly": "month"}
PERIODS.update({"weekly": "week", "daily": "day", "hourly": "hour"})
MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}


def amount(number, multiplier=None):
    value = Decimal(number.replace(",", ""))
    if multiplier:
        value *= MULTIPLIERS[multiplier.lower()]
    return int(value)


def _period(text):
    match = PERIOD_RE.search(text)
    if not match:
        return ""
    word = (match["unit"] or match["adverb"]).lower()
    return PERIODS.get(word, word)


# Salary ranges ------------------------------------------------------------------------------------------------

GENERIC_LABELS = {"range", "salary", "salary range", "pay", "pay range", "amount", "figure", "estimate"}
SALARY_KINDS = (
    ("total", r"\btotal\b"),
    ("base", r"\bbase\b"),
    ("additional", r"\badditional\b|\bbonus|\bvariable\b|\bequity\b"),
)


def _label_and_note(text):
    """`Bonus (paid yearly, in shares):` → ("Bonus", "paid yearly, in shares")."""
    text = text.strip().rstrip(":").strip()
    note = ""
    if match := re.search(r"\s*\(([^()]*)\)\s*$", text):
        note = match[1].strip()
        text = text[: match.start()].strip()
    return text, note


def _label_before(text, position):
    """The `Label:` that opens an item, if the figure comes after it."""
    match = re.match(r"^([^:]{2,80}):\s", text)
    if match and match.end() <= position and word_count(match[1]) <= 8:
        return match[1].strip()
    return ""


def market_and_year(section):
    """`Pay Bands (UK Market, 2023)` → ("UK", 2023); else from the section's intro."""
    market, year = "", None
    if match := re.search(r"\(([^()]*)\)", section.heading):
        inner = match[1]
        if found := re.search(r"\b((?:19|20)\d{2})\b", inner):
            year = int(found[1])
        rest = re.sub(r"\b(?:19|20)\d{2}\b|\bmarket\b", "", inner, flags=re.IGNORECASE)
        market = " ".join(part.strip() for part in rest.split(",") if part.strip())
    intro = " ".join(strip_bold(block.text) for block in section.blocks if not _is_list(block))
    if not market and (found := re.search(r"\b(?:in|for) the ([A-Z][\w.]*) market\b", intro)):
        market = found[1]
    if year is None and (found := re.search(r"\b(?:in|for|of)\s+((?:19|20)\d{2})\b", intro)):
        year = int(found[1])
    return market, year


def salary_ranges(role):
    ranges = []
    for unit in units(role):
        for match in RANGE_RE.finditer(unit.text):
            label = _label_before(unit.text, match.start())
            note = ""
            if not label or label.lower() in GENERIC_LABELS:
                label, note = _label_and_note(unit.parent) if unit.parent else ("", "")
            if not label:
                label = unit.heading
            words = f"{label} {note} {unit.heading}".lower()
            kind = next((k for k, pattern in SALARY_KINDS if re.search(pattern, words)), "estimate")
            market, year = market_and_year(unit.section) if unit.section else ("", None)
            low, high = amount(match["lo"], match["lo_mult"]), amount(match["hi"], match["hi_mult"])
            ranges.append(
                SalaryRange(
                    label=label,
                    kind=kind,
                    minimum=min(low, high),
                    maximum=max(low, high),
                    currency=CURRENCIES[match["cur"]],
                    period=_period(unit.text[match.end() :]),
                    market=market,
                    year=year,
                    note=note,
                )
            )
    return ranges


# Market statistics -----------------------------------------------------------------------------------------------

PERCENT_RE = re.compile(r"(?<![\w.])(?P<value>\d{1,3}(?:\.\d+)?)\s?%")
COUNT_RE = re.compile(r"(?<![\w$€£.,])(?P<value>\d{1,3}(?:,\d{3})+|\d{5,})(?![\d,]|\s*%)(?=\s+[A-Za-z])")
DURATION_RE = re.compile(
    r"\b(?:median|average|mean|typical)\b[^.;]{0,40}?\b(?P<value>\d+(?:\.\d+)?)\s+(?P<unit>years?|months?)\b",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"\b(?:as of|in|since|by|during)\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def _number(text):
    return format(Decimal(text.replace(",", "")).normalize(), "f")


# Words before a figure that say it is not exact: kept with the figure ("nearly 35,000"). A verb says the
# same as its adverb ("packages often exceed $1 million": over $1M).
QUALIFIER_RE = re.compile(
    r"\b(?P<word>nearly|almost|about|around|approximately|roughly|over|more than|less than|fewer than|under"
    r"|up to|at least|at most|some|above|below|exceeds?|exceeding|surpass(?:es)?)\s+$",
    re.IGNORECASE,
)
QUALIFIER_VERBS = {"exceed": "over", "exceeds": "over", "exceeding": "over", "surpass": "over", "surpasses": "over"}
# A count that is the size of what was surveyed ("a study of nearly 35,000 US companies", "1,200 respondents"):
# it belongs with the sentence's other figure, not on a card of its own.
POPULATION_BEFORE_RE = re.compile(
    r"\b(?:(?:an?|the|one|our)\s+)?(?:\w+\s+)?(?:study|survey|poll|sample|analysis|census|review|panel)\s+of\s+"
    r"(?:[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)
POPULATION_AFTER_RE = re.compile(r"^\s+(?:\w+\s+){0,2}(?:respondents|participants|surveyed|polled)\b", re.IGNORECASE)


def _qualifier(sentence, start):
    match = QUALIFIER_RE.search(sentence[:start])
    if not match:
        return ""
    word = match["word"].lower()
    return QUALIFIER_VERBS.get(word, word)


def _population(sentence, match):
    """The population phrase a count names (`a study of nearly 35,000 US companies`), or ""."""
    before = POPULATION_BEFORE_RE.search(sentence[: match.start()])
    if before is None and not POPULATION_AFTER_RE.match(sentence[match.end() :]):
        return ""
    start = before.start() if before else match.start()
    start -= len(sentence[:start]) - len(sentence[:start].rstrip())  # no leading space
    rest = re.split(r"[,;:()]|\s(?:and|but|while|which|where)\s", sentence[match.end() :], maxsplit=1)[0]
    return (sentence[start : match.end()] + rest).strip(" .")


def _sentence_statistics(sentence, group):
    """The figures of one sentence; a surveyed population goes with the sentence's other figures."""
    taken = [m.span() for m in RANGE_RE.finditer(sentence)]
    label = sentence.rstrip(" .")
    year_match = YEAR_RE.search(sentence)
    year = int(year_match[1]) if year_match else None
    hits = []  # (offset, value, unit, qualifier)
    populations = []
    for match in PERCENT_RE.finditer(sentence):
        hits.append((match.start(), _number(match["value"]), "percent", _qualifier(sentence, match.start())))
    for match in MONEY_RE.finditer(sentence):
        if not any(start <= match.start() < end for start, end in taken):
            value = str(amount(match["amount"], match["amount_mult"]))
            hits.append((match.start(), value, "usd", _qualifier(sentence, match.start())))
            taken.append(match.span())
    for match in COUNT_RE.finditer(sentence):
        if not any(start <= match.start() < end for start, end in taken):
            population = _population(sentence, match)
            if population:
                populations.append((match.start(), _number(match["value"]), population))
            else:
                hits.append((match.start(), _number(match["value"]), "count", _qualifier(sentence, match.start())))
    for match in DURATION_RE.finditer(sentence):
        unit_name = "years" if match["unit"].lower().startswith("year") else "months"
        hits.append((match.start("value"), _number(match["value"]), unit_name, ""))
    if populations and not hits:  # the population is the sentence's only figure: a count after all
        hits = [(start, value, "count", _qualifier(sentence, start)) for start, value, _ in populations]
        populations = []
    population = "; ".join(text for *_, text in populations)
    return [
        Statistic(
            value=value,
            unit=unit_name,
            label=label,
            group=group,
            year=year,
            qualifier=qualifier,
            population=population,
        )
        for _, value, unit_name, qualifier in sorted(hits)
    ]


def statistics(role):
    """Percentages, counts, durations and lone money figures, each with the sentence that says what it
    counts and the source's qualifier; a surveyed population's size goes with its statistic (salary
    ranges are facts of their own and are left out)."""
    found = []
    for unit in units(role):
        for sentence in sentences(unit.text):
            found.extend(_sentence_statistics(sentence, unit.heading))
    return found


# Industries with example companies -----------------------------------------------------------------------------

INDUSTRY_CONTEXT_RE = re.compile(r"industr|sector", re.IGNORECASE)
INDUSTRY_ITEM_RE = re.compile(
    r"^(?P<name>[^()]+?)\s*\((?:e\.g\.|for example|such as|including|like)[,:]?\s*(?P<examples>[^()]+)\)\s*[.;]?$"
)
LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def industries(role):
    found = {}
    for unit in units(role):
        in_context = not unit.parent and INDUSTRY_CONTEXT_RE.search(f"{unit.heading} {unit.lead}")
        if in_context and (match := INDUSTRY_ITEM_RE.match(unit.text)):
            name = match["name"].strip()  # the source's full name: "Technology and software companies"
            name = name[:1].upper() + name[1:]
            companies = [c.strip(" .") for c in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", match["examples"])]
            key = name.casefold()
            if key not in found:
                found[key] = IndustryExample(name=name, companies=[c for c in companies if c])
    return list(found.values())


# Skills --------------------------------------------------------------------------------------------------------------

SKILL_REGION_KINDS = {"skills", "soft_skills", "requirements"}
SKILL_HEADING_RE = re.compile(r"skill|competenc|qualification|requirement", re.IGNORECASE)
# A label that names a group of skills rather than a skill: `People Skills:`, `Languages:`.
CATEGORY_RE = re.compile(r"\bskills?$|^(?:languages|tools|frameworks|libraries|platforms|technologies)$", re.IGNORECASE)
SKILL_KIND_WORDS = (
    (
        "technical",
        r"technical|programming|coding|software|engineering|\bdata\b|machine learning|deep learning|\bml\b|\bai\b"
        r"|cloud|infrastructure|devops|ci/cd|statistic|math|analys[ie]s|analytic|algorithm|\bmodel|computer|nlp",
    ),
    (
        "business",
        r"business|strateg|project management|governance|compliance|acumen|financ|market|product|operations"
        r"|cross-functional|interdepartmental|management",
    ),
    (
        "soft",
        r"communicat|leadership|collaborat|teamwork|adaptab|problem|thinking|ethic|decision|learning|vision"
        r"|innovat|attention|judg(?:e)?ment|influence|empathy|creativ|negotiat|presentation|mentor|coach",
    ),
)
QUALIFIERS_RE = re.compile(r"^(?:effective|strong|excellent|good|solid|great|deep|advanced|basic|sound|clear)\s+", re.I)
COMPETENCE_RE = re.compile(
    r"\s+(?:expertise|knowledge|familiarity|understanding|experience|proficiency|skills?|abilit(?:y|ies)"
    r"|competenc(?:e|y|ies))$",
    re.IGNORECASE,
)
GENERIC_NOUN_RE = re.compile(r"\s+(?:process(?:es)?|practices|technolog(?:y|ies)|tools?)$", re.IGNORECASE)
TOOL_LIST_OPENER_RE = re.compile(r"\b(?:like|such as|including|e\.g\.,?)\s+")
MAX_SKILL_WORDS = 5


def skill_kind(name, default="soft"):
    lowered = name.lower()
    for kind, pattern in SKILL_KIND_WORDS:
        if re.search(pattern, lowered):
            return kind
    return default


def split_and(name):
    """`Leadership and Vision` → the two concepts it names; `Data Cleaning and Storage` stays one (the
    right side is a shorter phrase than the left, or not a capitalised one). Whoever splits keeps the
    phrase as the mentions' source words, so that no concept appears cut from its heading."""
    parts = re.split(r"\s+(?:and|&)\s+", name)
    if len(parts) != 2:
        return [name]
    left, right = parts
    if word_count(left) > word_count(right) or not right[:1].isupper():
        return [name]
    return [left, right]


def _looks_like_tool(element, *, in_brackets):
    if not element or word_count(element) > 3:
        return False
    if in_brackets:
        return element[0].isalnum()
    return all(word[0].isupper() or word[0].isdigit() or re.search(r"[+#/]", word) for word in element.split())


def tools(text):
    """Named tools and platforms: `(Go, Rust)`, `like Kafka, Flink, or Beam`."""
    names = []
    for match in re.finditer(r"\(([^()]*)\)", text):
        inner = re.sub(r"^(?:e\.g\.,?|such as|including|like|for example,?)\s*", "", match[1].strip())
        elements = [e.strip(" .") for e in LIST_SPLIT_RE.split(inner)]
        if len(elements) >= 2 and all(_looks_like_tool(e, in_brackets=True) for e in elements):
            names.extend(elements)
    outside = re.sub(r"\([^()]*\)", "", text)
    for match in TOOL_LIST_OPENER_RE.finditer(outside):
        segment = re.split(r"[.;:()]", outside[match.end() :], maxsplit=1)[0]
        for element in LIST_SPLIT_RE.split(segment):
            element = element.strip(" .")
            if not _looks_like_tool(element, in_brackets=False):
                break
            names.append(element)
    return names


class _Skills:
    def __init__(self):
        self.mentions = []
        self.by_key = {}

    def add_phrase(self, phrase, kind=None):
        """A heading or label naming one skill or two (`Leadership and Vision`), the phrase kept with each."""
        names = split_and(phrase)
        for name in names:
            self.add(name, kind, source_words=phrase if len(names) > 1 else "")

    def add(self, name, kind=None, *, keep_case=False, default="soft", source_words=""):
        """A skill the role needs; `kind` when the page states it, else inferred from the name."""
        name = re.sub(r"\s+", " ", name).strip(" .,;:*")
        if not name or word_count(name) > MAX_SKILL_WORDS or not slugify(name):
            return
        if not keep_case:
            name = title_case(name[0].upper() + name[1:])
        key = name.casefold()
        if key in self.by_key:
            mention = self.by_key[key]
            if kind and not mention.is_kind_stated:
                mention.kind, mention.is_kind_stated = kind, True
            return
        mention = SkillMention(
            name=name,
            kind=kind or skill_kind(name, default),
            is_kind_stated=bool(kind),
            source_words=re.sub(r"\s+", " ", source_words).strip(" .,;:*"),
        )
        self.by_key[key] = mention
        self.mentions.append(mention)


def _split_label(text):
    match = re.match(r"^([^:]{2,60}):\s*(.*)$", text)
    if match and word_count(match[1]) <= 6 and match[1][:1].isupper():
        return match[1].strip(), match[2].strip()
    return "", text


def _phrases(text):
    """`Clear writing, patience, and good judgment.` → the phrases,
    when the text is such a list of short phrases."""
    elements = [e.strip(" .") for e in LIST_SPLIT_RE.split(text.strip().rstrip("."))]
    if len(elements) >= 3 and all(e and word_count(e) <= 4 and "(" not in e for e in elements):
        return [QUALIFIERS_RE.sub("", e) for e in elements]
    return []


def _names_competence(text):
    """`Data modelling expertise`, `Stream processing experience (Kafka)`: an item that names a competence."""
    bare = QUALIFIERS_RE.sub("", re.sub(r"\s*\([^()]*\)", "", strip_bold(text)).strip(" ."))
    return bool(COMPETENCE_RE.search(bare)) and word_count(bare) <= MAX_SKILL_WORDS + 1


def _collect_item(item, stated_kind, found, *, is_competence_list):
    text = strip_bold(item.text)
    label, rest = _split_label(text)
    if not label and item.children and word_count(text) <= 6:
        label, rest = text.rstrip(":"), ""
    named_tools = tools(text)
    if not label and not item.children and _looks_like_tool(text.strip(" ."), in_brackets=False):
        found.add(text.strip(" ."), stated_kind, keep_case=True, default="technical")  # `Python` under `Languages:`
    elif label:
        if CATEGORY_RE.search(label):
            category = "soft" if re.search(r"\bsoft\b", label, re.I) else stated_kind
            if re.search(r"technical|programming|coding|software", label, re.I):
                category = "technical"
            for phrase in _phrases(rest):
                found.add(phrase, category)
        else:
            found.add_phrase(label, stated_kind)
    elif is_competence_list and len(named_tools) < 2 and _names_competence(text):
        bare = QUALIFIERS_RE.sub("", re.sub(r"\s*\([^()]*\)", "", text).strip(" ."))
        bare = GENERIC_NOUN_RE.sub("", COMPETENCE_RE.sub("", bare))
        names = re.split(r"\s+and\s+", bare) if bare.islower() and word_count(bare) == 3 else [bare]
        for name in names:
            found.add(name, stated_kind)
    for name in named_tools:
        found.add(name, "technical", keep_case=True)


def _collect_blocks(blocks, stated_kind, found):
    for block in blocks:
        if not _is_list(block):
            continue
        unlabelled = [item for item in block.items if not _split_label(strip_bold(item.text))[0]]
        competences = sum(_names_competence(item.text) for item in unlabelled)
        is_competence_list = competences * 2 > len(unlabelled)
        for item in block.items:
            _collect_item(item, stated_kind, found, is_competence_list=is_competence_list)
            _collect_blocks(item.children, stated_kind, found)


def skills(role):
    """Skills named in the role's skills, soft-skills and requirements sections (their
    sub-headings, labelled items, short items and named tools), and in sub-sections about
    skills elsewhere, in page order."""
    found = _Skills()
    for section in role.sections:
        stated = "soft" if section.kind == "soft_skills" else None
        if section.kind in SKILL_REGION_KINDS:
            for sub in section.subsections:
                found.add_phrase(sub.heading, stated)
            _collect_blocks(section.blocks, stated, found)
            for sub in section.subsections:
                _collect_blocks(sub.blocks, stated, found)
        else:
            for sub in section.subsections:
                if SKILL_HEADING_RE.search(sub.heading):
                    sub_stated = "soft" if re.search(r"\bsoft\b", sub.heading, re.I) else None
                    _collect_blocks(sub.blocks, sub_stated, found)
    return found.mentions
