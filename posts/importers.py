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
import json
import queue
import threading
from pathlib import Path

from django.db import connections, router
from django.utils import timezone
from django.utils.text import slugify

from kb_site.importing import (
    CREATED,
    KEPT,
    SKIPPED,
    UNCHANGED,
    ImportReport,
    SourceError,
    check_source,
    decide,
    display_name,
    import_transaction,
    read_text_source,
)
from kb_site.models import Origin
from kb_site.text import checksum

from . import parsers
from .models import Channel, Hashtag, Link, Post, Reaction, ReactionKind

BATCH_SIZE = 1000
REACTION_KINDS = frozenset(ReactionKind.values)
# Field types whose Python value is what the database stores (create_posts passes them through as they are).
PLAIN_TYPES = frozenset(
    ("CharField", "TextField", "SlugField", "BooleanField", "IntegerField", "BigIntegerField", "PositiveIntegerField",
     "PositiveSmallIntegerField", "ForeignKey")
)  # fmt: skip
HEAD_BYTES = 65536

# What an import sets on a post; is_published and the admin's is_edited flag are not among them.
POST_FIELDS = (
    "position", "telegram_id", "date", "edited_date", "headline", "text", "text_html", "entities",
    "forwarded_from", "forwarded_from_handle", "has_media", "media_type", "preview_site", "preview_title",
    "preview_description", "total_reactions", "search_text", "origin", "source", "imported_at", "checksum", "is_edited",
)  # fmt: skip


def meta_path(path):
    """The metadata file beside a source: seeds/x.txt → seeds/x.meta.json."""
    path = Path(path)
    return path.with_name(path.name.split(".")[0] + ".meta.json")


def read_meta(path):
    """(parsers.Channel, slug) from the metadata file beside a source; (an empty Channel, "") without one."""
    meta_file = meta_path(path)
    if not meta_file.is_file():
        return parsers.Channel(), ""
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(meta_file, f"is not valid UTF-8 JSON ({exc})") from None
    channel = meta.get("channel") if isinstance(meta, dict) else None
    if not isinstance(channel, dict) or not isinstance(channel.get("name"), str) or not channel["name"].strip():
        raise SourceError(meta_file, 'expected {"channel": {"name": ..., "handle": ..., "link": ...}, ...}')
    return parsers.Channel(
        name=channel["name"].strip(),
        handle=(channel.get("handle") or "").lstrip("@"),
        link=channel.get("link") or "",
        telegram_id=channel.get("telegram_id"),
    ), (channel.get("slug") or "")


def import_file(path, *, fmt=None, channel_name=None, dry_run=False, overwrite=False, progress=None, details=True):
    """Import one source; returns an ImportReport. Raises SourceError (nothing saved) when the file is unusable."""
    head = check_source(path, HEAD_BYTES)
    fmt = fmt or parsers.detect_format(head)
    if fmt not in parsers.FORMATS:
        raise SourceError(path, f"unknown format {fmt!r}; expected one of {', '.join(parsers.FORMATS)}")
    channel, slug = read_meta(path)
    if channel_name:
        channel, slug = parsers.Channel(name=channel_name.strip()), ""
    name_given_here = bool(channel.name)  # by the metadata file or --channel, not by the source itself

    report = ImportReport(source=display_name(path), dry_run=dry_run)
    try:
        if fmt == parsers.SCRAPE:
            document = parsers.parse_scrape(read_text_source(path), channel=channel)
            if not channel.name:
                raise SourceError(
                    path,
                    f"a mirror scrape does not name its channel: pass --channel NAME or write "
                    f'{{"channel": {{"name": ...}}}} to {meta_path(path).name}',
                )
            _import_document(document, path, report, slug, overwrite, progress, details, dry_run, name_given_here)
        else:
            with Path(path).open("rb") as stream:
                document = parsers.read_export(stream, channel=channel if channel.name else None)
                if not document.channel.name:
                    raise SourceError(path, "the export does not name its channel: pass --channel NAME")
                _import_document(document, path, report, slug, overwrite, progress, details, dry_run, name_given_here)
    except parsers.ParseError as exc:
        raise SourceError(path, exc.problem, line=exc.line, record=exc.record) from None
    return report


def _import_document(document, path, report, slug, overwrite, progress, details, dry_run, name_given_here=False):
    with import_transaction(dry_run):
        channel = upsert_channel(document.channel, slug, name_is_descriptive=name_given_here)
        writer = BatchWriter(channel, report, source=display_name(path), overwrite=overwrite, details=details)
        posts = document.posts if isinstance(document.posts, list) else read_ahead(document.posts)
        for item in posts:
            if isinstance(item, parsers.Skipped):
                report.count(SKIPPED, f"{item.record}: {item.reason}" if details else "")
            else:
                writer.add(item)
            if progress:
                progress.tick()
        writer.flush()
        channel.fill_language()  # when blank: told from the posts just written
    if progress:
        progress.finish()


