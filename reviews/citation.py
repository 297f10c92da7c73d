"""A review's citation: as text to copy, as BibTeX and as RIS (for reference managers)."""

import re

from kb_site.text import slugify


def initials(given):
    """'Vandana V.' -> 'VV'."""
    return "".join(part[0] for part in re.split(r"[\s.-]+", given) if part)


def citation_text(review):
    """Born J, Beymer D, … On the Role of …. medRxiv. Posted 18 November 2020. doi:10.1101/…"""
    names = ", ".join(f"{a['family']} {initials(a.get('given', ''))}".strip() for a in review.authors)
    parts = [f"{names}." if names else "", f"{review.title}.", f"{review.server}." if review.server else ""]
    if review.version_date:
        parts.append(f"Posted {review.version_date.day} {review.version_date:%B %Y}.")
    if review.doi:
        parts.append(f"doi:{review.doi}")
    return " ".join(part for part in parts if part)


STOP_WORDS = {"with", "from", "that", "this", "what", "when", "role", "about", "into"}


def citation_key(review):
    family = slugify(review.authors[0]["family"]).replace("-", "") if review.authors else "review"
    words = [w for w in re.findall(r"[A-Za-z]+", review.title) if len(w) > 3 and w.lower() not in STOP_WORDS]
    word = words[0] if words else ""
    return f"{family.capitalize()}{review.year or ''}{word.capitalize()}"


def _bibtex_escape(text):
    text = re.sub(r"([&%$#_{}])", r"\\\1", text)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex(review):
    fields = [
        ("author", " and ".join(f"{a['family']}, {a.get('given', '')}".strip(", ") for a in review.authors)),
        ("title", review.title),
        ("journal", review.server),
        ("year", str(review.year or "")),
        ("doi", review.doi),
        ("url", review.source_url),
        ("note", f"Preprint, version posted {review.version_date:%Y-%m-%d}" if review.version_date else ""),
        ("copyright", review.licence),
    ]
    # the title in double braces keeps its capitals (COVID-19) as written
    body = ",\n".join(
        f"  {name} = {{{{{_bibtex_escape(value)}}}}}" if name == "title" else f"  {name} = {{{_bibtex_escape(value)}}}"
        for name, value in fields
        if value
    )
    return f"@article{{{citation_key(review)},\n{body}\n}}\n"


def ris(review):
    lines = [("TY", "JOUR")]
    lines += [("AU", f"{a['family']}, {a.get('given', '')}".strip(", ")) for a in review.authors]
    lines += [("TI", review.title), ("T2", review.server), ("PY", str(review.year or ""))]
    if review.version_date:
        lines.append(("DA", f"{review.version_date:%Y/%m/%d}"))
    lines += [("DO", review.doi), ("UR", review.source_url)]
    if review.licence:
        lines.append(("N1", f"Licence: {review.licence}"))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")
