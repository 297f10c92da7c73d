"""Channel posts from their raw sources into plain dataclasses (pure Python: no Django, no database).

Two sources, one result (a `Document` whose `posts` are `Post` dataclasses):

* `parse_scrape(text)`: a channel scraped from a Telegram web mirror as text.
  Each post ends with a reactions line (`🔥13❤5`). After a post's first line
  the mirror repeats the rest of its text, not always exactly; link previews
  (site, title, description, whose lines after the first repeat as well) may
  follow, and media placeholders stand where a photo or video was. An optional
  `Forwarded from <channel>` line opens a forwarded post.
* `read_export(stream)`: Telegram Desktop's JSON export of a channel
  (`result.json`, opened in binary), read as a stream with ijson so a huge
  export never sits in memory; `posts` is then a generator that also yields
  `Skipped` for service messages.

Problems are raised as `ParseError(problem, line=…, record=…)`; the importer
adds the file name.
"""

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import ijson

from kb_site.jsonlimits import JsonLimitError, LimitedReader  # pure Python, like this module
from kb_site.text import clean_text, fold, safe_url

SCRAPE = "scrape"
TELEGRAM_JSON = "telegram-json"
FORMATS = (SCRAPE, TELEGRAM_JSON)

VARIATION_SELECTORS = "\ufe0e\ufe0f"
HEADLINE_LENGTH = 200
KEY_PREFIX_LENGTH = 160  # letters and digits of a scraped post that make its key
# A post's text (and a link preview's description) is cut here, with a warning. Telegram allows
# 4,096 characters in a message (1,024 in a caption, 4,096 with Premium); four times that leaves
# room for how a mirror or an export counts (UTF-16 units, entities spelled out) and for a later
# raise, while a text no Telegram message can be (the 50 MB one) is never stored or rendered whole.
MAX_TEXT_LENGTH = 16_384
MAX_ID = 2**63 - 1  # message and channel ids: positive, and within a 64-bit integer
DATE_YEARS = range(1970, 2100)  # a message's date: Unix time from its start, and nothing absurd


class ParseError(ValueError):
    """A source that does not have the expected shape; where, and what was expected."""

    def __init__(self, problem, *, line=None, record=None):
        self.problem = problem
        self.line = line
        self.record = record
        super().__init__(problem)


@dataclass
class Reaction:
    emoji: str | None  # without variation selectors; None for custom emoji and paid reactions
    count: int
    kind: str = "emoji"  # "emoji", "custom_emoji", "paid", or another type an export names
    custom_id: str = ""  # a custom emoji's document id


@dataclass
class Link:
    url: str
    domain: str
    label: str = ""  # the words a hidden link (Telegram's text_link) sits on


@dataclass
class Preview:
    site: str = ""
    title: str = ""
    description: str = ""


@dataclass
class Channel:
    name: str = ""
    handle: str = ""
    link: str = ""
    telegram_id: int | None = None


@dataclass
class Post:
    key: str  # stable within a channel: "msg-<id>" for exports, "text-<hash>" for scrapes
    position: int  # 1-based place in its source
    headline: str
    text: str
    hashtags: list = field(default_factory=list)  # names as written, without "#", first spelling wins
    reactions: list = field(default_factory=list)  # Reaction
    links: list = field(default_factory=list)  # Link
    handles: list = field(default_factory=list)  # @handles mentioned, without "@"
    entities: list = field(default_factory=list)  # formatting, links: {type, offset, length, text[, href]}
    forwarded_from: str = ""
    forwarded_from_handle: str = ""  # a forwarded post's sign-off line (@handle)
    has_media: bool = False
    media_type: str = ""
    preview: Preview | None = None
    telegram_id: int | None = None
    date: datetime | None = None
    edited_date: datetime | None = None
    warnings: list = field(default_factory=list)  # what the parser cut or left out, in words


