"""Posts from a mirror scrape or a Telegram Desktop export into the database.

    import_file(path, fmt=None, channel_name=None, dry_run=False, overwrite=False, progress=None)

One transaction per file (a bad record anywhere rolls the whole file back);
upsert by natural key (channel, post key), so importing twice changes nothing;
posts edited in admin are kept unless `overwrite`; an import never changes
whether an existing post is published, and never deletes a post the source no
longer holds. Writes go a batch of 1,000 posts at a time (multi-row INSERTs
for new posts and their hashtags, reactions and links, bulk_update for changed
ones) while a reader thread parses ahead, so a 100k-message export imports in
bounded memory (about 130 MB) and well under a minute.

The channel: `channel_name` (the --channel option) wins; then a metadata file
beside the source (`<name>.meta.json`, see seeds/001_b340050decece26e.meta.json);
then, for an export, the name the export gives. A mirror scrape does not name
its channel, so without one of the first two it is refused. A channel already
in the database (found by Telegram id, else by slug) keeps its name; an import
only fills in what it lacks (handle, link, id).
"""

import contextlib
import queue
import threading
from pathlib import Path

from django.db import connections, router
from django.utils import timezone

from kb_site.importing import (
    CREATED,
    KEPT,
    SKIPPED,
    UNCHANGED,
    FieldLimits,
    ImportReport,
    SourceError,
    check_source,
    decide,
    display_name,
    import_transaction,
    read_json_side_file,
    read_text_source,
)
from kb_site.text import checksum, side_file, slugify

from . import parsers
from .models import Channel, Hashtag, Link, Post, Reaction, ReactionKind

BATCH_SIZE = 1000
# A batch is also written early once its posts weigh this much (about characters held: see post_weight),
# so that a file of maximal posts keeps the same bounded memory as a file of ordinary ones.
BATCH_WEIGHT = 4_000_000
REACTION_KINDS = frozenset(ReactionKind.values)
# Field types whose Python value is what the database stores (rows pass them through as they are).
PLAIN_TYPES = frozenset(
    ("CharField", "TextField", "SlugField", "BooleanField", "IntegerField", "BigIntegerField", "PositiveIntegerField",
     "PositiveSmallIntegerField", "ForeignKey")
)  # fmt: skip
HEAD_BYTES = 65536

# What an import sets on a post; is_published and the admin's is_edited flag are not among them.
# tests/posts/test_importer.py checks that this covers every field BatchWriter.fill sets, and that a
# field added to Post is either listed here or named there as one an import leaves alone.
POST_FIELDS = (
    "position", "telegram_id", "date", "edited_date", "headline", "text", "text_html", "body_html", "entities",
    "forwarded_from", "forwarded_from_handle", "has_media", "media_type", "preview_site", "preview_title",
    "preview_description", "total_reactions", "search_title", "search_text", "origin", "source", "imported_at",
    "checksum", "is_edited",
)  # fmt: skip


def read_meta(path, report):
    """(parsers.Channel, slug) from the metadata file beside a source; (an empty Channel, "") without one.

    Prose (the name) is cut to fit with a warning; a link that is not http, https, mailto or tg, or a
    handle that is not a Telegram handle, is left blank with a warning; a bad slug or id refuses the file.
    """
    meta_file = side_file(path, "meta.json")
    meta = read_json_side_file(meta_file, required=False)
    if meta is None:
        return parsers.Channel(), ""
    channel = meta.get("channel")
    if not isinstance(channel, dict) or not isinstance(channel.get("name"), str) or not channel["name"].strip():
        raise SourceError(meta_file, 'expected {"channel": {"name": ..., "handle": ..., "link": ...}, ...}')
    limits, record = FieldLimits(Channel, report), f"{meta_file.name}, channel"
    handle = str(channel.get("handle") or "").lstrip("@")
    if handle and not parsers.HANDLE_RE.fullmatch(f"@{handle}"):
        report.warn(record, f"handle {handle[:40]!r} is not a Telegram handle (letters, digits, _); left out")
        handle = ""
    return parsers.Channel(
        name=limits.cut("name", channel["name"].strip(), record),
        handle=handle,
        link=limits.url("link", str(channel.get("link") or ""), record),
        telegram_id=_meta_id(channel.get("telegram_id"), meta_file),
    ), _meta_slug(channel.get("slug"), meta_file, limits)


