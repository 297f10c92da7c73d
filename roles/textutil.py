"""Small English-text helpers for the role page parser (pure Python)."""

import re

# Capitalised function words that open sentences rather than name things. A glued
# paragraph, or the paragraph after a flattened heading, starts with one of them.
SENTENCE_STARTERS = frozenset(
    {
        "A",
        "An",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "Both",
        "Each",
        "Every",
        "Many",
        "Most",
        "Some",
        "Such",
        "All",
        "Any",
        "No",
        "One",
        "Our",
        "Their",
        "Its",
        "His",
        "Her",
        "It",
        "They",
        "We",
        "You",
        "I",
        "There",
        "Here",
        "In",
        "By",
        "While",
        "As",
        "For",
        "With",
        "When",
        "Whether",
        "Although",
        "Though",
        "Because",
        "If",
        "Since",
        "Unlike",
        "Like",
        "To",
        "From",
        "Often",
        "Typically",
        "Usually",
        "Overall",
        "Additionally",
        "However",
        "Moreover",
        "Furthermore",
        "Finally",
        "Ultimately",
        "Remember",
    }
)

ABBREVIATIONS = frozenset(
    {
        "e.g.",
        "i.e.",
        "vs.",
        "etc.",
        "approx.",
        "inc.",
        "ltd.",
        "co.",
        "corp.",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "st.",
        "no.",
        "fig.",
        "cf.",
        "al.",
        "jr.",
        "sr.",
    }
)
MINOR_TITLE_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "nor",
        "per",
        "the",
        "to",
        "via",
        "vs",
        "vs.",
        "with",
    }
)


def word_count(text):
    return len(text.split())


def is_abbreviation(word):
    bare = word.strip("(\"'“‘*").lower()
    return bare in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.){2,}", bare)) or bool(re.fullmatch(r"[a-z]\.", bare))


def ends_sentence(text):
    """Whether the text ends with a full stop, question or exclamation mark (before quotes, brackets, **)."""
    return bool(re.search(r"[.!?…](?:\*\*)?[)\"'”’]*$", text.rstrip()))


def is_titlecase_word(word):
    """`The`, `A`, `Oracle` — not `AI` or `CTO` (acronyms run on into titles)."""
    word = word.rstrip(".,;:")
    if not word or not word[0].isupper():
        return False
    if len(word) == 1:
        return word in ("A", "I")
    return any(ch.islower() for ch in word[1:])


def sentences(text):
    """The text's sentences, split after . ! ? before a capital; abbreviations, brackets and
    **bold** spans are not split."""
    words = list(re.finditer(r"\S+", text))
    parts = []
    start = 0
    depth = 0
    bold_open = False
    for index, match in enumerate(words[:-1]):
        word = match.group()
        depth = max(0, depth + word.count("(") - word.count(")"))
        if word.count("**") % 2:
            bold_open = not bold_open
        following = words[index + 1].group().lstrip("\"'“‘(*")
        if (
            depth == 0
            and not bold_open
            and ends_sentence(word)
            and not is_abbreviation(word)
            and (following[:1].isupper() or following[:1].isdigit())
        ):
            parts.append(text[start : match.end()].strip())
            start = words[index + 1].start()
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return parts


def title_case(phrase):
    """`attention to detail` → `Attention to Detail`; acronyms and inner capitals are kept."""
    words = phrase.split()
    out = []
    for index, word in enumerate(words):
        if index and word.lower() in MINOR_TITLE_WORDS:
            out.append(word.lower())
        elif any(ch.isupper() for ch in word[1:]):
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def strip_bold(text):
    """`**Bold** words` → `Bold words`: the page's markdown emphasis without its asterisks."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)