@dataclass
class Skipped:
    """A record the source holds that is not a post (a service message)."""

    record: str
    reason: str


@dataclass
class Document:
    format: str
    channel: Channel
    posts: object  # a list, or for exports a generator of Post and Skipped


# Text: hashtags, links, handles ---------------------------------------------------

# A hashtag: letters, digits, underscores and inner dots (#2pr.io); it ends on a
# word character, so a full stop after it is not part of it. Not inside a word,
# a URL fragment (/#x) or an HTML entity (&#1;).
HASHTAG_RE = re.compile(r"(?<![\w#/&])#(\w(?:[\w.]*\w)?)")
# A Telegram handle: 4 to 32 letters, digits and underscores, starting with a letter; not in an e-mail address.
HANDLE_RE = re.compile(r"(?<![\w@./])@([A-Za-z][A-Za-z0-9_]{3,31})(?![\w@])")
URL_RE = re.compile(r"https?://[^\s<>\"'«»“”]+", re.IGNORECASE)
URL_TRAILING = ".,;:!?…'\"»”’"
# What a line of text is made of when it becomes HTML: a URL, a hashtag, or a handle.
TOKEN_RE = re.compile(
    rf"(?P<url>{URL_RE.pattern})"
    r"|(?<![\w#/&])#(?P<tag>\w(?:[\w.]*\w)?)"
    r"|(?<![\w@./])@(?P<handle>[A-Za-z][A-Za-z0-9_]{3,31})(?![\w@])",
    re.IGNORECASE,
)


def strip_variation_selectors(text):
    return "".join(ch for ch in text or "" if ch not in VARIATION_SELECTORS)


def tag_key(name):
    """The case-insensitive identity of a hashtag (no leading '#')."""
    return fold(name.lstrip("#"))


def is_hashtag(name):
    """A hashtag needs at least one letter (#1 in "item #1" is not one)."""
    return any(ch.isalpha() for ch in name)


def find_hashtags(text):
    """Hashtag names in order of appearance, each once (ignoring case), as first written."""
    names, seen = [], set()
    for match in HASHTAG_RE.finditer(text or ""):
        name = match.group(1)
        if is_hashtag(name) and tag_key(name) not in seen:
            seen.add(tag_key(name))
            names.append(name)
    return names


def clean_url(raw):
    """A URL found in text without the punctuation that ends its sentence; None if the scraper cut it short."""
    url = raw
    while url and url[-1] in URL_TRAILING + ")":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        if url[-1] == "…":
            return None  # "https://example.com/pa…": the scraper cut it, the address is unknown
        url = url[:-1]
    parts = urlsplit(url)
    if not parts.netloc or "." not in parts.netloc:
        return None
    return url


def domain_of(url):
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def find_links(text):
    links, seen = [], set()
    for match in URL_RE.finditer(text or ""):
        url = safe_url(clean_url(match.group(0)))
        if url and url not in seen:
            seen.add(url)
            links.append(Link(url=url, domain=domain_of(url)))
    return links


def find_handles(text):
    handles = []
    for match in HANDLE_RE.finditer(URL_RE.sub(" ", text or "")):
        if match.group(1) not in handles:
            handles.append(match.group(1))
    return handles


def is_hashtag_line(line):
    """A line of hashtags only (`#личное #Product_Hunt`)."""
    rest = HASHTAG_RE.sub("", line)
    return rest != line and not any(ch.isalnum() for ch in rest)


