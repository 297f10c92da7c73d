"""Small text helpers shared by the collections (pure Python)."""

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, is_dataclass


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
