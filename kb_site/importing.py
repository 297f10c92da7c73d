"""What every importer shares: reading a source file safely, one transaction,
dry runs, the upsert decision that keeps curated entries, and the report.

An app's `importers.py` does:

    def import_file(path, *, dry_run=False, overwrite=False, progress=None):
        text = read_text_source(path)                   # SourceError on bad input
        parsed = parsers.parse(text, source=path)       # SourceError on wrong format
        report = ImportReport(source=display_name(path), dry_run=dry_run)
        limits = FieldLimits(Model, report)
        with import_transaction(dry_run, path=path, report=report):
            for item in parsed:
                report.record = label                   # named if the database refuses a value
                existing = Model.objects.filter(natural key).first()
                action = decide(existing, checksum(item), overwrite)
                ...create / update (limits.fit(entry, label, path); entry.mark_imported(...)) / leave alone...
                report.count(action, label)
        return report

and its management command subclasses `kb_site.commands.ImportCommand`.

Limits every import keeps (see also `FieldLimits` and `kb_site.jsonlimits`):
a text source is at most MAX_TEXT_SOURCE_BYTES, a JSON side file at most MAX_SIDE_FILE_BYTES;
every string is passed through `kb_site.text.clean_text`; every value fits its model field
(cut with a warning, or the file refused naming the record and the field); and a database
error while writing becomes a SourceError, never a traceback.
"""

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.backends.base.operations import BaseDatabaseOperations

from .jsonlimits import JsonLimitError, check_json_bytes
from .text import clean_text, safe_url

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept"  # edited in admin since its import, left alone (no --overwrite)
SKIPPED = "skipped"
ACTIONS = (CREATED, UPDATED, UNCHANGED, KEPT, SKIPPED)


class SourceError(Exception):
    """A source file that cannot be imported, said so a person can act on it.

    str(error) names the file, where (line or record) and what was expected:
    "seeds/x.txt, line 12: expected a reactions line such as 🔥13❤5, found 'abc'".
    """

    def __init__(self, path, problem, *, line=None, record=None):
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.record = record
        super().__init__(str(self))

    def __str__(self):
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.record is not None:
            where += f", {self.record}"
        return f"{where}: {self.problem}"


def check_source(path, head_bytes=65536):
    """The file's first bytes, after the checks every source gets: it exists, is a readable
    file, is not empty and is not binary. Importers that stream a large file start here."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, "no such file")
    if path.is_dir():
        raise SourceError(path, "is a directory, expected a file")
    try:
        with path.open("rb") as stream:
            head = stream.read(head_bytes)
    except OSError as exc:
        raise SourceError(path, f"cannot be read ({exc.strerror})") from None
    if not head.strip():
        raise SourceError(path, "the file is empty")
    if b"\x00" in head:
        raise SourceError(path, "looks like a binary file (it contains NUL bytes), expected UTF-8 text")
    return head


# The real sources are 30-45 KB; a page, a scrape or a preprint's text many times larger is not one
# (a whole text source is held in memory while it is parsed; a Telegram export is streamed instead).
MAX_TEXT_SOURCE_BYTES = 8 << 20  # 8 MiB
MAX_SIDE_FILE_BYTES = 1 << 20  # 1 MiB: metadata and mapping files (the seeds' are 1-15 KB)


def _check_size(path, limit, what):
    size = Path(path).stat().st_size
    if size > limit:
        raise SourceError(path, f"is {size / (1 << 20):.1f} MB; expected {what} of at most {limit >> 20} MB")


def read_text_source(path):
    """The file as text (UTF-8, optional BOM, line ends as \\n, cleaned by clean_text), or a SourceError.

    Empty, binary (NUL or control bytes), wrongly encoded and over-large files are refused
    with the line where the trouble starts.
    """
    check_source(path)
    _check_size(path, MAX_TEXT_SOURCE_BYTES, "a text source")
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            path,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            line=line,
        ) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise SourceError(path, "looks like a binary file (many control characters), expected UTF-8 text")
    return clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def read_json_side_file(path, *, required, missing=""):
    """A JSON object from a file beside a source, its strings cleaned; None when absent and not required.

    SourceError, naming the file, for a missing required file (`missing` says why it is needed),
    an over-large one, nesting deeper than kb_site.jsonlimits allows, bad UTF-8 or JSON, or
    a top level that is not an object.
    """
    path = Path(path)
    if not path.exists():
        if not required:
            return None
        raise SourceError(path, f"no such file{': ' + missing if missing else ''}")
    check_source(path)
    _check_size(path, MAX_SIDE_FILE_BYTES, "a metadata file")
    data = path.read_bytes()
    try:
        check_json_bytes(data)
        value = json.loads(data.decode("utf-8-sig"))
    except JsonLimitError as exc:
        raise SourceError(path, f"{exc.problem} (expected a small JSON object)", line=exc.line) from None
    except UnicodeDecodeError:
        raise SourceError(path, "is not UTF-8 text, expected JSON") from None
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"is not valid JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(value, dict):
        raise SourceError(path, "expected a JSON object at the top level")
    return clean_data(value)


def clean_data(value):
    """JSON data with every string (keys too) passed through clean_text."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(key)): clean_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    return value


