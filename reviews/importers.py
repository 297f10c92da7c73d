"""Import a review preprint's text, with the files beside it, into the database.

    seeds/002_….txt            the PDF text (required)
    seeds/002_….meta.json      title, authors, DOI, server, version, licence, URL and their sources (required)
    seeds/002_….mapping.json   the reviewed reading where the text does not decide (optional)

One transaction per file. The review and each of its papers are entries of their
own: upserted by natural key (the review's slug; the paper's slug within its
review), left alone when edited in admin unless `overwrite`, and never published
or unpublished by an import. A review's parts (sections, Table 2, PRISMA stages,
key figures) are replaced with it.
"""

from dataclasses import asdict, is_dataclass
from pathlib import Path

from django.utils import timezone

from kb_site.importing import (
    CREATED,
    KEPT,
    UPDATED,
    FieldLimits,
    ImportReport,
    SourceError,
    decide,
    display_name,
    import_transaction,
    read_json_side_file,
    read_text_source,
)
from kb_site.text import checksum, claim_slug, side_file, slugify

from .models import Finding, ModalityComparison, Paper, PrismaStage, Review, Section, paper_slug
from .parsers import ParseError, parse_review

WHY_METADATA = (
    "a review's title and authors are not in its text, so a metadata file beside it is required "
    "(title, authors, DOI, server, version date, licence, URL, and where each came from)"
)


def parse_file(path):
    """The parsed review in `path` with its side files; SourceError naming the file at fault."""
    text = read_text_source(path)
    files = {"text": Path(path), "metadata": side_file(path, "meta.json"), "mapping": side_file(path, "mapping.json")}
    meta = read_json_side_file(files["metadata"], required=True, missing=WHY_METADATA)
    mapping = read_json_side_file(files["mapping"], required=False)
    try:
        return parse_review(text, meta=meta, mapping=mapping), files
    except ParseError as exc:
        raise SourceError(files[exc.file], exc.problem, line=exc.line, record=exc.record) from None


def import_file(path, *, dry_run=False, overwrite=False, progress=None):
    parsed, files = parse_file(path)
    report = ImportReport(source=display_name(path), dry_run=dry_run)
    writer = ReviewWriter(report, source=display_name(path), files=files, overwrite=overwrite)
    with import_transaction(dry_run, path=path, report=report):
        review, review_action = writer.upsert_review(parsed)
        paper_actions = writer.upsert_papers(review, parsed.papers, progress)
        if review_action in (CREATED, UPDATED):
            writer.replace_parts(review, parsed)
        elif review_action != KEPT and {CREATED, UPDATED} & set(paper_actions):
            review.render_citations()  # citation links follow the papers
    if progress:
        progress.finish()
    return report


def content_checksum(value):
    """A checksum of parsed content that ignores where in the file it was (line numbers)."""
    return checksum(_without_lines(value))


def _without_lines(value):
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k != "line"}
    if isinstance(value, (list, tuple)):
        return [_without_lines(v) for v in value]
    return value


def paper_slugs(papers):
    """A slug per paper, from its title, unique within the review."""
    taken = set()
    return [
        claim_slug(paper_slug(paper.first_author, paper.title) or f"reference-{paper.reference}", taken)
        for paper in papers
    ]


