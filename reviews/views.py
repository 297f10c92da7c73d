"""Pages of the reviews collection: the list, a review's overview, its papers and its modality comparison."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from kb_site.http import JSON, json_response, requested_format
from kb_site.listing import Facet, Listing
from kb_site.querystring import query_url

from . import serializers
from .charts import prisma_flow, review_charts
from .citation import bibtex, citation_key, citation_text, ris
from .filters import PaperFilter, ReviewFilter
from .models import Aspect, FindingCategory, Maturity, Modality, Part, Review, Task

DETAIL_FORMATS = ("html", "json", "bib", "ris")
CITATION_FORMATS = {"bib": (bibtex, "application/x-bibtex"), "ris": (ris, "application/x-research-info-systems")}
SOURCE_LABELS = {"doi": "DOI", "url": "URL", "licence_url": "Licence URL", "version_date": "Version date"}


def published_review(slug, queryset=None):
    """The published review with this slug, or a 404."""
    return get_object_or_404((Review.objects if queryset is None else queryset).published(), slug=slug)


# The review list ------------------------------------------------------------------------------------


class ReviewListing(Listing):
    filterset_class = ReviewFilter
    template_name = "reviews/review_list.html"
    csv_filename = "reviews.csv"

    def get_csv_columns(self, request):
        absolute = request.build_absolute_uri
        return (
            ("title", lambda r: r.title),
            ("authors", lambda r: r.author_names),
            ("doi", lambda r: r.doi),
            ("server", lambda r: r.server),
            ("version_date", lambda r: r.version_date),
            ("papers", lambda r: r.paper_count),
            ("url", lambda r: absolute(r.get_absolute_url())),
        )

    def serialize(self, review, request):
        return serializers.list_row(review, request)


def review_list(request):
    return ReviewListing().response(request, Review.objects.published().for_list())


# A review's overview ---------------------------------------------------------------------------------


def review_detail(request, slug):
    fmt = requested_format(request, DETAIL_FORMATS)
    review = published_review(slug, Review.objects.for_detail())
    if fmt in CITATION_FORMATS:
        write, content_type = CITATION_FORMATS[fmt]
        response = HttpResponse(write(review), content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{citation_key(review)}.{fmt}"'
        return response
    papers = review.papers.published()
    if fmt == JSON:
        return json_response(serializers.review_json(review, papers.for_list(), request))
    return render(request, "reviews/review_detail.html", overview_context(review, papers, request))


def overview_context(review, papers, request):
    sections = list(review.sections.all())
    findings = list(review.findings.all())
    papers_url = reverse("reviews:papers", args=[review.slug])
    return {
        "review": review,
        "abstract": [s for s in sections if s.part == Part.ABSTRACT],
        "sections": [s for s in sections if s.part == Part.BODY],
        "fact_groups": fact_groups(findings),
        "charts": review_charts(findings),
        "flow": prisma_flow(review.prisma_stages.all(), papers_url),
        "prisma_caption": review.caption("prisma"),
        "papers_caption": review.caption("papers"),
        "figure_captions": review.other_figure_captions,
        "citation": citation_text(review),
        "sources": [
            (SOURCE_LABELS.get(name, name.replace("_", " ").capitalize()), text)
            for name, text in review.metadata_sources.items()
        ],
        "bib_url": query_url(request, format="bib"),
        "ris_url": query_url(request, format="ris"),
        "json_url": query_url(request, format="json"),
        "papers_url": papers_url,
        "modalities_url": reverse("reviews:modalities", args=[review.slug]),
        "paper_summary": paper_summary(papers, papers_url),
    }


def fact_groups(findings):
    """Key figures that are not shares (the charts draw those), by category: [(category label, [findings])]."""
    groups = {}
    for finding in findings:
        if not finding.is_share:
            groups.setdefault(finding.category, []).append(finding)
    return [(category.label, groups[category]) for category in FindingCategory if category in groups]


def paper_summary(papers, papers_url):
    """How the review's papers divide by task, modality and maturity, each linking to the filtered table."""
    summary = []
    for param, title, choices in (
        ("task", "Task", Task.choices),
        ("modality", "Modality", Modality.choices),
        ("maturity", "Maturity", Maturity.choices),
    ):
        counts = dict(papers.order_by().values_list(param).annotate(n=Count("pk")))
        items = [
            {"label": label, "count": counts[value], "url": f"{papers_url}?{param}={value}"}
            for value, label in choices
            if counts.get(value)
        ]
        summary.append({"title": title, "items": items})
    return summary