def display_name(path):
    """The name a provenance record keeps: relative to the project when inside it."""
    path = Path(path).resolve()
    root = Path(__file__).resolve().parent.parent
    try:
        return str(path.relative_to(root))
    except ValueError:
        return os.fspath(path)


def decide(existing, new_checksum, overwrite):
    """What an import does with one entry: create, update, leave unchanged, or keep curated.

    `existing` is the row found by natural key (or None). An entry edited in
    admin since its import is kept unless the operator passed --overwrite.
    """
    if existing is None:
        return CREATED
    if existing.is_edited and not overwrite:
        return KEPT
    if existing.checksum == new_checksum and not existing.is_edited:
        return UNCHANGED
    return UPDATED


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    counts: dict = field(default_factory=lambda: dict.fromkeys(ACTIONS, 0))
    details: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # "record: what was done to which value"
    record: str = ""  # the record being written, named in a database error's message

    def count(self, action, label=""):
        self.counts[action] += 1
        if label:
            self.details.append(f"{action}: {label}")

    def warn(self, record, problem):
        """Something the import changed or left out so that the record fits (a cut value, a link kept as text)."""
        self.warnings.append(f"{record}: {problem}" if record else problem)

    def __getattr__(self, name):
        if name in ACTIONS:
            return self.counts[name]
        raise AttributeError(name)

    @property
    def total(self):
        return sum(self.counts.values())

    def summary(self):
        parts = ", ".join(f"{n} {action}" for action, n in self.counts.items() if n or action in (CREATED, UPDATED))
        prefix = "Dry run, nothing saved — would be: " if self.dry_run else ""
        warned = f" {len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}." if self.warnings else ""
        return f"{self.source}: {prefix}{parts}.{warned}"


class _DryRunRollback(Exception):
    pass


@contextmanager
def import_transaction(dry_run=False, *, path=None, report=None):
    """One transaction for the whole file; rolled back at the end of a dry run.

    Any exception inside rolls everything back, so a file is imported whole or not at all.
    Cached fragments of every collection are invalidated with it (a rolled-back
    import, or a dry run, leaves the versions as they were). With `path`, a value the
    database refuses (DataError, IntegrityError) or Python cannot convert (ValueError,
    OverflowError) becomes a SourceError naming the file and `report.record`: the importers
    check values first, so this is the last line, and never a traceback.
    """
    from .cache import bump_all

    try:
        with transaction.atomic():
            yield
            bump_all()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except (DataError, IntegrityError, ValueError, OverflowError) as exc:
        if path is None:
            raise
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, IntegrityError):
            said = f"the database refused a row ({problem}); expected each record once, with values the model allows"
        else:
            said = f"the database refused a value ({problem}); expected values that fit the model's fields"
        raise SourceError(path, said, record=(report.record or None) if report else None) from None


class Progress:
    """Progress on a terminal for long imports: `progress.tick(n)` every so often."""

    def __init__(self, stream=None, *, label="records", every=1000):
        self.stream = stream
        self.label = label
        self.every = every
        self.done = 0
        self.enabled = bool(stream is not None and getattr(stream, "isatty", lambda: False)())

    def tick(self, n=1):
        self.done += n
        if self.enabled and self.done % self.every < n:
            self.stream.write(f"\r  {self.done:,} {self.label}…")
            self.stream.flush()

    def finish(self):
        if self.enabled:
            self.stream.write(f"\r  {self.done:,} {self.label}.   \n")
            self.stream.flush()


