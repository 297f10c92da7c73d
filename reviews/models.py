"""A systematic review as data: its metadata and sections, the papers it rates, its modality
comparison, its PRISMA flow and its key figures.

Review and Paper are entries of their own (published or not, imported or curated);
the other models are parts of a review and are replaced with it on import.
"""

import html
import re

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from kb_site.markup import sanitize_html
from kb_site.models import Provenance, Publishable, PublishedQuerySet
from kb_site.paths import entry_url
from kb_site.search.indexing import Searchable, SearchableQuerySet
from kb_site.text import slugify

from .key_figures import plain
from .pdf_text import CITATION


class Task(models.TextChoices):
    DIAGNOSIS = "diagnosis", "Diagnosis"
    SEVERITY_ASSESSMENT = "severity-assessment", "Severity assessment"
    PROGNOSIS = "prognosis", "Prognosis"
    SEGMENTATION = "segmentation", "Segmentation"
    REVIEW = "review", "Review"


class Modality(models.TextChoices):
    CT = "ct", "CT"
    CXR = "cxr", "CXR"
    LUS = "lus", "LUS"
    MULTIMODAL = "multimodal", "Multimodal"


class Maturity(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Aspect(models.TextChoices):
    BENEFIT = "benefit", "Benefit"
    DRAWBACK = "drawback", "Drawback"
    CLINICAL_ROLE = "clinical-role", "Clinical role"


class StageKind(models.TextChoices):
    IDENTIFIED = "identified", "Identified"
    DEDUPLICATED = "deduplicated", "After de-duplication"
    SCREENED = "screened", "Screened"
    EXCLUDED = "excluded", "Excluded"
    INCLUDED = "included", "Included"


class FindingCategory(models.TextChoices):
    COUNTS = "counts", "Publication counts"
    MODALITY_CLINICAL = "modality-clinical", "Modality share in clinical papers"
    MODALITY_AI = "modality-ai", "Modality share in AI papers"
    TASKS = "tasks", "Tasks"
    MATURITY = "maturity", "Maturity"
    DATA_ORIGIN = "data-origin", "Data origin"
    GEOGRAPHY = "geography", "Geography"
    CITATIONS = "citations", "Citations"


class Part(models.TextChoices):
    ABSTRACT = "abstract", "Abstract"
    BODY = "body", "Body"


# Reviews -----------------------------------------------------------------------------------------


def _count_of(queryset):
    """A correlated count per review (a subquery: joining several children would multiply rows)."""
    counted = queryset.filter(review=models.OuterRef("pk")).order_by().values("review")
    return Coalesce(models.Subquery(counted.annotate(n=models.Count("pk")).values("n")), 0)


class ReviewQuerySet(SearchableQuerySet, PublishedQuerySet):
    def with_counts(self):
        """Each review with its published papers, its key figures and the records its PRISMA flow includes."""
        included = PrismaStage.objects.filter(review=models.OuterRef("pk"), kind=StageKind.INCLUDED)
        return self.annotate(
            paper_count=_count_of(Paper.objects.published()),
            finding_count=_count_of(Finding.objects.all()),
            included_count=models.Subquery(included.values("count")[:1]),
        )

    def for_list(self):
        """The review list: counts, and no heavy columns."""
        return self.with_counts().defer(
            "metadata_sources", "captions", "search_title", "search_text", "search_vector", "version_note"
        )

    def for_detail(self):
        """The overview page: sections, figures and the PRISMA flow in one query each."""
        return self.with_counts().prefetch_related("sections", "findings", "prisma_stages")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Review(Searchable, Publishable, Provenance):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    authors = models.JSONField(default=list, blank=True, help_text='In order: [{"family": …, "given": …}, …]')
    doi = models.CharField("DOI", max_length=100, blank=True)
    server = models.CharField(max_length=50, blank=True, help_text="The preprint server or journal.")
    version_date = models.DateField(null=True, blank=True, help_text="The date this version was posted.")
    licence = models.CharField(max_length=50, blank=True)
    licence_url = models.URLField(blank=True)
    source_url = models.URLField("source URL", blank=True)
    version_note = models.TextField(blank=True, help_text="Which version this is, shown on the review's pages.")
    metadata_sources = models.JSONField(default=dict, blank=True, help_text="Where each metadata value came from.")
    captions = models.JSONField(
        default=list,
        blank=True,
        help_text='Its tables\' and figures\' captions, verbatim: [{"kind": "table"|"figure", "number", "text", '
        '"shows": "papers"|"comparison"|"prisma"|""}, …]',
    )
    # Search (kb_site.search): the stemmed terms of the title and of the authors, DOI and server,
    # indexed by SQLite's FTS5 table reviews_review_fts or PostgreSQL's search_vector (migration 0003).
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    search_sources = ("title", "authors", "doi", "server")

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-version_date", "title"]
        indexes = [
            # the review list: published reviews, newest version first
            models.Index(fields=["is_published", "-version_date"], name="review_published_date_idx"),
        ]

    def __str__(self):
        return self.title

    def search_document(self):
        return (self.title,), (self.author_names_text, self.doi, self.server)

    def get_absolute_url(self):
        return entry_url("reviews:detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def author_names(self):
        """["Jannis Born", …] in the review's order."""
        return [" ".join(part for part in (a.get("given", ""), a.get("family", "")) if part) for a in self.authors]

    @property
    def author_names_text(self):
        return ", ".join(self.author_names)

    @property
    def byline(self):
        """The first three authors, then how many more."""
        names = self.author_names
        return ", ".join(names) if len(names) <= 4 else f"{', '.join(names[:3])} and {len(names) - 3} more"

    @property
    def year(self):
        return self.version_date.year if self.version_date else None

    @cached_property
    def caption_list(self):
        """The captions, each with its name as the review writes it ("Table 1", "Fig. 2")."""
        return [
            {**c, "name": f"{'Table' if c.get('kind') == 'table' else 'Fig.'} {c.get('number', '')}"}
            for c in self.captions or []
            if isinstance(c, dict) and c.get("text")
        ]

    def caption(self, shows):
        """The caption of the table or figure holding this part ("papers", "comparison", "prisma"), or None."""
        return next((c for c in self.caption_list if c.get("shows") == shows), None)

    @property
    def other_figure_captions(self):
        """The figures this site does not redraw: the text holds their captions only."""
        return [c for c in self.caption_list if c.get("kind") == "figure" and not c.get("shows")]

    def render_citations(self):
        """Re-render the sections' citation links: they name and link only the published papers."""
        citations = self.paper_citations()
        sections = list(self.sections.all())
        for section in sections:
            section.render(citations)
        Section.objects.bulk_update(sections, ["text_html"])

    def paper_citations(self):
        """{reference number: (url, label)} for this review's published papers (citation links)."""
        return {
            paper.reference: (paper.get_absolute_url(), f"{paper.first_author}: {paper.title}")
            for paper in self.papers.published()
            .exclude(reference=None)
            .only("slug", "reference", "first_author", "title", "review__slug")
            .select_related("review")
        }


# Papers ------------------------------------------------------------------------------------------


class PaperQuerySet(SearchableQuerySet, PublishedQuerySet):
    def for_list(self):
        """The papers table: no heavy columns, no joins (the review is known)."""
        return self.only(
            "review_id", "slug", "title", "first_author", "reference", "task", "modality", "maturity", "is_published"
        )

    def get_by_natural_key(self, review_slug, slug):
        return self.get(review__slug=review_slug, slug=slug)


class Paper(Searchable, Publishable, Provenance):
    """A paper the review rates (Table 1 lists those of high maturity)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="papers")
    slug = models.SlugField(max_length=100)
    title = models.CharField(max_length=500)
    first_author = models.CharField(max_length=100)
    reference = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The number the review cites it by (its reference list)."
    )
    task = models.CharField(max_length=20, choices=Task.choices)
    modality = models.CharField(max_length=20, choices=Modality.choices)
    maturity = models.CharField(max_length=10, choices=Maturity.choices)
    # Search (kb_site.search): the terms of the title, and of the first author, task and modality;
    # indexed by SQLite's FTS5 table reviews_paper_fts or PostgreSQL's search_vector (migration 0003).
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    search_sources = ("title", "first_author", "task", "modality")

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = [models.F("reference").asc(nulls_last=True), "title", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "slug"], name="paper_review_slug_unique")]
        indexes = [
            # the papers table's default order: a review's papers by reference number
            models.Index(fields=["review", "reference"], name="paper_review_ref_idx"),
            # ?task= on the papers table, and the task facet's counts
            models.Index(fields=["review", "task"], name="paper_review_task_idx"),
            # ?modality= and the modality facet
            models.Index(fields=["review", "modality"], name="paper_review_modality_idx"),
            # ?maturity= and the maturity facet
            models.Index(fields=["review", "maturity"], name="paper_review_maturity_idx"),
        ]

    def __str__(self):
        return f"{self.first_author} [{self.reference}]: {self.title}" if self.reference else self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = paper_slug(self.first_author, self.title)
        super().save(*args, **kwargs)

    def search_document(self):
        return (self.title,), (self.first_author, self.get_task_display(), self.get_modality_display())

    def get_absolute_url(self):
        return entry_url("reviews:paper", self.review.slug, self.slug)

    def key_terms(self):
        """The "Across the knowledge base" panel's terms (kb_site.across): the title's words, task and modality."""
        return {"words": [self.title], "phrases": [self.get_task_display(), self.get_modality_display()]}

    def natural_key(self):
        return (*self.review.natural_key(), self.slug)

    natural_key.dependencies = ["reviews.review"]


def paper_slug(first_author, title):
    """`mei-artificial-intelligence-enabled-rapid-diagnosis-of`: readable, short, stable."""
    return slugify(f"{first_author} {title}", max_length=60)


# The parts of a review ---------------------------------------------------------------------------


class ReviewPartQuerySet(models.QuerySet):
    def get_by_natural_key(self, review_slug, position):
        return self.get(review__slug=review_slug, position=position)


class SectionQuerySet(SearchableQuerySet, ReviewPartQuerySet):
    pass


class Section(Searchable, models.Model):
    """A part of the abstract or a section of the review's text (level 1), a subsection (2)
    or a run-in heading (3), with its clean text."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    part = models.CharField(max_length=10, choices=Part.choices, default=Part.BODY)
    heading = models.CharField(max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(default=1, choices=[(1, "Section"), (2, "Subsection"), (3, "Run-in")])
    anchor = models.SlugField(max_length=100, blank=True)
    text = models.TextField(blank=True, help_text="Paragraphs separated by blank lines; citations as [1, 2].")
    text_html = models.TextField(blank=True, editable=False)
    # Search (kb_site.search): the terms of the heading and of the text; indexed by SQLite's FTS5
    # table reviews_section_fts or PostgreSQL's search_vector (migration 0003).
    search_title = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    search_sources = ("heading", "text")

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["review", "position"]
        constraints = [models.UniqueConstraint(fields=["review", "position"], name="section_review_position_unique")]

    def __str__(self):
        return self.heading or f"Section {self.position}"

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.review.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (*self.review.natural_key(), self.position)

    natural_key.dependencies = ["reviews.review"]

    @property
    def title(self):
        return f"Abstract: {self.heading}" if self.part == Part.ABSTRACT else self.heading

    def render(self, citations=None):
        """Fill the derived fields; `citations` as Review.paper_citations() (looked up when not given)."""
        if citations is None:
            citations = self.review.paper_citations() if self.review_id else {}
        if not self.anchor:
            self.anchor = slugify(f"{'abstract ' if self.part == Part.ABSTRACT else ''}{self.heading}", max_length=80)
        self.text_html = section_html(self.text, citations)
        self.refresh_search_columns()

    def search_document(self):
        return (self.heading,), (self.text,)


def section_html(text, citations):
    """Paragraphs of clean text as sanitized HTML; citations as superscript references,
    linked to the paper's page when the review holds the paper."""

    def cite(match):
        parts = []
        for number in (int(n) for n in match.group(1).split(", ")):
            if number in citations:
                url, label = citations[number]
                parts.append(f'<a href="{html.escape(url)}" title="{html.escape(label)}">{number}</a>')
            else:
                parts.append(str(number))
        separator = ",\u00a0" if len(parts) <= 3 else ", "  # a short list never breaks; a long one may
        return f"<sup>[{separator.join(parts)}]</sup>"

    paragraphs = [p for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    glued = re.compile(r" ?" + CITATION.pattern)  # a superscript sits right after its word
    rendered = "\n".join(f"<p>{glued.sub(cite, html.escape(p, quote=False))}</p>" for p in paragraphs)
    return sanitize_html(rendered)


class ComparisonQuerySet(models.QuerySet):
    def get_by_natural_key(self, review_slug, aspect, modality, position):
        return self.get(review__slug=review_slug, aspect=aspect, modality=modality, position=position)


class ModalityComparison(models.Model):
    """One statement of the modality comparison (Table 2): an aspect of a modality."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comparisons")
    aspect = models.CharField(max_length=20, choices=Aspect.choices)
    modality = models.CharField(max_length=20, choices=Modality.choices)
    position = models.PositiveSmallIntegerField(default=1, help_text="Order within its cell.")
    text = models.CharField(max_length=300)

    objects = ComparisonQuerySet.as_manager()

    class Meta:
        ordering = ["review", "aspect", "modality", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "aspect", "modality", "position"], name="comparison_review_cell_position_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_modality_display()}, {self.get_aspect_display().lower()}: {self.text}"

    def natural_key(self):
        return (*self.review.natural_key(), self.aspect, self.modality, self.position)

    natural_key.dependencies = ["reviews.review"]


class PrismaStage(models.Model):
    """A box of the review's PRISMA flow diagram."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="prisma_stages")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    count = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=StageKind.choices)
    reason = models.CharField(max_length=200, blank=True, help_text="Why records were excluded (excluded stages).")
    query = models.CharField(max_length=300, blank=True, help_text="The search that found them (identified stages).")

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        ordering = ["review", "position"]
        verbose_name = "PRISMA stage"
        constraints = [models.UniqueConstraint(fields=["review", "position"], name="prisma_review_position_unique")]

    def __str__(self):
        return f"{self.count} {self.label}"

    def natural_key(self):
        return (*self.review.natural_key(), self.position)

    natural_key.dependencies = ["reviews.review"]


# Words that make a number approximate or a bound ("almost 67%", "more than 300 papers"): kept with it.
QUALIFIER_BEFORE = re.compile(
    r"(\b(?:almost|nearly|about|approximately|around|roughly|over|under|more than|less than|fewer than|"
    r"at least|at most|up to)|[~≈<>≥≤])\s*$",
    re.IGNORECASE,
)


class FindingQuerySet(models.QuerySet):
    def get_by_natural_key(self, review_slug, key):
        return self.get(review__slug=review_slug, key=key)


class Finding(models.Model):
    """A key figure of the review, as a number: what it counts, of what, in which category."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="findings")
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(max_length=30, choices=FindingCategory.choices)
    label = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    unit = models.CharField(max_length=40, help_text="% for a share; otherwise what is counted (papers, countries…).")
    population = models.CharField(max_length=300, blank=True, help_text="What the share is a share of.")
    note = models.CharField(max_length=300, blank=True)
    quote = models.TextField(blank=True, help_text="The sentence of the review that states it.")
    is_derived = models.BooleanField(default=False, help_text="Computed from other figures, not stated in the review.")

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["review", "position", "key"]
        constraints = [models.UniqueConstraint(fields=["review", "key"], name="finding_review_key_unique")]

    def __str__(self):
        return f"{self.label}: {self.display}"

    def natural_key(self):
        return (*self.review.natural_key(), self.key)

    natural_key.dependencies = ["reviews.review"]

    @cached_property
    def number(self):
        """The value as a review writes it: 12.5, 2048."""
        return plain(self.value)

    @property
    def is_share(self):
        return self.unit == "%"

    @property
    def unit_display(self):
        """The unit, singular for one: 1 paper, 2 papers."""
        if self.value == 1 and self.unit.endswith("s") and " " not in self.unit:
            return self.unit[:-1]
        return self.unit

    @property
    def display(self):
        return f"{self.number}%" if self.is_share else f"{self.number} {self.unit_display}"

    @cached_property
    def qualifier(self):
        """The word the review puts before the number ("almost" in "almost 67%"), read from its quote; "" if none."""
        match = re.search(rf"(?<![\d.,]){re.escape(str(self.number))}(?![\d])", self.quote or "")
        if match is None:
            return ""
        found = QUALIFIER_BEFORE.search(self.quote[: match.start()])
        return found.group(1).lower() if found else ""

    @property
    def stated(self):
        """The figure as the review states it, its qualifier kept: "almost 67%", "23 countries"."""
        return f"{self.qualifier} {self.display}" if self.qualifier else self.display