class ReviewWriter:
    """Upserts a parsed review and its papers, and replaces the review's parts.

    Every value is made to fit its model field (FieldLimits): prose is cut with a warning; the
    review's slug and DOI, which name it, and numbers out of range (a reference, a count, a
    figure) refuse the file naming the record; a URL that is not http, https, mailto or tg is
    left blank with a warning.
    """

    def __init__(self, report, *, source, files, overwrite):
        self.report = report
        self.source = source
        self.files = files
        self.overwrite = overwrite
        self.now = timezone.now()
        models = (Review, Paper, Section, ModalityComparison, PrismaStage, Finding)
        self.limits = {model: FieldLimits(model, report) for model in models}

    def fit(self, obj, record, *, refuse=(), path=None):
        return self.limits[type(obj)].fit(obj, record, path or self.files["text"], refuse=refuse)

    def upsert_review(self, parsed):
        meta = parsed.metadata
        if slugify(meta.slug) != meta.slug:
            raise SourceError(
                self.files["metadata"],
                f"expected a slug such as ai-medical-imaging-covid-19 (lower-case letters, digits and hyphens), "
                f"found {meta.slug[:60]!r}",
                record="slug",
            )
        existing = Review.objects.filter(slug=meta.slug).first()
        digest = content_checksum(parsed.content())
        action = decide(existing, digest, self.overwrite)
        self.report.count(action, f"review {meta.slug}")
        if action not in (CREATED, UPDATED):
            return existing, action
        self.report.record = record = f"review {meta.slug}"
        urls = self.limits[Review]
        review = existing or Review(slug=meta.slug)
        review.title = meta.title
        review.authors = [asdict(author) for author in meta.authors]
        review.doi = meta.doi
        review.server = meta.server
        review.version_date = meta.version_date
        review.licence = meta.licence
        review.licence_url = urls.url("licence_url", meta.licence_url, record)
        review.source_url = urls.url("source_url", meta.url, record)
        review.version_note = meta.version_note
        review.metadata_sources = meta.sources
        review.captions = [
            {"kind": c.kind, "number": c.number, "text": c.text, "shows": c.shows} for c in parsed.captions
        ]
        review.mark_imported(self.source, self.now, digest)
        self.fit(review, record, refuse=("slug", "doi"), path=self.files["metadata"]).save()
        return review, action

    def upsert_papers(self, review, papers, progress):
        existing = {paper.slug: paper for paper in review.papers.all()}
        actions = []
        for slug, parsed in zip(paper_slugs(papers), papers, strict=True):
            paper = existing.get(slug)
            digest = content_checksum(parsed)
            action = decide(paper, digest, self.overwrite)
            actions.append(action)
            record = f"paper {parsed.first_author[:40]} [{parsed.reference}]"
            self.report.count(action, record)
            if action in (CREATED, UPDATED):
                self.report.record = record
                paper = paper or Paper(review=review, slug=slug)
                for name in ("title", "first_author", "reference", "task", "modality", "maturity"):
                    setattr(paper, name, getattr(parsed, name))
                paper.mark_imported(self.source, self.now, digest)
                self.fit(paper, f"{record}, line {parsed.line}").save()
            if progress:
                progress.tick()
        return actions

    def replace_parts(self, review, parsed):
        """The review's sections, modality comparison, PRISMA stages and key figures, as parsed."""
        self.report.record = f"review {review.slug}: its sections, tables and figures"
        for parts in (review.sections, review.comparisons, review.prisma_stages, review.findings):
            parts.all().delete()
        Section.objects.bulk_create(self.sections(review, parsed))
        ModalityComparison.objects.bulk_create(
            self.fit(
                ModalityComparison(
                    review=review, aspect=c.aspect, modality=c.modality, position=c.position, text=c.text
                ),
                f"Table 2, {c.aspect} of {c.modality}",
            )
            for c in parsed.comparison
        )
        PrismaStage.objects.bulk_create(
            self.fit(
                PrismaStage(
                    review=review, position=s.position, label=s.label, count=s.count, kind=s.kind, reason=s.reason,
                    query=s.query,
                ),
                f"PRISMA stage {s.position}, line {s.line}",
            )
            for s in parsed.prisma
        )  # fmt: skip
        Finding.objects.bulk_create(
            self.fit(
                Finding(
                    review=review, key=f.key, position=position, category=f.category, label=f.label, value=f.value,
                    unit=f.unit, population=f.population, note=f.note, quote=f.quote, is_derived=f.is_derived,
                ),
                f"key figure {f.key}",
                refuse=("key",),
                path=self.files["mapping"],
            )
            for position, f in enumerate(parsed.findings, start=1)
        )  # fmt: skip

    def sections(self, review, parsed):
        """The review's sections with their HTML, each with an anchor of its own."""
        citations = review.paper_citations()
        sections, anchors = [], set()
        for position, item in enumerate(parsed.sections, start=1):
            section = Section(
                review=review, position=position, part=item.part, heading=item.heading, level=item.level, text=item.text
            )
            self.fit(section, f"section {position} ({item.heading[:40]}), line {item.line}")
            section.render(citations)
            section.anchor = claim_slug(section.anchor or f"section-{position}", anchors)
            sections.append(section)
        return sections
