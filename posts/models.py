"""A founder's Telegram channel: its posts, their hashtags, reactions and links.

Natural keys (what fixtures and re-imports find rows by):
  Channel  (slug,)
  Hashtag  (key,) — the folded name, so #GenAI and #genai are one tag in every alphabet
  Post     (channel slug, key) — key is "msg-<Telegram message id>" for a Telegram export and
           "text-<hash of the post's first 160 letters and digits>" for a mirror scrape, so a
           post is found again when a re-scrape shifts positions or its reactions change
  Reaction (channel slug, post key, position); Link likewise
"""

import uuid

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, F, Max, Q, Sum
from django.utils.functional import cached_property

from kb_site.models import Provenance, Publishable, PublishedQuerySet
from kb_site.paths import entry_url
from kb_site.search.indexing import Searchable, SearchableQuerySet
from kb_site.text import claim_slug, fold, slugify

from . import parsers
from .language import detect_language
from .rendering import body_under_headline, emoji_name, render_post_html

EXCERPT_LENGTH = 280
PUBLISHED = Q(is_published=True)
FORWARDED = ~Q(forwarded_from="")
# How lists, tag pages and feeds order posts: newest first where the source gives dates, then the
# posts without a date in the source's order. Served by the index posts_post_newest_first (migration
# 0004: "date DESC" on SQLite, where NULLs sort last descending anyway; "date DESC NULLS LAST" on PostgreSQL).
NEWEST_FIRST = (F("date").desc(nulls_last=True), "channel_id", "position", "id")
LANGUAGE_SAMPLE = 50  # posts read to tell a channel's language


class ChannelManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Channel(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    handle = models.CharField(max_length=64, blank=True, help_text="The channel's @handle without the @, when known.")
    link = models.URLField(blank=True, help_text="The channel's address on Telegram, when known.")
    telegram_id = models.BigIntegerField(
        null=True, blank=True, unique=True, help_text="The channel's id in a Telegram export."
    )
    name_is_descriptive = models.BooleanField(
        "name given here",
        default=False,
        help_text="The name is a description given here, not the channel's own title "
        "(a mirror scrape never names its channel; see the seed's .meta.json).",
    )
    language = models.CharField(
        max_length=16,
        blank=True,
        help_text="The language its posts are written in (a BCP 47 tag such as ru): pages and feeds declare it. "
        "Left blank, the next import detects it from the posts' text.",
    )

    objects = ChannelManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def telegram_url(self):
        if self.link:
            return self.link
        return f"https://t.me/{self.handle}" if self.handle else ""

    def fill_language(self):
        """Detect the language from the channel's posts when nobody has set it (an import calls this). One query."""
        if self.language:
            return
        texts = self.posts.order_by("position").values_list("text", flat=True)[:LANGUAGE_SAMPLE]
        self.language = detect_language(texts)
        if self.language:
            Channel.objects.filter(pk=self.pk).update(language=self.language)


def hashtag_slug(key):
    """A URL slug that keeps Cyrillic: #2pr.io → 2pr-io, #Product_Hunt → product_hunt."""
    return slugify(key, allow_unicode=True) or "tag"


class HashtagQuerySet(models.QuerySet):
    def with_post_counts(self):
        """Each tag with its number of published posts; tags without one left out. One query."""
        return self.annotate(post_count=Count("posts", filter=Q(posts__is_published=True))).filter(post_count__gt=0)

    def find(self, value):
        """The tag with published posts a URL names: by slug, or by name in any case (with or without #); or None.

        An EXISTS, not a count: a tag of 40k posts is found in a millisecond (its count, on the tag's page,
        comes from the cached tag index)."""
        key = parsers.tag_key(value)
        published = Post.hashtags.through.objects.filter(hashtag_id=models.OuterRef("pk"), post__is_published=True)
        tags = self.filter(models.Exists(published))
        return tags.filter(slug=key).first() or tags.filter(key=key).first()


class HashtagManager(models.Manager.from_queryset(HashtagQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)

    def for_names(self, names):
        """key → Hashtag for these names, creating the missing ones (first spelling wins).

        Three queries, and one more per slug another tag already has."""
        wanted = {}
        for name in names:
            wanted.setdefault(parsers.tag_key(name), name.lstrip("#"))
        found = {tag.key: tag for tag in self.filter(key__in=wanted)}
        missing = [key for key in wanted if key not in found]
        if missing:
            candidates = {key: hashtag_slug(key) for key in missing}
            taken = set(self.filter(slug__in=candidates.values()).values_list("slug", flat=True))
            for slug in set(taken):  # a slug taken by another tag: its numbered forms may be taken too (rare)
                taken.update(self.filter(slug__startswith=f"{slug}-").values_list("slug", flat=True))
            new = [Hashtag(name=wanted[key], key=key, slug=claim_slug(candidates[key], taken)) for key in missing]
            for tag in self.bulk_create(new):
                found[tag.key] = tag
        return found


class Hashtag(models.Model):
    name = models.CharField(max_length=100, help_text="As first written, without #.")
    key = models.CharField(max_length=100, unique=True, editable=False, help_text="The name folded: one tag per word.")
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)

    objects = HashtagManager()

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return f"#{self.name}"

    def save(self, *args, **kwargs):
        self.name = self.name.lstrip("#")
        self.key = parsers.tag_key(self.name)
        if not self.slug:
            self.slug = hashtag_slug(self.key)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return entry_url("posts:tag", self.slug)

    def natural_key(self):
        return (self.key,)

    def clean(self):
        self.name = (self.name or "").strip().lstrip("#")
        if not parsers.is_hashtag(self.name) or parsers.HASHTAG_RE.fullmatch(f"#{self.name}") is None:
            raise ValidationError({"name": "A hashtag is letters, digits, underscores and inner dots, with a letter."})
        key = parsers.tag_key(self.name)
        if Hashtag.objects.filter(key=key).exclude(pk=self.pk).exists():
            raise ValidationError({"name": f"#{self.name} already exists (tags ignore case)."})


class PostQuerySet(SearchableQuerySet, PublishedQuerySet):
    def for_list(self):
        """Cards, JSON and CSV: channel, tags and reactions prefetched, rendered HTML left behind.

        The channel is prefetched (one small query) rather than joined: a join lets SQLite's
        planner start from the channels and sort every post, 165 ms at 100k posts instead of 0.3.
        """
        return self.prefetch_related("channel", "hashtags", "reactions").defer(
            "text_html", "search_title", "search_text", "search_vector", "entities", "checksum"
        )

    def for_cards(self):
        """for_list for a page's rows found by their ids (kb_site.listing's ordered page): no order to plan
        from there, so the channel is joined, one query fewer."""
        cards = self.for_list().prefetch_related(None).select_related("channel")
        return cards.prefetch_related("hashtags", "reactions")

    def for_detail(self):
        return (
            self.select_related("channel")
            .prefetch_related("hashtags", "reactions", "links")
            .defer("search_title", "search_text", "search_vector")
        )

    def for_feed(self):
        return (
            self.select_related("channel")
            .prefetch_related("hashtags")
            .defer("text_html", "entities", "search_title", "search_text", "search_vector")
        )

    def tagged(self, tags):
        """Posts having one of `tags` (a Hashtag queryset or list of ids), as an EXISTS: the database walks
        the list's order index and stops after a page, instead of sorting every post of a common tag
        (at 100k posts on SQLite, 12 ms instead of 560 ms for a join)."""
        through = Post.hashtags.through.objects.filter(post_id=models.OuterRef("pk"), hashtag_id__in=tags)
        return self.filter(models.Exists(through))

    def newest_first(self):
        """The default order: dated posts newest first, then the rest in the source's order."""
        return self.order_by(*NEWEST_FIRST)

    def in_source_order(self):
        return self.order_by("channel_id", "position", "id")

    def by_reactions(self):
        return self.order_by("-total_reactions", "channel_id", "position", "id")


class PostManager(models.Manager.from_queryset(PostQuerySet)):
    def get_by_natural_key(self, channel_slug, key):
        return self.get(channel__slug=channel_slug, key=key)


class Post(Searchable, Publishable, Provenance):
    # No index of its own: posts_post_unique_key (channel, key) starts with it and serves the same lookups.
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="posts", db_index=False)
    key = models.CharField(
        max_length=64,
        editable=False,
        help_text="Finds the post again on re-import: msg-<id> (export), text-<hash> (scrape), admin-… (added here).",
    )
    position = models.PositiveIntegerField(
        blank=True, help_text="Its place in its source (1 = first); left blank, the next after the channel's last."
    )
    telegram_id = models.BigIntegerField("Telegram message id", null=True, blank=True)
    date = models.DateTimeField(null=True, blank=True, help_text="When it was posted, when the source says.")
    edited_date = models.DateTimeField(null=True, blank=True, help_text="When it was last edited on Telegram.")
    headline = models.CharField(
        max_length=255, blank=True, help_text="The first line with words; left blank, it is taken from the text."
    )
    text = models.TextField(blank=True, help_text="The post's text, once, as written.")
    text_html = models.TextField(blank=True, editable=False)
    body_html = models.TextField(
        blank=True, editable=False, help_text="The text under its headline, as HTML: the post's page shows this."
    )
    entities = models.JSONField(default=list, blank=True, editable=False)
    hashtags = models.ManyToManyField(Hashtag, blank=True, related_name="posts")
    forwarded_from = models.CharField(max_length=200, blank=True, help_text="The channel it was forwarded from.")
    forwarded_from_handle = models.CharField(
        max_length=64, blank=True, help_text="The @handle a forwarded post signs off with, without the @."
    )
    has_media = models.BooleanField(default=False, help_text="It had a photo, video or file (not kept here).")
    media_type = models.CharField(max_length=40, blank=True)
    preview_site = models.CharField("link preview site", max_length=200, blank=True)
    preview_title = models.CharField("link preview title", max_length=300, blank=True)
    preview_description = models.TextField("link preview description", blank=True)
    total_reactions = models.PositiveIntegerField(default=0, editable=False)
    # Search (kb_site.search): the stemmed terms of the headline and of the rest (search_document),
    # which the database indexes: SQLite's FTS5 table posts_post_fts, PostgreSQL's search_vector
    # (GIN index posts_post_search_gin), both kept by triggers (migration 0004).
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_sources = ("headline", "text", "forwarded_from", "preview_site", "preview_title", "preview_description")

    objects = PostManager()

    class Meta:
        ordering = NEWEST_FIRST
        constraints = [models.UniqueConstraint(fields=["channel", "key"], name="posts_post_unique_key")]
        indexes = [
            # Partial indexes over published posts: every public query filters on is_published, which
            # Django writes as a bare "WHERE is_published" that only a partial index can serve; they
            # also answer COUNT(*) without reading the (wide) rows.
            # ?sort=source (ORDER BY channel_id, position, id), previous/next on a post page, and the
            # list's count. With the id in it, a deep page's ids come from the index alone (PostgreSQL: an
            # index-only scan). The default order (NEWEST_FIRST) has an index of its own: posts_post_newest_first,
            # created per database by migration 0004 (an index cannot say NULLS LAST on SQLite).
            models.Index(fields=["channel", "position", "id"], condition=PUBLISHED, name="posts_post_source_order"),
            # ?sort=reactions (ORDER BY total_reactions DESC, ...) and ?min_reactions=N. With is_published,
            # forwarded_from and the id in it, it also answers the lists' counts and ids (kb_site.postings)
            # without reading the wide rows: SQLite takes a partial index for a full scan only when it
            # holds every column the query names (110 ms to 2 ms for COUNT(*) of 100k published posts), and
            # PostgreSQL scans it index-only only when it holds the id (the ids of ?min_reactions=20 or
            # ?forwarded=true: 150 ms to ~15 ms at 100k posts, a sequential scan of the heap before).
            models.Index(
                fields=["total_reactions", "is_published", "forwarded_from", "id"],
                condition=PUBLISHED,
                name="posts_post_by_reactions",
            ),
            # The unpublished posts, few: subtracted from whole-table facet and tag counts (posts.facets).
            models.Index(fields=["id"], condition=~PUBLISHED, name="posts_post_unpublished"),
        ]

    def __str__(self):
        return self.headline or f"Post {self.pk}"

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = f"admin-{uuid.uuid4().hex[:12]}"
        if self.position is None:
            last = Post.objects.filter(channel_id=self.channel_id).aggregate(last=Max("position"))["last"]
            self.position = (last or 0) + 1
        self.prepare()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return entry_url("posts:detail", self.pk)

    def natural_key(self):
        return (*self.channel.natural_key(), self.key)

    def key_terms(self):
        """The "Across the knowledge base" panel's terms (kb_site.across): the headline's words, each hashtag."""
        return {"words": [self.headline], "phrases": [f"#{tag.name}" for tag in self.hashtags.all()]}

    natural_key.dependencies = ["posts.channel"]

    @property
    def has_preview(self):
        return bool(self.preview_site or self.preview_title or self.preview_description)

    @property
    def media_label(self):
        """What kind of media it had, in words ("video file"); empty when the source does not say."""
        return "" if self.media_type in ("", "media") else self.media_type.replace("_", " ")

    @cached_property
    def excerpt(self):
        """The text under the headline, cut at a word near EXCERPT_LENGTH characters."""
        body, _ = body_under_headline(self.text, self.headline)
        body = " ".join(body.split())
        if len(body) <= EXCERPT_LENGTH:
            return body
        cut = body[:EXCERPT_LENGTH]
        return (cut[: cut.rindex(" ")] if " " in cut else cut).rstrip(" ,;:-—") + "…"

    @property
    def telegram_url(self):
        """The post on Telegram, when the channel's handle and the message id are known."""
        if self.channel.handle and self.telegram_id:
            return f"https://t.me/{self.channel.handle}/{self.telegram_id}"
        return ""

    def tags_in_text_order(self):
        """The post's hashtags (prefetched) in the order the text names them; tags it does not name last."""
        folded = fold(self.text)

        def place(tag):
            found = folded.find(f"#{tag.key}")
            return (found if found >= 0 else len(folded), tag.key)

        return sorted(self.hashtags.all(), key=place)

    def search_document(self):
        body = (self.text, self.forwarded_from, self.preview_site, self.preview_title, self.preview_description)
        return (self.headline,), body

    def prepare(self, tag_slugs=None):
        """Fill what is derived from the text: headline when blank, HTML and the search columns.

        `tag_slugs` (tag key → slug) says which hashtags link to tag pages; None looks them up (one query).
        """
        if tag_slugs is None:
            keys = [parsers.tag_key(name) for name in parsers.find_hashtags(self.text)]
            keys += [parsers.tag_key(e["text"]) for e in self.entities or [] if e.get("type") == "hashtag"]
            tag_slugs = dict(Hashtag.objects.filter(key__in=keys).values_list("key", "slug")) if keys else {}
        if not self.headline:
            self.headline = parsers.make_headline(self.text, fallback="Untitled post")
        self.text_html = render_post_html(self.text, self.entities, tag_slugs)
        self.body_html = render_post_html(*body_under_headline(self.text, self.headline, self.entities), tag_slugs)
        self.refresh_search_columns()

    def refresh_total_reactions(self):
        """Keep total_reactions in step with the Reaction rows (after edits outside the importer)."""
        self.total_reactions = self.reactions.aggregate(total=Sum("count"))["total"] or 0
        Post.objects.filter(pk=self.pk).update(total_reactions=self.total_reactions)


