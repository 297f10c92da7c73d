"""Small text helpers shared by the collections (pure Python)."""

import hashlib
import json
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
