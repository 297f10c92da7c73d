"""The reviews' part of the site-wide search: sections of published reviews and their published papers.

PostgreSQL: weighted full-text search (a paper's title and a section's heading
weigh A, the rest B; configuration english) over `search_vector`, which
triggers keep up to date (migration 0002); `websearch` queries, `SearchRank`,
snippets from `SearchHeadline`, sanitized.

SQLite: every folded query word must appear in the folded `search_text`;
matches in the title (a paper's title, a section's heading: the first line of
`search_text`) rank before matches elsewhere; snippets from kb_site.search.highlight.

Four queries either way: a count and a page per model, merged best first.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import StrIndex, Substr

from kb_site.markup import sanitize_html
from kb_site.search import capped_matches, highlight, query_words

from .models import Paper, Section

SECTION_FIELDS = ("review__slug", "review__title", "position", "part", "heading", "anchor")
PAPER_FIELDS = ("review__slug", "review__title", "slug", "title", "first_author", "reference", "task", "modality")


def search(query, *, offset=0, limit=10):
    """(total, [{"title", "url", "snippet", "meta"}]) for published entries, best first."""
    if not query_words(query) or limit <= 0:
        return 0, []
    papers = Paper.objects.published().filter(review__is_published=True)
    sections = Section.objects.filter(review__is_published=True)
    run = _postgres if connection.vendor == "postgresql" else _fallback
    total, scored = run(query, papers, sections, offset + limit)
    scored.sort(key=lambda item: item[0])
    return total, [result for _, result in scored[offset : offset + limit]]


def _postgres(query, papers, sections, wanted):
    terms = SearchQuery(query, search_type="websearch", config="english")
    paper_total, papers = capped_matches(papers.filter(search_vector=terms))
    section_total, sections = capped_matches(sections.filter(search_vector=terms))
    total = paper_total + section_total

    def headline(field, **options):
        return SearchHeadline(field, terms, config="english", start_sel="<mark>", stop_sel="</mark>", **options)

    found_papers = (
        papers.select_related("review")
        .only(*PAPER_FIELDS)
        .annotate(rank=SearchRank(F("search_vector"), terms), snippet=headline("title", highlight_all=True))
        .order_by("-rank", "review_id", "reference", "pk")[:wanted]
    )
    found_sections = (
        sections.select_related("review")
        .only(*SECTION_FIELDS)
        .annotate(rank=SearchRank(F("search_vector"), terms), snippet=headline("text", max_words=40, min_words=20))
        .order_by("-rank", "review_id", "position")[:wanted]
    )
    scored = [((-p.rank, 0, n), _paper_result(p, sanitize_html(p.snippet))) for n, p in enumerate(found_papers)]
    scored += [((-s.rank, 1, n), _section_result(s, sanitize_html(s.snippet))) for n, s in enumerate(found_sections)]
    return total, scored


def _fallback(query, papers, sections, wanted):
    words = query_words(query)
    every_word = Q()
    for word in words:
        every_word &= Q(search_text__contains=word)
    in_title = Q()
    for word in words:
        in_title &= Q(first_line__contains=word)
    first_line = Substr("search_text", 1, StrIndex("search_text", Value("\n")))
    miss = Case(When(in_title, then=Value(0)), default=Value(1))
    papers = papers.filter(every_word)
    sections = sections.filter(every_word)
    total = papers.count() + sections.count()
    found_papers = (
        papers.select_related("review")
        .only(*PAPER_FIELDS)
        .alias(first_line=first_line)
        .annotate(miss=miss)
        .order_by("miss", "review_id", F("reference").asc(nulls_last=True), "pk")[:wanted]
    )
    found_sections = (
        sections.select_related("review")
        .only(*SECTION_FIELDS, "text")
        .alias(first_line=first_line)
        .annotate(miss=miss)
        .order_by("miss", "review_id", "position")[:wanted]
    )
    scored = [((p.miss, 0, n), _paper_result(p, highlight(p.title, query))) for n, p in enumerate(found_papers)]
    scored += [((s.miss, 1, n), _section_result(s, highlight(s.text, query))) for n, s in enumerate(found_sections)]
    return total, scored


def _paper_result(paper, snippet):
    cited = f"cited as [{paper.reference}] " if paper.reference else ""
    return {
        "title": paper.title,
        "url": paper.get_absolute_url(),
        "snippet": snippet,
        "meta": f"Paper by {paper.first_author} et al., {cited}in “{paper.review.title}” · "
        f"{paper.get_task_display()} · {paper.get_modality_display()}",
    }


def _section_result(section, snippet):
    return {
        "title": section.title or section.review.title,
        "url": section.get_absolute_url(),
        "snippet": snippet,
        "meta": f"Section of the review “{section.review.title}”",
    }