class ReactionKind(models.TextChoices):
    EMOJI = "emoji", "Emoji"
    CUSTOM_EMOJI = "custom_emoji", "Custom emoji"
    PAID = "paid", "Paid (Telegram Stars)"
    OTHER = "other", "Other"


class ChildManager(models.Manager):
    """Rows that belong to a post, found by (channel slug, post key, position)."""

    def get_by_natural_key(self, channel_slug, post_key, position):
        return self.get(post__channel__slug=channel_slug, post__key=post_key, position=position)


class Reaction(models.Model):
    # No index of its own: posts_reaction_unique_position (post, position) starts with it (prefetching reactions).
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions", db_index=False)
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=16, choices=ReactionKind.choices, default=ReactionKind.EMOJI)
    emoji = models.CharField(
        max_length=32, null=True, blank=True, help_text="Without variation selectors; empty for custom emoji."
    )
    custom_id = models.CharField("custom emoji id", max_length=100, blank=True)
    count = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])

    objects = ChildManager()

    class Meta:
        ordering = ["post_id", "position"]  # post_id, not post: ordering by the relation would join posts_post
        constraints = [
            models.UniqueConstraint(fields=["post", "position"], name="posts_reaction_unique_position"),
            # An emoji once per post (custom emoji, without one, repeat freely). Its index serves
            # ?reaction=🔥 and the reactions facet, index-only: a row means the post received it.
            models.UniqueConstraint(fields=["emoji", "post"], name="posts_reaction_unique_emoji"),
        ]
        indexes = [
            # The reactions facet of a filtered list: the emoji of each listed post, index-only
            # (without it every reaction row is read: 157 ms instead of 56 for 26k posts on SQLite).
            models.Index(fields=["post", "emoji"], name="posts_reaction_post_emoji"),
        ]

    def __str__(self):
        return f"{self.label} {self.count}"

    def save(self, *args, **kwargs):
        if self.emoji:
            self.emoji = parsers.strip_variation_selectors(self.emoji).strip() or None
        super().save(*args, **kwargs)
        self.post.refresh_total_reactions()

    def delete(self, *args, **kwargs):
        post = self.post
        result = super().delete(*args, **kwargs)
        post.refresh_total_reactions()
        return result

    def natural_key(self):
        return (*self.post.natural_key(), self.position)

    natural_key.dependencies = ["posts.post"]

    @property
    def label(self):
        return self.emoji or self.get_kind_display()

    @property
    def name(self):
        """The reaction in words ("fire", "red heart"): read by screen readers, and shown where no emoji font is."""
        return emoji_name(self.emoji) if self.emoji else self.get_kind_display().lower()


class Link(models.Model):
    # No index of its own: posts_link_unique_position (post, position) starts with it (prefetching links).
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="links", db_index=False)
    position = models.PositiveSmallIntegerField(default=1)
    url = models.URLField(max_length=2000)
    domain = models.CharField(max_length=255, blank=True)
    label = models.CharField(max_length=300, blank=True, help_text="The words a hidden link sits on.")

    objects = ChildManager()

    class Meta:
        ordering = ["post_id", "position"]  # post_id, not post: ordering by the relation would join posts_post
        constraints = [models.UniqueConstraint(fields=["post", "position"], name="posts_link_unique_position")]

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        self.domain = parsers.domain_of(self.url)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (*self.post.natural_key(), self.position)

    natural_key.dependencies = ["posts.post"]
