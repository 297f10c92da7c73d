"""A review's key figures, read from its text where the reviewed mapping points (pure Python).

The mapping beside a seed says which sentence holds a figure, which term the
number belongs to and what it is a share of; general patterns of a results
section find the number itself:

    {"category": "modality-clinical", "population": "…", "sentence": "words only that sentence has",
     "figures": [{"key": "clinical-ct", "label": "CT", "term": "CT"}, …]}

A `text` template with `{value}` covers unusual constructions; `sum_of` with
`share_of`, and `remainder_of`, compute a figure from others and say so.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .pdf_text import CITATION, ParseError, sentences

FINDING_CATEGORIES = (
    "counts",
    "modality-clinical",
    "modality-ai",
    "tasks",
    "maturity",
    "data-origin",
    "geography",
    "citations",
)
NUMBER = r"\d+(?:\.\d+)?"


@dataclass
class Finding:
    key: str
    category: str
    label: str
    value: Decimal
    unit: str
    population: str = ""
    note: str = ""
    quote: str = ""
    is_derived: bool = False


def read_findings(sections, groups):
    """The figures the mapping names, each found in the one sentence its `sentence` words pick out."""
    if not isinstance(groups, list):
        raise ParseError("expected a list of groups of figures", record="findings", file="mapping")
    found = {}
    for number, group in enumerate(groups, start=1):
        if not (isinstance(group, dict) and isinstance(group.get("figures"), list)):
            raise ParseError('expected {"category", "figures": […]}', record=f"findings group {number}", file="mapping")
        for figure in group["figures"]:
            spec = {**{k: v for k, v in group.items() if k not in ("figures", "notes")}, **figure}
            key = spec.get("key")
            if not key or key in found:
                raise ParseError("expected a unique key", record=f"finding {key!r}", file="mapping")
            if spec.get("category") not in FINDING_CATEGORIES:
                raise ParseError(
                    f"expected a category among {', '.join(FINDING_CATEGORIES)}, found {spec.get('category')!r}",
                    record=f"finding {key!r}",
                    file="mapping",
                )
            if "sum_of" in spec or "remainder_of" in spec:
                found[key] = derived_finding(spec, found)
            else:
                sentence = find_sentence(sections, spec)
                found[key] = Finding(
                    key=key,
                    category=spec["category"],
                    label=spec.get("label", key),
                    value=number_in(sentence, spec),
                    unit=spec.get("unit", "%"),
                    population=spec.get("population", ""),
                    note=spec.get("note", ""),
                    quote=sentence,
                )
    return list(found.values())


def find_sentence(sections, spec):
    anchor, wanted = spec.get("sentence"), spec.get("section")
    where = f"finding {spec['key']!r}"
    if not anchor:
        raise ParseError(
            "expected 'sentence': words of the sentence that holds the figure", record=where, file="mapping"
        )
    candidates = []
    for section in sections:
        name = f"Abstract: {section.heading}" if section.part == "abstract" else section.heading
        if wanted in (None, name):
            for paragraph in section.text.split("\n\n"):
                candidates += [sentence for sentence in sentences(paragraph) if anchor in sentence]
    if len(candidates) != 1:
        place = f" in section {wanted!r}" if wanted else ""
        raise ParseError(
            f"expected one sentence containing {anchor!r}{place}, found {len(candidates)}", record=where, file="mapping"
        )
    return candidates[0]


def number_in(sentence, spec):
    """The number tied to the spec's `term` (or filling `{value}` in its `text` template)."""
    text = CITATION.sub("", sentence)
    percent = spec.get("unit", "%") == "%"
    if "text" in spec:
        pattern = re.escape(" ".join(spec["text"].split())).replace(r"\{value\}", f"(?P<v>{NUMBER})")
        values = {m.group("v") for m in re.finditer(pattern.replace(r"\ ", r"\s+"), text)}
    else:
        values = numbers_beside(text, spec.get("term") or spec.get("label", ""), percent=percent)
    if len(values) != 1:
        what = "percentage" if percent else "number"
        raise ParseError(
            f"expected one {what} for {spec.get('term') or spec.get('text')!r} in {sentence!r}, "
            f"found {', '.join(sorted(values)) or 'none'}",
            record=f"finding {spec['key']!r}",
            file="mapping",
        )
    return Decimal(values.pop().replace(",", ""))


def numbers_beside(text, term, *, percent):
    """The numbers the usual constructions of a results section tie to `term`.

    Strong ties (`CXR (42.5%)`, `7.5% on LUS`, `12 countries`) count together, so two
    different numbers are an error rather than a choice; the weak tie (`(60.5%) focused
    on CT`) is consulted only when no strong one applies (`Spain (20%) and France (10%)`).
    """
    flags = 0 if term.isupper() else re.IGNORECASE
    t = r"(?<![\w-])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w-])"
    word = r"(?:[^\s\d(][^\s(]*\s+)"  # a word that is not a number
    count = r"(?P<v>\d[\d,]*(?:\.\d+)?)"
    if percent:
        tiers = [
            [
                t + rf"\s*\((?:{NUMBER},\s*i\.e\.\s*)?(?P<v>{NUMBER})\s*%\)",  # CXR (42.5%); papers (12, i.e. 5%)
                rf"(?P<v>{NUMBER})\s*%\s+{word}{{0,4}}?" + t,  # 7.5% on LUS; 30% of papers used clinical data
            ],
            [rf"\((?P<v>{NUMBER})\s*%\)\s+{word}{{0,3}}?" + t],  # (60.5%) focused on CT
        ]
    else:
        tiers = [
            [
                rf"{count}\s+{word}{{0,2}}?" + t,  # 2048 papers; 12 countries; 10 on CT
                t + rf"\s*\({count}(?=\s*(?:\)|,\s*i\.e\.))",  # papers (15, i.e. 4%)
            ]
        ]
    for tier in tiers:
        values = {match.group("v") for pattern in tier for match in re.finditer(pattern, text, flags)}
        if values:
            return values
    return set()


def derived_finding(spec, found):
    """A figure computed from others: a share of a sum (`sum_of`, `share_of`) or what remains of 100 %."""
    where = f"finding {spec['key']!r}"

    def need(key):
        if key not in found:
            raise ParseError(f"refers to {key!r}, which no figure before it defines", record=where, file="mapping")
        return found[key]

    step = Decimal(1).scaleb(-int(spec.get("decimals", 1)))
    if "sum_of" in spec:
        parts = [need(key) for key in spec["sum_of"]]
        total = sum((part.value for part in parts), Decimal(0))
        summed = " + ".join(plain(part.value) for part in parts)
        if "share_of" in spec:
            whole = need(spec["share_of"])
            value = (total * 100 / whole.value).quantize(step, ROUND_HALF_UP)
            note = f"computed: ({summed}) / {plain(whole.value)}"
        else:
            value, note = total, f"computed: {summed}"
    else:
        parts = [need(key) for key in spec["remainder_of"]]
        value = (Decimal(100) - sum((part.value for part in parts), Decimal(0))).quantize(step)
        note = f"computed: 100 − {' − '.join(plain(part.value) for part in parts)}"
    return Finding(
        key=spec["key"],
        category=spec["category"],
        label=spec.get("label", spec["key"]),
        value=value,
        unit=spec.get("unit", "%"),
        population=spec.get("population", ""),
        note=f"{note}; {spec['note']}" if spec.get("note") else note,
        is_derived=True,
    )


def plain(value):
    """12.500 -> '12.5', 2048.000 -> '2048'."""
    return format(Decimal(value).normalize(), "f")