class FieldLimits:
    """What a model's fields hold, read from the model: text fields' max_length, integer fields' range.

    Importers check values against it before writing, the same way on every database (SQLite
    would store an over-long string that PostgreSQL refuses):

        limits = FieldLimits(Post, report)
        post.forwarded_from = limits.cut("forwarded_from", value, record)   # prose: cut, with a warning
        limits.require("telegram_id", value, record, path)                  # identifiers: or SourceError

    The rule for choosing: words a person reads (titles, names, labels, descriptions) are cut
    with a warning; values that identify or count something (ids, emoji, slugs, numbers) are
    refused, naming the record and the field, since a cut one would be a different value.
    """

    RANGES = BaseDatabaseOperations.integer_field_ranges  # the same limits on every database

    def __init__(self, model, report=None):
        self.model = model
        self.report = report
        self.max_length = {}
        self.range = {}
        for model_field in model._meta.concrete_fields:
            internal = model_field.get_internal_type()
            if getattr(model_field, "max_length", None):
                self.max_length[model_field.name] = model_field.max_length
            elif internal in self.RANGES and not model_field.primary_key:
                self.range[model_field.name] = self.RANGES[internal]
            elif internal == "DecimalField":  # digits before the point: what the column holds on PostgreSQL
                places = model_field.decimal_places
                high = Decimal(10) ** (model_field.max_digits - places) - Decimal(1).scaleb(-places)
                self.range[model_field.name] = (-high, high)

    def cut(self, name, value, record=""):
        """`value` cut to the field's max_length (ending in "…"), with a warning when it was longer."""
        limit = self.max_length[name]
        if value is None or len(value) <= limit:
            return value
        if self.report is not None:
            self.report.warn(record, f"{name} cut to {limit} characters (it had {len(value):,})")
        return value[: limit - 1].rstrip() + "…"

    def fits(self, name, value):
        """Whether `value` fits the field as it is: its length, or its range (numbers as the field reads them)."""
        if value is None:
            return True
        if name in self.max_length:
            return len(value) <= self.max_length[name]
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool):  # e.g. "11" for a decimal field
            try:
                value = self.model._meta.get_field(name).to_python(value)
            except ValidationError:
                return False
        low, high = self.range.get(name, (None, None))
        return (low is None or value >= low) and (high is None or value <= high)

    def require(self, name, value, record, path):
        """`value` when it fits; else a SourceError naming the file, the record and the field."""
        if self.fits(name, value):
            return value
        if name in self.max_length:
            expected = f"at most {self.max_length[name]} characters, found {len(value):,}"
        else:
            low, high = self.range[name]
            kind = "a number" if isinstance(low, Decimal) else "a whole number"
            expected = f"{kind} from {low:,} to {high:,}, found {value}"
        raise SourceError(path, f"{self.model._meta.verbose_name} {name}: expected {expected}", record=record)

    def fit(self, obj, record, path, *, refuse=()):
        """`obj` (a model instance) made to fit: over-long text cut with a warning, or, for the fields
        named in `refuse` and for numbers out of range, a SourceError naming the record and the field."""
        for name, limit in self.max_length.items():
            value = getattr(obj, name)
            if isinstance(value, str) and len(value) > limit:
                if name in refuse:
                    self.require(name, value, record, path)
                setattr(obj, name, self.cut(name, value, record))
        for name in self.range:
            self.require(name, getattr(obj, name), record, path)
        return obj

    def url(self, name, value, record=""):
        """A URL from data: kept when safe_url allows it and it fits the field, else "" with a warning."""
        if not value:
            return ""
        kept = safe_url(value)
        if not kept:
            if self.report is not None:
                self.report.warn(record, f"{name} {value[:80]!r} is not an http, https, mailto or tg link; left out")
            return ""
        if not self.fits(name, kept):
            if self.report is not None:
                self.report.warn(record, f"{name} is longer than {self.max_length[name]} characters; left out")
            return ""
        return kept
