"""Small text helpers shared by the collections (pure Python)."""

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, is_dataclass
from pathlib import Path


def fold(text):
    """Case- and form-insensitive key for searching: NFKC, casefolded, ё as е.

    SQLite's LIKE folds case for ASCII only, so a `search_text` column holds
    `fold(...)` of an entry's text and queries are folded the same way: the match
    is then case-insensitive for every alphabet, on every database.
    """
    return unicodedata.normalize("NFKC", text or "").casefold().replace("ё", "е")


def checksum(value):
    """A stable SHA-256 of parsed content (a dataclass, or anything JSON can hold)."""
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    payload = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# Characters XML 1.0 cannot carry and PostgreSQL's text cannot hold: NUL and the other C0 controls
# except tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF (not characters).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text):
    """`text` without the characters a feed, a page or PostgreSQL would choke on (see _UNSTORABLE).

    Every importer passes imported strings through it, and feeds pass stored text through it
    again, so a value that reached the database some other way still cannot break a page.
    """
    if not text:
        return text or ""
    return _UNSTORABLE.sub("", text)


def has_unstorable(text):
    """True when `text` holds a character clean_text would remove."""
    return bool(text) and _UNSTORABLE.search(text) is not None


# The schemes a link that comes from data may have; anything else is shown as text.
SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto", "tg"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def safe_url(url):
    """`url` when a browser would follow it harmlessly, else "" (show it as text, not as a link).

    Allowed: http, https, mailto and tg URLs, the site's own absolute paths ("/roles/x/") and
    fragments ("#salary").
    Refused: every other scheme (javascript:, data:, vbscript:, file:...), in any case;
    protocol-relative "//host" links; and any URL holding whitespace or control characters,
    since browsers drop those before reading the scheme ("java\\tscript:" is javascript:).
    """
    if not isinstance(url, str):
        return ""
    url = url.strip()
    if not url or any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in url):
        return ""
    if "\\" in url:  # browsers read "\" as "/" in http(s) URLs: "/\evil.com" is protocol-relative
        return ""
    match = _SCHEME.match(url)
    if match:
        return url if match.group(1).lower() in SAFE_URL_SCHEMES else ""
    if (url.startswith("/") and not url.startswith("//")) or url.startswith("#"):
        return url
    return ""


# Slugs ---------------------------------------------------------------------------------------------

# Symbols that tell tool names apart read as words: C++ is not C, C# is not C.
_SLUG_WORDS = (("++", " plus plus "), ("+", " plus "), ("#", " sharp "), ("&", " and "))
_APOSTROPHES = re.compile("['’ʼ]")


def slugify(text, *, max_length=None, allow_unicode=False):
    """The one slug rule of the site, for every address and anchor made from a name.

    Lower case; "C++" → "c-plus-plus", "C#" → "c-sharp", "&" → "and"; apostrophes dropped
    ("founder's" → "founders"); any other run of characters
    that are not letters, digits or underscores becomes one hyphen ("2pr.io" → "2pr-io",
    "CI/CD" → "ci-cd", "Product_Hunt" → "product_hunt"). Letters are ASCII ones unless
    `allow_unicode` (hashtags and channels keep Cyrillic: "#Стартапы" → "стартапы"); ASCII ones lose
    their accents ("Café" → "cafe") and other letters become hyphens.
    Longer than `max_length`: cut there, and the last word, whole or cut, dropped.
    """
    text = text or ""
    for symbol, word in _SLUG_WORDS:
        text = text.replace(symbol, word)
    text = _APOSTROPHES.sub("", text.lower())
    if allow_unicode:
        slug = re.sub(r"\W+", "-", unicodedata.normalize("NFKC", text))
    else:
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        slug = re.sub(r"[^a-z0-9_]+", "-", text)
    slug = slug.strip("-_")
    if max_length and len(slug) > max_length:
        slug = slug[:max_length]
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug
    return slug.strip("-_")


def claim_slug(base, taken, *, max_length=None, reserved=()):
    """`base`, or `base-2`, `base-3`… the first that is neither in `taken` nor `reserved`; added to `taken`.

    The one uniqueness rule for slugs and anchors; with `max_length`, the base is shortened so that
    its number still fits.
    """
    slug, n = base, 2
    while slug in taken or slug in reserved:
        suffix = f"-{n}"
        stem = base[: max_length - len(suffix)].rstrip("-") if max_length else base
        slug, n = f"{stem}{suffix}", n + 1
    taken.add(slug)
    return slug


def side_file(path, suffix):
    """The file beside a source that completes it: `channel.2024.txt` → `channel.2024.meta.json`.

    The source's name loses its last extension only (a dated or dotted name keeps its dots),
    and gains `.<suffix>`. Returns a `pathlib.Path`.
    """
    path = Path(path)
    return path.with_name(f"{path.stem}.{suffix}")
