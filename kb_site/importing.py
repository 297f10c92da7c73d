"""What every importer shares: reading a source file safely, one transaction,
dry runs, the upsert decision that keeps curated entries, and the report.

An app's `importers.py` does:

    def import_file(path, *, dry_run=False, overwrite=False, progress=None):
        text = read_text_source(path)                   # SourceError on bad input
        parsed = parsers.parse(text, source=path)       # SourceError on wrong format
        report = ImportReport(source=display_name(path), dry_run=dry_run)
        with import_transaction(dry_run):
            for item in parsed:
                existing = Model.objects.filter(natural key).first()
                action = decide(existing, checksum(item), overwrite)
                ...create / update / leave alone...
                report.count(action, label)
        return report

and its management command subclasses `kb_site.commands.ImportCommand`.
"""

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

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


def read_text_source(path):
    """The file as text (UTF-8, optional BOM), or a SourceError saying why not.

    Empty, binary (NUL or control bytes) and wrongly encoded files are refused
    with the line where the trouble starts.
    """
    check_source(path)
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


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

    def count(self, action, label=""):
        self.counts[action] += 1
        if label:
            self.details.append(f"{action}: {label}")

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
        return f"{self.source}: {prefix}{parts}."


class _DryRunRollback(Exception):
    pass


@contextmanager
def import_transaction(dry_run=False):
    """One transaction for the whole file; rolled back at the end of a dry run.

    Any exception inside rolls everything back, so a file is imported whole or not at all.
    Cached fragments of every collection are invalidated with it (a rolled-back
    import, or a dry run, leaves the versions as they were).
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