# Papers -----------------------------------------------------------------------------------------------

SORTABLE = (
    ("reference", "Ref.", True),
    ("title", "Title", False),
    ("first_author", "First author", False),
    ("task", "Task", False),
    ("modality", "Modality", False),
    ("maturity", "Maturity", False),
)


class PaperListing(Listing):
    filterset_class = PaperFilter
    template_name = "reviews/paper_list.html"
    facets = (
        Facet("task", "Task", "task", choices=tuple(Task.choices)),
        Facet("modality", "Modality", "modality", choices=tuple(Modality.choices)),
        Facet("maturity", "Maturity", "maturity", choices=tuple(Maturity.choices)),
    )

    def __init__(self, review):
        self.csv_filename = f"{review.slug}-papers.csv"

    def get_csv_columns(self, request):
        absolute = request.build_absolute_uri
        return (
            ("reference", lambda p: p.reference),
            ("title", lambda p: p.title),
            ("first_author", lambda p: p.first_author),
            ("task", lambda p: p.task),
            ("modality", lambda p: p.modality),
            ("maturity", lambda p: p.maturity),
            ("url", lambda p: absolute(p.get_absolute_url())),
        )

    def serialize(self, paper, request):
        return serializers.paper_json(paper, request)


def sort_columns(request):
    """The table's column headers: a link that sorts by the column (again: the other way) and aria-sort."""
    current = request.GET.get("sort") or "reference"
    columns = []
    for field, label, is_number in SORTABLE:
        state = "ascending" if current == field else "descending" if current == f"-{field}" else "none"
        toggled = f"-{field}" if state == "ascending" else field
        url = query_url(request, sort=None if toggled == "reference" else toggled, page=None)
        columns.append({"field": field, "label": label, "url": url, "aria_sort": state, "is_number": is_number})
    return columns


def paper_list(request, slug):
    review = published_review(slug)
    papers = review.papers.published().for_list()  # each paper knows its review: no join, no extra query
    context = {"review": review, "columns": sort_columns(request), "table_caption": review.caption("papers")}
    return PaperListing(review).response(request, papers, context=context)


def paper_detail(request, slug, paper_slug):
    fmt = requested_format(request)
    review = published_review(slug)
    paper = get_object_or_404(review.papers.published(), slug=paper_slug)
    if fmt == JSON:
        return json_response(serializers.paper_detail(paper, review, request))
    cited_in = []
    if paper.reference:
        pattern = rf"\[([0-9]+, )*{paper.reference}(, [0-9]+)*\]"
        cited_in = list(review.sections.filter(text__regex=pattern).only("heading", "part", "anchor", "review_id"))
    context = {"review": review, "paper": paper, "cited_in": cited_in}
    return render(request, "reviews/paper_detail.html", context)


# The modality comparison ------------------------------------------------------------------------------


def modality_comparison(request, slug):
    fmt = requested_format(request)
    review = published_review(slug)
    items = list(review.comparisons.all())
    modalities = [m for m in Modality if any(item.modality == m for item in items)]
    rows = []
    for aspect in Aspect:
        cells = [[item.text for item in items if item.aspect == aspect and item.modality == m] for m in modalities]
        if any(cells):
            rows.append({"aspect": aspect, "cells": cells})
    if fmt == JSON:
        return json_response(serializers.modality_table(review, modalities, rows, request))
    context = {"review": review, "modalities": modalities, "rows": rows, "table_caption": review.caption("comparison")}
    return render(request, "reviews/modality_comparison.html", context)
