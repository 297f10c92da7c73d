"""Parsed blocks → markdown source (pure Python).

The importer stores each section as markdown (editable in admin); the models render
and sanitize it once, on save. Text from the page is escaped so that nothing in it is
read as markup, except the **bold** the related roles' flattened markdown carries.
"""

import re

from .parsers import Paragraph

BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
INDENT = "    "


def escape(text):
    """Text as literal markdown: markup characters escaped, HTML brackets as entities."""
    text = text.replace("\\", "\\\\")
    for char in "`*_[]":
        text = text.replace(char, "\\" + char)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", re.sub(r"^([#+-])", r"\\\1", text))


def inline(text):
    """One line of page text as markdown: **bold** spans stay emphasis, the rest is literal."""
    parts = []
    cursor = 0
    for match in BOLD_RE.finditer(text):
        parts.append(
            escape(text[cursor : match.start()]) if cursor == 0 else _escape_inner(text[cursor : match.start()])
        )
        parts.append("**" + _escape_inner(match[1].strip()) + "**")
        cursor = match.end()
    rest = text[cursor:]
    parts.append(escape(rest) if cursor == 0 else _escape_inner(rest))
    return "".join(parts)


def _escape_inner(text):
    """Escape text that is not at the start of a line (no list or heading markers to fear)."""
    text = text.replace("\\", "\\\\")
    for char in "`*_[]":
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def list_markdown(item_list, depth=0):
    lines = []
    for offset, item in enumerate(item_list.items):
        marker = f"{item_list.start + offset}." if item_list.is_ordered else "-"
        lines.append(f"{INDENT * depth}{marker} {inline(item.text)}")
        for child in item.children:
            lines.append(list_markdown(child, depth + 1))
    return "\n".join(lines)


def blocks_markdown(blocks):
    parts = []
    for block in blocks:
        parts.append(inline(block.text) if isinstance(block, Paragraph) else list_markdown(block))
    return "\n\n".join(parts)


def section_markdown(section):
    """A section's intro, lists and sub-sections (`## Sub-heading`: an <h3> once rendered)."""
    parts = [blocks_markdown(section.blocks)] if section.blocks else []
    for sub in section.subsections:
        parts.append(f"## {_escape_inner(sub.heading)}")
        if sub.blocks:
            parts.append(blocks_markdown(sub.blocks))
    return "\n\n".join(parts)


def paragraphs_markdown(paragraphs):
    return "\n\n".join(inline(paragraph.text) for paragraph in paragraphs)