def _meta_id(value, meta_file):
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= parsers.MAX_ID:
        raise SourceError(
            meta_file, f"expected a positive whole number, found {value!r}"[:120], record="channel.telegram_id"
        )
    return value


def _meta_slug(value, meta_file, limits):
    slug = str(value or "")
    if slug and (slugify(slug, allow_unicode=True) != slug or not limits.fits("slug", slug)):
        raise SourceError(
            meta_file,
            f"expected a slug such as 2pr-io-founder (lower-case letters, digits and hyphens, at most "
            f"{limits.max_length['slug']} characters), found {slug[:60]!r}",
            record="channel.slug",
        )
    return slug


def import_file(path, *, fmt=None, channel_name=None, dry_run=False, overwrite=False, progress=None, details=True):
    """Import one source; returns an ImportReport. Raises SourceError (nothing saved) when the file is unusable."""
    head = check_source(path, HEAD_BYTES)
    fmt = fmt or parsers.detect_format(head)
    if fmt not in parsers.FORMATS:
        raise SourceError(path, f"unknown format {fmt!r}; expected one of {', '.join(parsers.FORMATS)}")
    report = ImportReport(source=display_name(path), dry_run=dry_run)
    channel, slug = read_meta(path, report)
    if channel_name:
        channel, slug = parsers.Channel(name=channel_name.strip()), ""
    options = {"report": report, "slug": slug, "overwrite": overwrite, "progress": progress, "details": details}
    options["name_given_here"] = bool(channel.name)  # by the metadata file or --channel, not by the source itself
    try:
        if fmt == parsers.SCRAPE:
            document = parsers.parse_scrape(read_text_source(path), channel=channel)
            if not channel.name:
                raise SourceError(
                    path,
                    f"a mirror scrape does not name its channel: pass --channel NAME or write "
                    f'{{"channel": {{"name": ...}}}} to {side_file(path, "meta.json").name}',
                )
            _import_document(document, path, dry_run=dry_run, **options)
        else:
            with Path(path).open("rb") as stream:
                document = parsers.read_export(stream, channel=channel if channel.name else None)
                if not document.channel.name:
                    raise SourceError(path, "the export does not name its channel: pass --channel NAME")
                _import_document(document, path, dry_run=dry_run, **options)
    except parsers.ParseError as exc:
        raise SourceError(path, exc.problem, line=exc.line, record=exc.record) from None
    return report


def _import_document(document, path, *, report, slug, overwrite, progress, details, dry_run, name_given_here=False):
    with import_transaction(dry_run, path=path, report=report):
        channel = upsert_channel(document.channel, slug, report, name_is_descriptive=name_given_here)
        writer = BatchWriter(channel, report, source=display_name(path), overwrite=overwrite, details=details)
        posts = document.posts if isinstance(document.posts, list) else read_ahead(document.posts)
        try:
            for item in posts:
                if isinstance(item, parsers.Skipped):
                    report.count(SKIPPED, f"{item.record}: {item.reason}" if details else "")
                else:
                    writer.add(item)
                if progress:
                    progress.tick()
            writer.flush()
        except parsers.ParseError as exc:  # a message late in an export: rolls back what was written
            raise SourceError(path, exc.problem, line=exc.line, record=exc.record) from None
        channel.fill_language()  # when blank: told from the posts just written
    if progress:
        progress.finish()


def post_weight(parsed):
    """Roughly how many characters a parsed post keeps in memory until it is written (text, HTML, entities)."""
    parts = len(parsed.entities) + len(parsed.links) + len(parsed.reactions) + len(parsed.hashtags)
    return 500 + 4 * len(parsed.text) + 200 * parts


