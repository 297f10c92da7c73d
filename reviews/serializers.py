"""Reviews and papers as JSON: a list row, a paper, a whole review (detail ?format=json), the modality table.

Addresses that come from data (the licence's, the source's) pass through kb_site.text.safe_url:
one that is not http, https, mailto or tg is null.
"""

from kb_site.across import across_json
from kb_site.text import safe_url

from .charts import prisma_arithmetic
from .citation import citation_text
from .models import Part


def number(value):
    """A Decimal as a JSON number: 12.5, 2048."""
    return int(value) if value == value.to_integral_value() else float(value)


def list_row(review, request):
    return {
        "url": request.build_absolute_uri(review.get_absolute_url()),
        "slug": review.slug,
        "title": review.title,
        "authors": review.author_names,
        "doi": review.doi,
        "server": review.server,
        "version_date": review.version_date,
        "paper_count": review.paper_count,
    }


def paper_json(paper, request):
    return {
        "url": request.build_absolute_uri(paper.get_absolute_url()),
        "title": paper.title,
        "first_author": paper.first_author,
        "reference": paper.reference,
        "task": paper.task,
        "modality": paper.modality,
        "maturity": paper.maturity,
    }


def paper_detail(paper, review, request):
    return {
        **paper_json(paper, request),
        "review": request.build_absolute_uri(review.get_absolute_url()),
        "across": across_json(paper, request),
    }


def section_dicts(review, part):
    if part == Part.ABSTRACT:
        return [{"heading": s.heading, "text": s.text} for s in review.sections.all() if s.part == part]
    return [
        {"heading": s.heading, "level": s.level, "anchor": s.anchor, "text": s.text}
        for s in review.sections.all()
        if s.part == part
    ]


def prisma_dict(stage):
    return {
        "position": stage.position,
        "label": stage.label,
        "count": stage.count,
        "kind": stage.kind,
        "reason": stage.reason,
        "query": stage.query,
    }


def finding_dict(finding):
    return {
        "key": finding.key,
        "category": finding.category,
        "label": finding.label,
        "value": number(finding.value),
        "qualifier": finding.qualifier or None,  # "almost" in "almost 67%"
        "stated": finding.stated,  # as the review states it, qualifier kept
        "unit": finding.unit,
        "population": finding.population,
        "note": finding.note,
        "is_derived": finding.is_derived,  # computed from other figures here, not stated in the review
        "quote": finding.quote,
    }


def review_json(review, papers, request):
    """The whole review: metadata, text, papers, modality comparison, PRISMA flow and key figures."""
    return {
        "url": request.build_absolute_uri(review.get_absolute_url()),
        "slug": review.slug,
        "title": review.title,
        "authors": review.authors,
        "doi": review.doi,
        "server": review.server,
        "version_date": review.version_date,
        "version_note": review.version_note,
        "licence": review.licence,
        "licence_url": safe_url(review.licence_url) or None,
        "source_url": safe_url(review.source_url) or None,
        "metadata_sources": review.metadata_sources,
        "citation": citation_text(review),
        "abstract": section_dicts(review, Part.ABSTRACT),
        "sections": section_dicts(review, Part.BODY),
        "papers": [paper_json(p, request) for p in papers],
        "modality_comparison": [
            {"aspect": c.aspect, "modality": c.modality, "position": c.position, "text": c.text}
            for c in review.comparisons.all()
        ],
        "prisma": [prisma_dict(stage) for stage in review.prisma_stages.all()],
        # what the flow implies but the review does not state: computed here, and marked so
        "prisma_computed": [{**item, "is_computed": True} for item in prisma_arithmetic(review.prisma_stages.all())],
        "captions": [
            {
                "name": c["name"],
                "kind": c.get("kind"),
                "number": c.get("number"),
                "text": c["text"],
                "shows": c.get("shows") or None,
            }
            for c in review.caption_list
        ],
        "findings": [finding_dict(finding) for finding in review.findings.all()],
        "across": across_json(review, request),
    }


def modality_table(review, modalities, rows, request):
    return {
        "review": request.build_absolute_uri(review.get_absolute_url()),
        "modalities": [{"modality": m.value, "label": m.label} for m in modalities],
        "rows": [
            {
                "aspect": row["aspect"].value,
                "label": row["aspect"].label,
                "cells": {m.value: cell for m, cell in zip(modalities, row["cells"], strict=True)},
            }
            for row in rows
        ],
    }
