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

import json
from dataclasses import asdict, is_dataclass
from pathlib import Path

from django.utils import timezone

from kb_site.importing import (
    CREATED,
    KEPT,
    UPDATED,
    ImportReport,
    SourceError,
    decide,
    display_name,
    import_transaction,
    read_text_source,
)
from kb_site.models import Origin
from kb_site.text import checksum

from .models import Finding, ModalityComparison, Paper, PrismaStage, Review, Section, paper_slug
from .parsers import ParseError, parse_review


def side_file(path, suffix):
    """`seeds/x.txt` -> `seeds/x.meta.json` for suffix "meta.json"."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{suffix}")


def read_json_side_file(path, *, required):
    """A side file's JSON object; None when it is absent and optional; else a SourceError saying why not."""
    path = Path(path)
    if not path.exists():
        if not required:
            return None
        raise SourceError(
            path,
            "no such file: a review's title and authors are not in its text, so a metadata file beside it "
            "is required (title, authors, DOI, server, version date, licence, URL, and where each came from)",
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError(path, "is not UTF-8 text, expected JSON") from None
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"is not valid JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(data, dict):
        raise SourceError(path, "expected a JSON object at the top level")
    return data


def parse_file(path):
    """The parsed review in `path` with its side files; SourceError naming the file at fault."""
    text = read_text_source(path)
    files = {"text": Path(path), "metadata": side_file(path, "meta.json"), "mapping": side_file(path, "mapping.json")}
    meta = read_json_side_file(files["metadata"], required=True)
    mapping = read_json_side_file(files["mapping"], required=False)
    try:
        return parse_review(text, meta=meta, mapping=mapping)
    except ParseError as exc:
        raise SourceError(files[exc.file], exc.problem, line=exc.line, record=exc.record) from None


def import_file(path, *, dry_run=False, overwrite=False, progress=None):
    parsed = parse_file(path)
    report = ImportReport(source=display_name(path), dry_run=dry_run)
    provenance = {"origin": Origin.IMPORTED, "source": display_name(path), "imported_at": timezone.now()}
    with import_transaction(dry_run):
        review, review_action = upsert_review(parsed, provenance, overwrite, report)
        paper_actions = upsert_papers(review, parsed.papers, provenance, overwrite, report, progress)
        if review_action in (CREATED, UPDATED):
            replace_parts(review, parsed)
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


def upsert_review(parsed, provenance, overwrite, report):
    meta = parsed.metadata
    existing = Review.objects.filter(slug=meta.slug).first()
    digest = content_checksum(parsed.content())
    action = decide(existing, digest, overwrite)
    report.count(action, f"review {meta.slug}")
    if action not in (CREATED, UPDATED):
        return existing, action
    review = existing or Review(slug=meta.slug)
    review.title = meta.title
    review.authors = [asdict(author) for author in meta.authors]
    review.doi = meta.doi
    review.server = meta.server
    review.version_date = meta.version_date
    review.licence = meta.licence
    review.licence_url = meta.licence_url
    review.source_url = meta.url
    review.version_note = meta.version_note
    review.metadata_sources = meta.sources
    review.captions = [{"kind": c.kind, "number": c.number, "text": c.text, "shows": c.shows} for c in parsed.captions]
    for name, value in provenance.items():
        setattr(review, name, value)
    review.checksum = digest
    review.is_edited = False
    review.save()
    return review, action


def paper_slugs(papers):
    """A slug per paper, from its title, unique within the review."""
    slugs = []
    for paper in papers:
        base = paper_slug(paper.first_author, paper.title) or f"reference-{paper.reference}"
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.append(slug)
    return slugs


def upsert_papers(review, papers, provenance, overwrite, report, progress):
    existing = {paper.slug: paper for paper in review.papers.all()}
    actions = []
    for slug, parsed in zip(paper_slugs(papers), papers, strict=True):
        paper = existing.get(slug)
        digest = content_checksum(parsed)
        action = decide(paper, digest, overwrite)
        actions.append(action)
        report.count(action, f"paper {parsed.first_author} [{parsed.reference}]")
        if action in (CREATED, UPDATED):
            paper = paper or Paper(review=review, slug=slug)
            for name in ("title", "first_author", "reference", "task", "modality", "maturity"):
                setattr(paper, name, getattr(parsed, name))
            for name, value in provenance.items():
                setattr(paper, name, value)
            paper.checksum = digest
            paper.is_edited = False
            paper.save()
        if progress:
            progress.tick()
    return actions


def replace_parts(review, parsed):
    """The review's sections, modality comparison, PRISMA stages and key figures, as parsed."""
    review.sections.all().delete()
    review.comparisons.all().delete()
    review.prisma_stages.all().delete()
    review.findings.all().delete()

    citations = review.paper_citations()
    sections, anchors = [], set()
    for position, parsed_section in enumerate(parsed.sections, start=1):
        section = Section(
            review=review,
            position=position,
            part=parsed_section.part,
            heading=parsed_section.heading,
            level=parsed_section.level,
            text=parsed_section.text,
        )
        section.render(citations)
        base, n = section.anchor or f"section-{position}", 2
        section.anchor = base
        while section.anchor in anchors:
            section.anchor, n = f"{base}-{n}", n + 1
        anchors.add(section.anchor)
        sections.append(section)
    Section.objects.bulk_create(sections)
    ModalityComparison.objects.bulk_create(
        ModalityComparison(review=review, aspect=c.aspect, modality=c.modality, position=c.position, text=c.text)
        for c in parsed.comparison
    )
    PrismaStage.objects.bulk_create(
        PrismaStage(
            review=review,
            position=s.position,
            label=s.label,
            count=s.count,
            kind=s.kind,
            reason=s.reason,
            query=s.query,
        )
        for s in parsed.prisma
    )
    Finding.objects.bulk_create(
        Finding(
            review=review,
            key=f.key,
            position=position,
            category=f.category,
            label=f.label,
            value=f.value,
            unit=f.unit,
            population=f.population,
            note=f.note,
            quote=f.quote,
            is_derived=f.is_derived,
        )
        for position, f in enumerate(parsed.findings, start=1)
    )