def read_ahead(items, chunk_size=None, chunk_weight=None):
    """Iterate `items` (a parser's generator) in a thread, a chunk or two ahead of the consumer.

    An export's parsing is pure Python and takes about a fifth of an import; in a
    thread it runs while the database is busy writing the previous batch. It hands
    over chunks of up to `chunk_size` items or `chunk_weight` (post_weight), at most
    two waiting, so what is read ahead stays bounded in memory whatever the posts hold.
    The thread never touches the database. A ParseError (or any error) in the
    parser is raised here, in the importing thread, where it rolls the import back.
    """
    chunk_size = chunk_size or BATCH_SIZE
    chunk_weight = chunk_weight or BATCH_WEIGHT // 2
    buffer = queue.Queue(maxsize=2)
    stop = threading.Event()
    done = object()

    def put(item):
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce():
        try:
            chunk, weight = [], 0
            for item in items:
                chunk.append(item)
                weight += post_weight(item) if isinstance(item, parsers.Post) else 100
                if len(chunk) >= chunk_size or weight >= chunk_weight:
                    if not put((chunk, None)):
                        return
                    chunk, weight = [], 0
            put((chunk, None))
            put((done, None))
        except Exception as exc:  # handed to the consumer, which raises it
            put((done, exc))

    thread = threading.Thread(target=produce, name="posts-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            chunk, error = buffer.get()
            if error is not None:
                raise error
            if chunk is done:
                return
            yield from chunk
    finally:
        stop.set()
        while thread.is_alive():  # unblock a producer waiting on a full buffer
            with contextlib.suppress(queue.Empty):
                buffer.get(timeout=0.1)
        thread.join()


def upsert_channel(found, slug="", report=None, *, name_is_descriptive=False):
    """The channel a source belongs to: by Telegram id when known, else by slug; blanks filled in, never overwritten.
    `name_is_descriptive`: the name was given here (metadata file, --channel), not by the source."""
    limits = FieldLimits(Channel, report)
    name = limits.cut("name", found.name, "the channel")
    channel = None
    if found.telegram_id:
        channel = Channel.objects.filter(telegram_id=found.telegram_id).first()
    slug = slug or slugify(name, allow_unicode=True, max_length=limits.max_length["slug"]) or "channel"
    if channel is None:
        channel = Channel.objects.filter(slug=slug).first()
    if channel is None:
        return Channel.objects.create(
            name=name,
            slug=slug,
            handle=found.handle,
            link=found.link,
            telegram_id=found.telegram_id,
            name_is_descriptive=name_is_descriptive,
        )
    changed = False
    for field in ("handle", "link", "telegram_id"):
        if getattr(found, field) and not getattr(channel, field):
            setattr(channel, field, getattr(found, field))
            changed = True
    if changed:
        channel.save()
    return channel


def as_record(parsed):
    """A parsed post as plain data, like dataclasses.asdict but without its deep copies (a hot path)."""
    record = vars(parsed).copy()
    del record["warnings"]  # what the parser said about the source, not content: checksums stay as they were
    record["reactions"] = [vars(reaction) for reaction in parsed.reactions]
    record["links"] = [vars(link) for link in parsed.links]
    record["preview"] = vars(parsed.preview) if parsed.preview else None
    return record


def record_name(parsed):
    """How messages name a post: "message 12 (id 345)" in an export, "post 3" in a scrape."""
    if parsed.telegram_id:
        return f"message {parsed.position} (id {parsed.telegram_id})"
    return f"post {parsed.position}"


class PostFitter:
    """Makes a parsed post fit the models' fields (read from them), the same on every database.

    Cut with a warning: the prose (headline, forwarded-from name, media type, preview site and
    title, a link's label). Left out with a warning: a hashtag longer than a tag can be (it stays
    in the text, unlinked) and a link longer than a link can be (likewise). Refused, naming the
    message and the field: a reaction's emoji, custom emoji id or count, and the reactions total,
    which a cut would turn into another value. A hot path: plain comparisons first, FieldLimits
    only for what does not fit.
    """

    PROSE = ("headline", "forwarded_from", "media_type")
    PREVIEW = (("site", "preview_site"), ("title", "preview_title"))

    def __init__(self, report, source):
        self.report = report
        self.source = source
        self.post = FieldLimits(Post, report)
        self.reaction = FieldLimits(Reaction, report)
        self.link = FieldLimits(Link, report)
        self.tag = FieldLimits(Hashtag, report)
        self.max_count = self.reaction.range["count"][1]
        self.max_total = self.post.range["total_reactions"][1]

    def fit(self, parsed):
        record = record_name(parsed)
        for warning in parsed.warnings:
            self.report.warn(record, warning)
        for name in self.PROSE:
            value = getattr(parsed, name)
            if len(value) > self.post.max_length[name]:
                setattr(parsed, name, self.post.cut(name, value, record))
        if parsed.preview:
            for attribute, name in self.PREVIEW:
                value = getattr(parsed.preview, attribute)
                if len(value) > self.post.max_length[name]:
                    setattr(parsed.preview, attribute, self.post.cut(name, value, record))
        parsed.hashtags = [name for name in parsed.hashtags if self._tag_fits(name, record)]
        parsed.links = [link for link in parsed.links if self._link_fits(link, record)]
        self._check_reactions(parsed.reactions, record)
        return parsed

    def _check_reactions(self, reactions, record):
        total = 0
        for reaction in reactions:
            if reaction.emoji and len(reaction.emoji) > self.reaction.max_length["emoji"]:
                self.reaction.require("emoji", reaction.emoji, record, self.source)
            if len(reaction.custom_id) > self.reaction.max_length["custom_id"]:
                self.reaction.require("custom_id", reaction.custom_id, record, self.source)
            if reaction.count > self.max_count:
                self.reaction.require("count", reaction.count, record, self.source)
            total += reaction.count
        if total > self.max_total:
            self.post.require("total_reactions", total, record, self.source)

    def _tag_fits(self, name, record):
        if self.tag.fits("name", name) and self.tag.fits("key", parsers.tag_key(name)):
            return True
        self.report.warn(
            record, f"hashtag #{name[:40]}… is longer than {self.tag.max_length['name']} characters; not a tag"
        )
        return False

    def _link_fits(self, link, record):
        if self.link.fits("url", link.url) and self.link.fits("domain", link.domain):
            link.label = self.link.cut("label", link.label, record)
            return True
        self.report.warn(record, f"link {link.url[:60]}… is longer than a link can be; kept as text")
        return False


class BatchWriter:
    """Upserts parsed posts a batch at a time: a few queries per batch, whatever its size."""

    def __init__(self, channel, report, *, source, overwrite, details=True, batch_size=None):
        self.channel = channel
        self.report = report
        self.source = source
        self.overwrite = overwrite
        self.details = details
        self.batch_size = batch_size or BATCH_SIZE
        self.fitter = PostFitter(report, source)
        self.batch = []
        self.weight = 0
        self.seen = set()
        self.now = timezone.now()
        # A channel without posts yet needs no lookups: every post is new (duplicates are caught by `seen`).
        self.is_new_channel = not Post.objects.filter(channel=channel).exists()
        if not self.is_new_channel:
            for model in (Post, *Children.FIELDS):
                refresh_statistics(model)

    def add(self, parsed):
        if parsed.key in self.seen:
            what = f"message id {parsed.telegram_id}" if parsed.telegram_id else "a post with the same opening words"
            raise parsers.ParseError(f"{what} appears twice; expected each post once", record=f"post {parsed.position}")
        self.seen.add(parsed.key)
        self.batch.append(self.fitter.fit(parsed))
        self.weight += post_weight(parsed)
        if len(self.batch) >= self.batch_size or self.weight >= BATCH_WEIGHT:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        batch, self.batch, self.weight = self.batch, [], 0
        self.report.record = f"the batch from {record_name(batch[0])} to {record_name(batch[-1])}"
        existing = {} if self.is_new_channel else self.existing(batch)
        tags = Hashtag.objects.for_names(name for parsed in batch for name in parsed.hashtags)
        tag_slugs = {key: tag.slug for key, tag in tags.items()}
        created, updated = [], []
        for parsed in batch:
            digest = checksum(as_record(parsed))
            post = existing.get(parsed.key)
            action = decide(post, digest, self.overwrite)
            self.report.count(action, parsed.headline[:80] if self.details else "")
            if action in (UNCHANGED, KEPT):
                continue
            if post is None:
                post = Post(channel=self.channel, key=parsed.key)
            self.fill(post, parsed, digest, tag_slugs)
            (created if action == CREATED else updated).append((post, parsed))
        self.create_posts([post for post, _ in created])
        self.update_posts([post for post, _ in updated])
        children = Children(tags)
        children.insert(created)
        children.sync(updated)

    def existing(self, batch):
        """The batch's posts already in the channel, by key (one query on the (channel, key) index)."""
        keys = [parsed.key for parsed in batch]
        found = Post.objects.filter(channel=self.channel, key__in=keys).order_by()
        return {post.key: post for post in found.only("id", "key", "checksum", "is_edited", "origin")}

    def create_posts(self, posts):
        """INSERT the new posts as plain rows, then read their ids back by key (one query).

        Post.objects.bulk_create does the same with about 100 µs of Python per row
        (every value through the query compiler); at 100k posts that alone is ten
        seconds. Only dates and JSON need the database's conversion here.
        """
        if not posts:
            return
        connection = connections[router.db_for_write(Post)]
        fields = [field.name for field in Post._meta.concrete_fields if not field.primary_key]
        insert_rows(Post, fields, db_rows(Post, fields, posts, connection))
        ids = dict(Post.objects.filter(channel=self.channel, key__in=[p.key for p in posts]).values_list("key", "id"))
        for post in posts:
            post.pk = ids[post.key]
            post._state.adding = False
            post._state.db = connection.alias

    def update_posts(self, posts):
        """Write the changed posts: update_rows, one UPDATE per batch."""
        if posts:
            connection = connections[router.db_for_write(Post)]
            update_rows(Post, POST_FIELDS, db_rows(Post, ("id", *POST_FIELDS), posts, connection))

    def fill(self, post, parsed, digest, tag_slugs):
        preview = parsed.preview or parsers.Preview()
        post.position = parsed.position
        post.telegram_id = parsed.telegram_id
        post.date = parsed.date
        post.edited_date = parsed.edited_date
        post.headline = parsed.headline
        post.text = parsed.text
        post.entities = parsed.entities
        post.forwarded_from = parsed.forwarded_from
        post.forwarded_from_handle = parsed.forwarded_from_handle
        post.has_media = parsed.has_media
        post.media_type = parsed.media_type
        post.preview_site = preview.site
        post.preview_title = preview.title
        post.preview_description = preview.description
        post.total_reactions = sum(reaction.count for reaction in parsed.reactions)
        post.mark_imported(self.source, self.now, digest)
        post.prepare(tag_slugs)


class Children:
    """The reactions, links and tags of a batch's posts, written as plain rows (tuples in FIELDS order).

    At 100k posts the half a million model instances bulk_create would build cost more than the
    writes. New posts get multi-row INSERTs; changed posts keep the rows that are the same,
    reaction counts are updated in place, and only a post whose rows differ has them replaced
    (a re-import where every message was edited mostly changes counts, not tags or links).
    Values were made to fit by PostFitter.
    """

    FIELDS = {
        Reaction: ("post", "position", "kind", "emoji", "custom_id", "count"),
        Link: ("post", "position", "url", "domain", "label"),
        Post.hashtags.through: ("post", "hashtag"),
    }

    def __init__(self, tags):
        self.tags = tags

    def rows(self, pairs):
        """{model: {post id: [row, ...]}} for these (post, parsed) pairs."""
        rows = {model: {} for model in self.FIELDS}
        for post, parsed in pairs:
            rows[Reaction][post.pk] = [
                (post.pk, n, r.kind if r.kind in REACTION_KINDS else ReactionKind.OTHER, r.emoji, r.custom_id, r.count)
                for n, r in enumerate(parsed.reactions, start=1)
            ]
            rows[Link][post.pk] = [
                (post.pk, n, link.url, link.domain, link.label) for n, link in enumerate(parsed.links, start=1)
            ]
            rows[Post.hashtags.through][post.pk] = [
                (post.pk, self.tags[parsers.tag_key(name)].pk) for name in parsed.hashtags
            ]
        return rows

    def insert(self, pairs):
        for model, by_post in self.rows(pairs).items():
            insert_rows(model, self.FIELDS[model], [row for rows in by_post.values() for row in rows])

    def sync(self, pairs):
        if not pairs:
            return
        wanted = self.rows(pairs)
        ids = list(wanted[Reaction])
        for model, fields in self.FIELDS.items():
            found = {}
            for row in model.objects.filter(post_id__in=ids).order_by("pk").values_list("pk", *fields):
                found.setdefault(row[1], []).append(row)
            if model is Reaction:
                self.update_counts(found, wanted[model])
            replaced = [pid for pid in ids if [row[1:] for row in found.get(pid, [])] != wanted[model][pid]]
            if replaced:
                model.objects.filter(post_id__in=replaced).delete()
                insert_rows(model, fields, [row for pid in replaced for row in wanted[model][pid]])

    @staticmethod
    def update_counts(found, wanted):
        """Reactions that differ only in their counts: counts updated in place, and marked as the same."""
        changes = []
        for pid, rows in found.items():
            new = wanted.get(pid, [])
            if len(rows) == len(new) and all(old[1:-1] == row[:-1] for old, row in zip(rows, new, strict=True)):
                changes += [(old[0], row[-1]) for old, row in zip(rows, new, strict=True) if old[-1] != row[-1]]
                found[pid] = [(old[0], *row) for old, row in zip(rows, new, strict=True)]
        update_rows(Reaction, ("count",), changes, batch_size=10_000)  # small rows: fewer statements


def refresh_statistics(model):
    """Let PostgreSQL's planner know the table as it is now, when its statistics are stale (ANALYZE).

    Right after a large import PostgreSQL has no statistics for the new rows until autovacuum
    runs; meanwhile it looks a batch's keys up by scanning every post of the channel (250 ms a
    batch at 100k posts, instead of 10 ms), and its reactions by scanning them all (200 ms).
    ANALYZE takes a second or two at 100k posts, so it runs only when a fifth of the table
    changed since the last one. SQLite's planner needs no statistics for these lookups.
    """
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_mod_since_analyze, n_live_tup, COALESCE(last_analyze, last_autoanalyze) IS NULL "
            "FROM pg_stat_user_tables WHERE relid = %s::regclass",
            [table],
        )
        found = cursor.fetchone()
        if found is None or found[2] or found[0] > found[1] // 5 + 1000:
            cursor.execute(f"ANALYZE {table}")


