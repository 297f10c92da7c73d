"""Abstract models every collection shares: publishing and provenance."""

from django.db import models


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
