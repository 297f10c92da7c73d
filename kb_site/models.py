"""Abstract models every collection shares: publishing and provenance."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q


class Origin(models.TextChoices):
    IMPORTED = "imported", "Imported from a source document"
    ADMIN = "admin", "Created in admin"
    GENERATED = "generated", "Generated demo data"


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Publishable(models.Model):
    """An entry readers see only while it is published."""

    is_published = models.BooleanField(
        "published", default=True, help_text="Unpublished entries appear nowhere public."
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True


class Provenance(models.Model):
    """Where an entry came from, and whether a person has curated it since."""

    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.ADMIN)
    source = models.CharField(max_length=255, blank=True, help_text="The document it was imported from.")
    imported_at = models.DateTimeField(null=True, blank=True)
    checksum = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the parsed content at its last import."
    )
    is_edited = models.BooleanField(
        "edited since import",
        default=False,
        help_text="Edited in admin after its import: later imports leave it alone unless run with --overwrite.",
    )

    PROVENANCE_FIELDS = ("origin", "source", "imported_at", "checksum", "is_edited")

    class Meta:
        abstract = True

    def mark_imported(self, source, at, checksum):
        """Record an import: from `source` (the file's display name), at `at`, with the parsed
        content's `checksum`; the entry is no longer edited since its import. Not saved here."""
        self.origin = Origin.IMPORTED
        self.source = source
        self.imported_at = at
        self.checksum = checksum
        self.is_edited = False


class CollectionVersion(models.Model):
    """A counter per collection, bumped whenever one of its entries changes.

    Cached fragments (facet counts, home page cards) carry the version in their
    key, so a save, an admin action or an import invalidates them at once in
    every process — also with a per-process local-memory cache.
    """

    label = models.CharField(max_length=50, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["label"]

    def __str__(self):
        return f"{self.label} v{self.version}"


def across_target_types():
    """The content types a curated link may point at: the entries the across panels list."""
    from .collections import collection_configs

    models_ = [config.across_model() for config in collection_configs() if config.across_key]
    query = Q(pk__in=[])
    for model in models_:
        query |= Q(app_label=model._meta.app_label, model=model._meta.model_name)
    return query


class CuratedLink(models.Model):
    """A curator's word on an entry's "Across the knowledge base" panel (kb_site.across): always show
    this link (pin), or never suggest it (hide).

    Both ends are entries of collections, named by content type and id. Importers update entries in
    place (upsert by natural key; an id never changes, and neither database reuses one), so a link
    outlives every re-import, --overwrite included. An entry deleted in admin takes its links with it
    (kb_site.across.on_admin_deletion); one deleted otherwise (demo data cleared) leaves links that show nowhere.
    """

    class Action(models.TextChoices):
        PIN = "pin", "Pin: always show it, first"
        HIDE = "hide", "Hide: never suggest it"

    source_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    target_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="links to a",
        limit_choices_to=across_target_types,
    )
    target_id = models.PositiveBigIntegerField(
        "entry number", help_text="The number in the entry's admin address: 13 in /admin/posts/post/13/change/."
    )
    target = GenericForeignKey("target_type", "target_id")
    action = models.CharField(max_length=4, choices=Action.choices, default=Action.PIN)
    note = models.CharField(max_length=200, blank=True, help_text="Why (for curators; shown beside a pinned link).")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_type", "source_id", "action", "id"]
        constraints = [
            # One word per pair. Its index (source first) also serves the admin inline's
            # "WHERE source_type_id = .. AND source_id = ..".
            models.UniqueConstraint(
                fields=["source_type", "source_id", "target_type", "target_id"], name="curatedlink_unique_pair"
            )
        ]

    def __str__(self):
        return f"{self.get_action_display().split(':')[0]} {self.target_type.model} {self.target_id}"