def db_rows(model, fields, instances, connection):
    """The instances' values of `fields` as the database stores them, a tuple per instance.

    Only dates and JSON go through the field's conversion (get_db_prep_save); the other
    types' Python values are what the database stores, and are passed as they are.
    """
    converters = []
    for name in fields:
        field = model._meta.get_field(name)
        converters.append((field.attname, None if field.get_internal_type() in PLAIN_TYPES else field))
    return [
        tuple(
            getattr(obj, attname) if field is None else field.get_db_prep_save(getattr(obj, attname), connection)
            for attname, field in converters
        )
        for obj in instances
    ]


def insert_rows(model, fields, rows, batch_size=1000, *, table=None):
    """INSERT plain rows (tuples in `fields` order) into a model's table, batch_size rows per statement."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    table = quote(table or model._meta.db_table)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            # Table and column names come from the model's _meta, the values are parameters.
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(chunk))}"  # noqa: S608
            cursor.execute(sql, [value for values in chunk for value in values])


def update_rows(model, fields, rows, batch_size=1000):
    """UPDATE many rows, each to its own values: rows are (pk, *values of `fields`) as db_rows gives them.

    bulk_update writes one CASE WHEN pk = … per field with a branch per row, which the
    database evaluates row by row: quadratic, 211 s for 45,142 posts on SQLite. Here one
    UPDATE … FROM (VALUES …) per batch_size rows joins the new values by primary key
    (SQLite 3.33+ and PostgreSQL alike; PostgreSQL reads the VALUES as text, so each is
    cast to its column's type).

    The statement also bounds the primary key by the chunk's lowest and highest: without it
    PostgreSQL joins 2,000 reaction counts by hashing them and reading every reaction of the
    table (200k rows, 60-90 ms a batch at 100k posts, 40% of that UPDATE); with it, it reads
    the chunk's range of the primary key index. A batch's rows were inserted together, so the
    range is narrow; when it is not, the plan is the one without the bound.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    targets = [model._meta.get_field(name) for name in fields]

    def value(number, field):
        column = f"new.column{number}"
        return f"CAST({column} AS {field.db_type(connection)})" if connection.vendor == "postgresql" else column

    # Names and types come from the model's _meta, the values are parameters.
    assignments = ", ".join(f"{quote(field.column)} = {value(n, field)}" for n, field in enumerate(targets, start=2))
    row = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            values = ", ".join([row] * len(chunk))
            sql = (
                f"UPDATE {table} SET {assignments} FROM (VALUES {values}) AS new "  # noqa: S608
                f"WHERE {table}.{pk} = new.column1 AND {table}.{pk} BETWEEN %s AND %s"
            )
            keys = [values[0] for values in chunk]
            cursor.execute(sql, [item for values in chunk for item in values] + [min(keys), max(keys)])