def read_ahead(items, size=2 * BATCH_SIZE):
    """Iterate `items` (a parser's generator) in a thread, up to `size` ahead of the consumer.

    An export's parsing is pure Python and takes about a fifth of an import; in a
    thread it runs while the database is busy writing the previous batch. The
    thread never touches the database. A ParseError (or any error) in the
    parser is raised here, in the importing thread, where it rolls the import back.
    """
    buffer = queue.Queue(maxsize=size)
    stop = threading.Event()
    done = object()

    def produce():
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        buffer.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put((done, None))
        except Exception as exc:  # handed to the consumer, which raises it
            buffer.put((done, exc))

    thread = threading.Thread(target=produce, name="posts-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            item, error = buffer.get()
            if error is not None:
                raise error
            if item is done:
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # unblock a producer waiting on a full buffer
            with contextlib.suppress(queue.Empty):
                buffer.get(timeout=0.1)
        thread.join()


def upsert_channel(found, slug="", *, name_is_descriptive=False):
    """The channel a source belongs to: by Telegram id when known, else by slug; blanks filled in, never overwritten.
    `name_is_descriptive`: the name was given here (metadata file, --channel), not by the source."""
    channel = None
    if found.telegram_id:
        channel = Channel.objects.filter(telegram_id=found.telegram_id).first()
    slug = slug or slugify(found.name.replace(".", " "), allow_unicode=True) or "channel"
    if channel is None:
        channel = Channel.objects.filter(slug=slug).first()
    if channel is None:
        return Channel.objects.create(
            name=found.name,
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
    record["reactions"] = [vars(reaction) for reaction in parsed.reactions]
    record["links"] = [vars(link) for link in parsed.links]
    record["preview"] = vars(parsed.preview) if parsed.preview else None
    return record


class BatchWriter:
    """Upserts parsed posts a batch at a time: a few queries per batch, whatever its size."""

    def __init__(self, channel, report, *, source, overwrite, details=True, batch_size=None):
        self.channel = channel
        self.report = report
        self.source = source
        self.overwrite = overwrite
        self.details = details
        self.batch_size = batch_size or BATCH_SIZE
        self.batch = []
        self.seen = set()
        self.now = timezone.now()

    def add(self, parsed):
        if parsed.key in self.seen:
            what = f"message id {parsed.telegram_id}" if parsed.telegram_id else "a post with the same opening words"
            raise parsers.ParseError(f"{what} appears twice; expected each post once", record=f"post {parsed.position}")
        self.seen.add(parsed.key)
        self.batch.append(parsed)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        existing = {
            post.key: post
            for post in Post.objects.filter(channel=self.channel, key__in=[p.key for p in batch]).only(
                "id", "key", "checksum", "is_edited", "origin"
            )
        }
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
        if updated:
            Post.objects.bulk_update([post for post, _ in updated], POST_FIELDS, batch_size=self.batch_size)
            ids = [post.pk for post, _ in updated]
            Reaction.objects.filter(post_id__in=ids).delete()
            Link.objects.filter(post_id__in=ids).delete()
            Post.hashtags.through.objects.filter(post_id__in=ids).delete()
        self.write_children(created + updated, tags)

    def create_posts(self, posts):
        """INSERT the new posts as plain rows, then read their ids back by key (one query).

        Post.objects.bulk_create does the same with about 100 µs of Python per row
        (every value through the query compiler); at 100k posts that alone is ten
        seconds. Only dates and JSON need the database's conversion here.
        """
        if not posts:
            return
        connection = connections[router.db_for_write(Post)]
        fields = [field for field in Post._meta.concrete_fields if not field.primary_key]
        converters = [(field.attname, None if field.get_internal_type() in PLAIN_TYPES else field) for field in fields]
        rows = [
            tuple(
                getattr(post, attname) if field is None else field.get_db_prep_save(getattr(post, attname), connection)
                for attname, field in converters
            )
            for post in posts
        ]
        insert_rows(Post, [field.name for field in fields], rows)
        ids = dict(Post.objects.filter(channel=self.channel, key__in=[p.key for p in posts]).values_list("key", "id"))
        for post in posts:
            post.pk = ids[post.key]
            post._state.adding = False
            post._state.db = connection.alias

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
        post.preview_site = preview.site[:200]
        post.preview_title = preview.title[:300]
        post.preview_description = preview.description
        post.total_reactions = sum(reaction.count for reaction in parsed.reactions)
        post.origin = Origin.IMPORTED
        post.source = self.source
        post.imported_at = self.now
        post.checksum = digest
        post.is_edited = False
        post.prepare(tag_slugs)

    def write_children(self, pairs, tags):
        """Reactions, links and tags of the posts just written: three multi-row INSERTs per batch.

        Rows go in as plain tuples rather than model instances: at 100k posts the
        half a million instances bulk_create would build cost more than the writes.
        """
        reactions, links, tagged = [], [], []
        for post, parsed in pairs:
            for position, reaction in enumerate(parsed.reactions, start=1):
                kind = reaction.kind if reaction.kind in REACTION_KINDS else ReactionKind.OTHER
                reactions.append((post.pk, position, kind, reaction.emoji, reaction.custom_id[:100], reaction.count))
            for position, link in enumerate(parsed.links, start=1):
                links.append((post.pk, position, link.url[:2000], link.domain[:255], link.label[:300]))
            for name in parsed.hashtags:
                tagged.append((post.pk, tags[parsers.tag_key(name)].pk))
        insert_rows(Reaction, ("post", "position", "kind", "emoji", "custom_id", "count"), reactions)
        insert_rows(Link, ("post", "position", "url", "domain", "label"), links)
        insert_rows(Post.hashtags.through, ("post", "hashtag"), tagged)


def insert_rows(model, fields, rows, batch_size=1000):
    """INSERT plain rows (tuples in `fields` order) into a model's table, batch_size rows per statement."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            # Table and column names come from the model's _meta, the values are parameters.
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {', '.join([row] * len(chunk))}"  # noqa: S608
            cursor.execute(sql, [value for values in chunk for value in values])