def make_headline(text, fallback=""):
    """The post's first line; when that holds only hashtags, the first line that says something.

    Cut at a word boundary to HEADLINE_LENGTH characters. Posts with no words at
    all (media only) get `fallback`.
    """
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    wordy = [line for line in lines if not is_hashtag_line(line) and any(ch.isalnum() for ch in line)]
    headline = wordy[0] if wordy else (lines[0] if lines else fallback)
    if len(headline) > HEADLINE_LENGTH:
        cut = headline[: HEADLINE_LENGTH - 1]
        if " " in cut[HEADLINE_LENGTH // 2 :]:
            cut = cut[: cut.rindex(" ")]
        headline = cut.rstrip(" ,;:-—") + "…"
    return headline


def cut_text(text, warnings, what="text"):
    """`text` cut to MAX_TEXT_LENGTH characters (ending in "…"), with a warning when it was longer."""
    if len(text) <= MAX_TEXT_LENGTH:
        return text
    warnings.append(
        f"{what} cut to {MAX_TEXT_LENGTH:,} characters (it had {len(text):,}; a Telegram message has at most 4,096)"
    )
    return text[: MAX_TEXT_LENGTH - 1] + "…"


def signature_handle(text):
    """The handle a post signs off with: its last line, when that is a lone @handle."""
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if lines:
        match = HANDLE_RE.fullmatch(lines[-1])
        if match:
            return match.group(1)
    return ""


# Reactions lines ---------------------------------------------------------------------

_REACTION_ITEM = r"\s*([^\w\s]+?)\s*(\d+(?:[.,]\d+)?[KkMm]?)"
_REACTION_LINE_RE = re.compile(rf"(?:{_REACTION_ITEM})+\s*")
_REACTION_ITEM_RE = re.compile(_REACTION_ITEM)
_EMOJI_CATEGORIES = {"So", "Sk", "Mn", "Me", "Cf"}


def normalize_emoji(value):
    """One emoji (or ZWJ sequence) without variation selectors; None when the value is not an emoji."""
    value = strip_variation_selectors((value or "").strip())
    categories = {unicodedata.category(ch) for ch in value}
    if not value or len(value) > 16 or not categories <= _EMOJI_CATEGORIES or "So" not in categories:
        return None
    return value


def parse_count(raw):
    """A reaction count as the mirror shows it: 13, 1.2K, 3M."""
    multiplier = 1
    if raw[-1] in "Kk":
        multiplier, raw = 1000, raw[:-1]
    elif raw[-1] in "Mm":
        multiplier, raw = 1_000_000, raw[:-1]
    return round(float(raw.replace(",", ".")) * multiplier)


def parse_reactions_line(line):
    """`🔥13❤️5` → reactions; None when the line is not made only of emoji and counts."""
    line = line.strip()
    if not line or not _REACTION_LINE_RE.fullmatch(line):
        return None
    reactions = {}
    for raw, count in _REACTION_ITEM_RE.findall(line):
        emoji = normalize_emoji(raw)
        if emoji is None:
            return None  # "$70", "—5", "+3" are text, not reactions
        reactions[emoji] = reactions.get(emoji, 0) + parse_count(count)
    return [Reaction(emoji=emoji, count=count) for emoji, count in reactions.items() if count]


# The mirror scrape ---------------------------------------------------------------------

FORWARDED_RE = re.compile(r"Forwarded from\s+(?P<name>\S.*)")
MEDIA_PLACEHOLDERS = {"please open telegram to view this post", "view in telegram"}


def _comparable(line):
    return "".join(ch for ch in unicodedata.normalize("NFKC", line).casefold() if ch.isalnum())


def lines_match(first, second):
    """Two copies of a line, tolerating what the scraper loses (an emoji, a cut tail)."""
    if first == second:
        return True
    a, b = _comparable(first), _comparable(second)
    if not a or not b:
        return a == b and strip_variation_selectors(first).strip() == strip_variation_selectors(second).strip()
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if longer.startswith(shorter) and len(shorter) >= 0.8 * len(longer):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def split_repeat(lines):
    """(first line + the rest once, what follows the repeat) for lines whose rest is repeated.

    The mirror writes a text's first line, then lines 2..n, then lines 2..n again.
    The longest repeat that matches wins; the first copy is kept.
    """
    for k in range((len(lines) - 1) // 2, 0, -1):
        if all(lines_match(lines[1 + i], lines[1 + k + i]) for i in range(k)):
            return lines[: 1 + k], lines[1 + 2 * k :]
    return lines[:1], lines[1:]


def _parse_preview(lines):
    site = lines[0] if lines else ""
    title = lines[1] if len(lines) > 1 else ""
    description_lines = lines[2:]
    if description_lines:
        kept, rest = split_repeat(description_lines)
        description_lines = kept + rest
    return Preview(site=site, title=title, description="\n".join(description_lines))


def _split_blocks(lines):
    """(post lines with their line numbers, reactions) for each post; a reactions line ends a post."""
    blocks, current = [], []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        reactions = parse_reactions_line(line)
        if reactions is None:
            current.append((number, line))
            continue
        if not current:
            raise ParseError(f"a reactions line with no post before it ({line!r})", line=number)
        blocks.append((current, reactions))
        current = []
    if current:
        if not blocks:
            raise ParseError(
                "found no reactions line such as 🔥13❤5: expected posts scraped from a Telegram mirror, "
                "each ending with its reactions",
                line=current[0][0],
            )
        raise ParseError(
            "the post starting here has no reactions line after it; expected every post to end with "
            "one such as 🔥13❤5 (is the file cut short?)",
            line=current[0][0],
        )
    return blocks


def _scrape_key(text, position):
    letters = _comparable(text)[:KEY_PREFIX_LENGTH]
    if not letters:
        return f"media-{position}"
    return "text-" + hashlib.sha256(letters.encode("utf-8")).hexdigest()[:16]


def _scrape_post(block, reactions, position):
    lines = [line for _, line in block]
    forwarded_from = ""
    match = FORWARDED_RE.fullmatch(lines[0])
    if match:
        forwarded_from = match.group("name").strip()
        lines = lines[1:]
    has_media = any(line.casefold() in MEDIA_PLACEHOLDERS for line in lines)
    lines = [line for line in lines if line.casefold() not in MEDIA_PLACEHOLDERS]

    preview = None
    if lines:
        kept, rest = split_repeat(lines)
        repeated = len(lines) - len(kept) - len(rest) > 0
        if rest and (repeated or find_links("\n".join(kept))):
            preview = _parse_preview(rest)  # what follows a post's repeat is its link preview
        else:
            kept = kept + rest  # no repeat and no link to preview: the lines are text
        lines = kept
    warnings = []
    text = cut_text("\n".join(lines), warnings)
    if preview is not None:
        preview.description = cut_text(preview.description, warnings, "link preview description")
    return Post(
        key=_scrape_key(text, position),
        position=position,
        headline=make_headline(text, fallback="Media post" if has_media else "Untitled post"),
        text=text,
        hashtags=find_hashtags(text),
        reactions=reactions,
        links=find_links(text),
        handles=find_handles(text),
        forwarded_from=forwarded_from,
        forwarded_from_handle=signature_handle(text) if forwarded_from else "",
        has_media=has_media,
        media_type="media" if has_media else "",
        preview=preview,
        warnings=warnings,
    )


def parse_scrape(text, *, channel=None):
    """A mirror scrape's text → Document with its posts in file order."""
    posts, seen = [], {}
    for position, (block, reactions) in enumerate(_split_blocks((text or "").split("\n")), start=1):
        post = _scrape_post(block, reactions, position)
        # Two posts with the same opening words keep distinct keys, in file order.
        seen[post.key] = seen.get(post.key, 0) + 1
        if seen[post.key] > 1:
            post.key = f"{post.key}-{seen[post.key]}"
        posts.append(post)
    return Document(format=SCRAPE, channel=channel or Channel(), posts=posts)


# Telegram Desktop's JSON export ------------------------------------------------------------

# Entity types kept for rendering (offsets into the post's text); the rest render as plain text.
RENDERED_ENTITIES = {
    "bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "blockquote",
    "text_link", "link", "url", "mention", "hashtag", "email",
}  # fmt: skip
LINK_ENTITIES = {"text_link", "link", "url"}
MEDIA_KEYS = ("photo", "file", "media_type", "poll", "location_information", "contact_information", "sticker_emoji")


def detect_format(head):
    """'telegram-json' when the first bytes open a JSON document, else 'scrape'."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return TELEGRAM_JSON if stripped[:1] in (b"{", b"[") else SCRAPE


def _export_date(message, key, record):
    unixtime = message.get(f"{key}_unixtime")
    if unixtime not in (None, ""):
        try:
            value = datetime.fromtimestamp(int(unixtime), tz=UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            raise ParseError(
                f"{key}_unixtime must be a number of seconds, not {_short(unixtime)}", record=record
            ) from None
    else:
        raw = message.get(key)
        if raw in (None, ""):
            return None
        try:
            value = datetime.fromisoformat(str(raw))
        except ValueError:
            raise ParseError(
                f"{key} must be a date such as 2024-12-01T10:00:00, not {_short(raw)}", record=record
            ) from None
        value = value if value.tzinfo else value.replace(tzinfo=UTC)  # exports without unixtime: taken as UTC
    if value.year not in DATE_YEARS or value.astimezone(UTC).year not in DATE_YEARS:
        raise ParseError(
            f"{key} must be a date from {DATE_YEARS.start} to {DATE_YEARS.stop - 1}, not {value.isoformat()}",
            record=record,
        )
    return value


def _first_line(exc):
    """An error's message without the excerpt yajl draws below it (an error is one line)."""
    said = exc.args[0] if exc.args else ""
    said = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return (said.strip().splitlines() or [type(exc).__name__])[0]


def _short(value, limit=60):
    """repr(value) short enough for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _export_parts(message, record):
    """The text's parts as (type, text, href) from text_entities, or from text when that is all there is."""
    entities = message.get("text_entities")
    source = entities if isinstance(entities, list) and entities else message.get("text", "")
    if source is None:
        source = ""
    if isinstance(source, str):
        return [("plain", clean_text(source), "")]
    if not isinstance(source, list):
        raise ParseError(f"text must be a string or a list, not {type(source).__name__}", record=record)
    parts = []
    for item in source:
        if isinstance(item, str):
            parts.append(("plain", clean_text(item), ""))
        elif isinstance(item, dict) and isinstance(item.get("text", ""), str):
            parts.append(
                (str(item.get("type", "plain")), clean_text(item.get("text", "")), str(item.get("href") or ""))
            )
        else:
            raise ParseError("each part of text must be a string or an object with a text", record=record)
    return parts


def _export_reactions(message, record):
    raw = message.get("reactions") or []
    if not isinstance(raw, list):
        raise ParseError("reactions must be a list", record=record)
    merged = {}
    for item in raw:
        if not isinstance(item, dict):
            raise ParseError("each reaction must be an object with type and count", record=record)
        count = item.get("count", 0)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ParseError(f"a reaction's count must be a whole number, not {_short(count)}", record=record)
        kind = clean_text(str(item.get("type") or "emoji"))
        emoji = (
            (strip_variation_selectors(clean_text(str(item.get("emoji") or ""))) or None) if kind == "emoji" else None
        )
        custom_id = clean_text(str(item.get("document_id") or "")) if kind != "emoji" else ""
        if kind == "emoji" and not emoji:
            raise ParseError("an emoji reaction without its emoji", record=record)
        key = (kind, emoji, custom_id)
        merged[key] = merged.get(key, 0) + count
    return [
        Reaction(emoji=emoji, count=count, kind=kind, custom_id=cid)
        for (kind, emoji, cid), count in merged.items()
        if count  # a reaction nobody gave is not one
    ]


def _media_type(message):
    if message.get("media_type"):
        return clean_text(str(message["media_type"]))
    for key in MEDIA_KEYS:
        if message.get(key):
            return key.removesuffix("_information")
    return ""


def _clamped(entity, text):
    """The entity within the (right-stripped) text, with the words it covers."""
    length = min(entity["length"], len(text) - entity["offset"])
    return {**entity, "length": length, "text": text[entity["offset"] : entity["offset"] + length]}


# A link entity's words that name their scheme ("mailto:…", "data:…"); "host:8080" names a port instead.
_SCHEME_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?!\d)")


def _entity_url(kind, words, href):
    """Where a link entity points: a text_link's href; a link's own words (http:// when they name no scheme)."""
    if kind == "text_link":
        return href
    return words if _SCHEME_PREFIX.match(words) else f"http://{words}"


def _export_entity(kind, offset, words, href, warnings):
    """The entity of one part of a message's text; None when it renders as plain text.

    A link whose address is not http, https, mailto or tg (javascript:, data:, …) stays text,
    with a warning: no entity, so no link, and no Link row.
    """
    if kind not in RENDERED_ENTITIES or not words:
        return None
    entity = {"type": kind, "offset": offset, "length": len(words)}
    if kind in LINK_ENTITIES and (kind != "text_link" or href):
        url = _entity_url(kind, words, href)
        if not safe_url(url):
            warnings.append(f"link {_short(url)} is not an http, https, mailto or tg address: kept as text")
            return None
        if kind == "text_link":
            entity["href"] = url
    return entity


def _export_text(message, record, warnings):
    """(text, entities) of a message: its parts joined, right-stripped, cut to MAX_TEXT_LENGTH."""
    pieces, entities, offset = [], [], 0
    for kind, words, href in _export_parts(message, record):
        entity = _export_entity(kind, offset, words, href, warnings)
        if entity is not None:
            entities.append(entity)
        pieces.append(words)
        offset += len(words)
    text = "".join(pieces).rstrip()
    cut = cut_text(text, warnings)
    kept = cut[:-1] if cut is not text else cut  # entities end before the "…" of a cut text
    return cut, [_clamped(entity, kept) for entity in entities if entity["offset"] < len(kept)]


def _entity_words(entities, kind):
    """The words of a message's entities of one kind, each once, in order (ignoring case for hashtags)."""
    found, seen = [], set()
    for entity in entities:
        if entity["type"] == kind:
            words = entity["text"].lstrip("#@")
            key = tag_key(words) if kind == "hashtag" else words
            if words and key not in seen:
                seen.add(key)
                found.append(words)
    return found


def _entity_links(entities):
    links = []
    for entity in entities:
        if entity["type"] in LINK_ENTITIES and (entity["type"] != "text_link" or entity.get("href")):
            url = _entity_url(entity["type"], entity["text"], entity.get("href", ""))
            label = entity["text"].strip() if entity["type"] == "text_link" else ""
            links.append(Link(url=url, domain=domain_of(url), label=label))
    return links


def _message_id(message, position):
    """(record, id): where the message is, as error messages name it, and its Telegram id."""
    record = f"message {position}"
    if not isinstance(message, dict):
        raise ParseError(f"expected a message object, found {type(message).__name__}", record=record)
    message_id = message.get("id")
    if not isinstance(message_id, int) or isinstance(message_id, bool) or not 0 < message_id <= MAX_ID:
        raise ParseError(
            f"expected a message with a numeric id (a positive whole number), found id {_short(message_id)}",
            record=record,
        )
    return f"message {position} (id {message_id})", message_id


def _fallback_headline(message, media_type):
    """A media message's headline when it has no words: "Photo", "Video file: talk.mp4"."""
    if not media_type:
        return "Untitled post"
    fallback = media_type.replace("_", " ").capitalize()
    file_name = clean_text(str(message.get("file_name") or ""))
    return f"{fallback}: {file_name}" if file_name else fallback


def export_post(message, position):
    """One message of an export → Post, or Skipped for a service message."""
    record, message_id = _message_id(message, position)
    kind = message.get("type", "message")
    if kind != "message":
        return Skipped(record=record, reason=f"{clean_text(str(kind))[:40]} message")
    warnings = []
    text, entities = _export_text(message, record, warnings)
    media_type = _media_type(message)
    forwarded_from = clean_text(str(message.get("forwarded_from") or ""))
    return Post(
        key=f"msg-{message_id}",
        position=position,
        headline=make_headline(text, fallback=_fallback_headline(message, media_type)),
        text=text,
        hashtags=_entity_words(entities, "hashtag"),
        reactions=_export_reactions(message, record),
        links=_entity_links(entities),
        handles=_entity_words(entities, "mention"),
        entities=entities,
        forwarded_from=forwarded_from,
        forwarded_from_handle=signature_handle(text) if forwarded_from else "",
        has_media=bool(media_type),
        media_type=media_type,
        telegram_id=message_id,
        date=_export_date(message, "date", record),
        edited_date=_export_date(message, "edited", record),
        warnings=warnings,
    )


def _export_header(stream):
    """The export's name, type and id (they precede `messages`), checking that messages is a list."""
    header, events = {}, ijson.parse(stream)
    for prefix, event, value in events:
        if prefix == "" and event == "start_array":
            raise ParseError("expected a Telegram Desktop export (a JSON object with a messages list), found a list")
        if prefix == "" and event == "map_key" and value == "messages":
            _, event, _ = next(events)
            if event != "start_array":
                raise ParseError(f"messages must be a list, found {event.replace('start_', '')}")
            return header
        if prefix in ("name", "type", "id") and event in ("string", "number"):
            header[prefix] = value
    raise ParseError("expected a Telegram Desktop export: a JSON object with a messages list, found no messages")


def _channel_id(value):
    """The export's channel id as a whole number (ijson gives a number; a string of digits will do)."""
    if value in (None, ""):
        return None
    text = str(value)
    if not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
        raise ParseError(
            f"the export's id must be a positive whole number, not {_short(value)}", record="the export's id"
        )
    return int(text)


def read_export(stream, *, channel=None):
    """A Telegram Desktop export (a binary, seekable file) → Document whose posts are streamed.

    The header is read first; then `posts` yields Post and Skipped one message at
    a time (ijson), raising ParseError for a malformed or truncated file at the
    message where it breaks. Both passes read through kb_site.jsonlimits, so deep
    nesting or an over-long value stops the file before it costs memory.
    """
    try:
        header = _export_header(LimitedReader(stream))
    except ijson.JSONError as exc:
        raise ParseError(f"is not valid JSON ({_first_line(exc)}); expected a Telegram Desktop export") from None
    except JsonLimitError as exc:
        raise ParseError(exc.problem, line=exc.line) from None
    found = Channel(name=clean_text(str(header.get("name") or "")), telegram_id=_channel_id(header.get("id")))
    if channel is not None:
        found = Channel(
            name=channel.name or found.name,
            handle=channel.handle,
            link=channel.link,
            telegram_id=channel.telegram_id or found.telegram_id,
        )
    return Document(format=TELEGRAM_JSON, channel=found, posts=_export_posts(stream))


def _export_posts(stream):
    stream.seek(0)
    position, last = 0, "the start of messages"
    try:
        for message in ijson.items(LimitedReader(stream), "messages.item", use_float=True):
            position += 1
            yield export_post(message, position)
            last = f"message {position}"
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        raise ParseError(
            f"the JSON is malformed or cut short after {last} ({_first_line(exc)}); expected a complete "
            "Telegram Desktop export",
            record=f"message {position + 1}",
        ) from None
    except JsonLimitError as exc:
        where = {"line": exc.line} if exc.line else {"record": f"message {position + 1}"}
        raise ParseError(exc.problem, **where) from None
