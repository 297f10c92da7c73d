"""Limits on JSON from a source file, checked on its raw bytes before a parser builds anything
(pure Python, no Django).

A JSON parser holds what it reads: ijson's `items` and `parse` keep the path of every open
container as a string, so memory grows with the square of the nesting (a 60 KB file of 30,000
brackets took 4 GB: the prefix strings "messages.item.item.item…", one per level), and every
parser holds a whole string or number token, and a whole item, while it builds them. `JsonLimits`
reads the bytes as they go by, a chunk at a time, and stops the file at the first thing no real
source holds:

* containers nested deeper than `max_depth` (a Telegram export nests about 7 levels);
* one string or number longer than `max_token` bytes (a Telegram message's text is at most
  4,096 characters, about 50 KB of JSON even with every character escaped);
* one item of a top-level list (a message: depth `record_depth`) longer than `max_record` bytes.

Its cost is a regular-expression pass per chunk (about 1 s for a 150 MB export); memory stays
at one chunk. `LimitedReader` wraps a binary file so that ijson reads through the checks.
"""

MAX_DEPTH = 32
MAX_TOKEN_BYTES = 1 << 20  # 1 MiB
MAX_RECORD_BYTES = 4 << 20  # 4 MiB
CHUNK = 1 << 16  # bytes checked at a time (ijson reads 64 KiB at a time too)

_DELIMITERS = b' \t\r\n[]{},:"'
_NOT_DELIMITERS = bytes(b for b in range(256) if b not in _DELIMITERS)  # what numbers and literals are made of
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"')  # all but brackets and quotes
_OPEN = frozenset(b"[{")


class JsonLimitError(ValueError):
    """The JSON goes past a limit: `problem` says which, `line` where (None when only the record is known)."""

    def __init__(self, problem, *, line=None):
        self.problem = problem
        self.line = line
        super().__init__(problem)


def _size(n):
    return f"{n / (1 << 20):g} MB" if n >= 1 << 20 else f"{n:,} bytes"


class JsonLimits:
    """Feed it a file's bytes in order (`feed(chunk)`); it raises JsonLimitError at the first excess."""

    def __init__(self, *, max_depth=MAX_DEPTH, max_token=MAX_TOKEN_BYTES, max_record=MAX_RECORD_BYTES, record_depth=3):
        self.max_depth = max_depth
        self.max_token = max_token
        self.max_record = max_record
        self.record_depth = record_depth
        self.depth = 0
        self.line = 1  # the line the next chunk starts on
        self.offset = 0  # the byte the next chunk starts at
        self.in_string = False  # a string began in an earlier chunk and is still open
        self.escape = False  # the last chunk ended on the backslash of an escape
        self.string = [0, 1]  # bytes so far of the open string, and its line
        self.bare = [0, 1]  # bytes so far of the number or literal that ended the last chunk, and its line
        self.record_start = None  # offset of the chunk in which the open record began

    def feed(self, data):
        # Chunks no longer than max_token: a value that begins and ends within one chunk fits, so only
        # the string or number left open at a chunk's end is measured, carried on to the next chunk.
        size = min(CHUNK, self.max_token)
        for start in range(0, len(data), size):
            self._feed(data[start : start + size])

    def _feed(self, chunk):
        started_in_string, started_on_escape = self.in_string, self.escape
        # Escapes out of the way (same length, so positions hold): every '"' left delimits a string.
        neutral = (b"_" + chunk[1:]) if self.escape else chunk
        neutral = neutral.replace(b"\\\\", b"__").replace(b'\\"', b"__")
        self.escape = neutral.endswith(b"\\")  # an escape split between this chunk and the next
        # Only brackets and quotes: the pieces between quotes alternate outside and inside strings.
        pieces = neutral.translate(None, _NOT_STRUCTURE).split(b'"')
        quotes = len(pieces) - 1
        self.in_string = started_in_string != (quotes % 2 == 1)
        self._check_strings(chunk, neutral, started_in_string, quotes)
        self._check_bare(chunk, started_in_string)
        brackets = b"".join(pieces[1::2] if started_in_string else pieces[0::2])
        self._check_depth(brackets, chunk, started_in_string, started_on_escape)
        self.line += chunk.count(b"\n")
        self.offset += len(chunk)
        if self.record_start is not None and self.offset - self.record_start > self.max_record:
            raise JsonLimitError(
                f"one item is larger than {_size(self.max_record)} of JSON; expected records the size of "
                "a Telegram message (a few kilobytes)"
            )

    def _check_strings(self, chunk, neutral, started_in_string, quotes):
        """The string open at the last chunk's end goes on or ends here; a string left open is carried on."""
        if started_in_string:
            self._grow(self.string, neutral.find(b'"') if quotes else len(chunk), "string")
        if self.in_string and quotes:
            last = neutral.rfind(b'"')
            self.string = [0, self.line + chunk.count(b"\n", 0, last)]
            self._grow(self.string, len(chunk) - last - 1, "string")

    def _grow(self, token, n, kind):
        token[0] += n
        if token[0] > self.max_token:
            raise JsonLimitError(
                f"a {kind} longer than {_size(self.max_token)}; expected values the size of a message's text",
                line=token[1],
            )

    def _check_bare(self, chunk, started_in_string):
        """A number or literal left open at the last chunk's end goes on here; one left open is carried on."""
        lead = 0 if started_in_string else len(chunk) - len(chunk.lstrip(_NOT_DELIMITERS))
        self._grow(self.bare, lead, "number or literal")
        if lead == len(chunk):
            return
        tail = 0 if self.in_string else len(chunk) - len(chunk.rstrip(_NOT_DELIMITERS))
        self.bare = [0, self.line + chunk.count(b"\n")]
        self._grow(self.bare, tail, "number or literal")

    def _check_depth(self, brackets, chunk, in_string, escape):
        depth, record = self.depth, self.record_depth
        for bracket in brackets:
            if bracket in _OPEN:
                depth += 1
                if depth > self.max_depth:
                    raise JsonLimitError(
                        f"lists and objects nested more than {self.max_depth} deep; expected a few levels",
                        line=self._line_of_depth(chunk, in_string, escape),
                    )
                if depth == record:
                    self.record_start = self.offset
            else:
                depth -= 1
                if depth == record - 1:
                    self.record_start = None
        self.depth = depth

    def _line_of_depth(self, chunk, in_string, escape):
        """The line where the nesting went past the limit (read again byte by byte: only on error)."""
        depth = self.depth
        for index in range(len(chunk)):
            byte = chunk[index]
            if in_string:
                if escape:
                    escape = False
                elif byte == 0x5C:
                    escape = True
                elif byte == 0x22:
                    in_string = False
            elif byte == 0x22:
                in_string = True
            elif byte in _OPEN:
                depth += 1
                if depth > self.max_depth:
                    return self.line + chunk.count(b"\n", 0, index)
            elif byte in b"]}":
                depth -= 1
        return self.line


class LimitedReader:
    """A binary file that checks JsonLimits on every byte read through it (what ijson is given)."""

    def __init__(self, stream, limits=None):
        self.stream = stream
        self.limits = limits or JsonLimits()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.limits.feed(data)
        return data


def check_json_bytes(data, **limits):
    """Check a whole JSON file's bytes (side files): JsonLimitError on an excess."""
    JsonLimits(**limits).feed(data)
