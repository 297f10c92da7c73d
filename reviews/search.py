"""The reviews' part of the site-wide search: the papers and the sections of published reviews.

Each kind is ranked by its own index (a paper's title and a section's heading weigh
more than the rest) and the two are merged best first. Results say what they are:
a paper the review rates, or a section of the review's own text.
"""

from kb_site.search import Found, Kind, as_query, highlight, ranked

from .models import Paper, Section

PAPERS = Kind("paper", "papers")
SECTIONS = Kind("section of a review", "sections of a review")
SECTION_FIELDS = ("review__slug", "review__title", "position", "part", "heading", "anchor", "text")
PAPER_FIELDS = ("review__slug", "review__title", "slug", "title", "first_author", "reference", "task", "modality")


def search(query, *, offset=0, limit=10):
    """Found: papers and sections of published reviews matching `query` (a Query, or its text), best first."""
    query = as_query(query)
    if not query or limit <= 0:
        return Found(kinds=[(PAPERS, 0), (SECTIONS, 0)])
    papers = Paper.objects.published().filter(review__is_published=True).select_related("review")
    sections = Section.objects.filter(review__is_published=True).select_related("review")
    found_papers = ranked(papers.only(*PAPER_FIELDS), query, limit=offset + limit)
    found_sections = ranked(sections.only(*SECTION_FIELDS), query, limit=offset + limit)
    scored = [(p.search_score, 0, n, _paper_result(p, query)) for n, p in enumerate(found_papers.entries)]
    scored += [(s.search_score, 1, n, _section_result(s, query)) for n, s in enumerate(found_sections.entries)]
    scored.sort(key=lambda item: item[:3])
    return Found(
        found_papers.total + found_sections.total,
        [result for *_, result in scored[offset : offset + limit]],
        found_papers.capped or found_sections.capped,
        [(PAPERS, found_papers.total), (SECTIONS, found_sections.total)],
    )


def _paper_result(paper, query):
    cited = f"cited as [{paper.reference}] " if paper.reference else ""
    return {
        "title": paper.title,
        "url": paper.get_absolute_url(),
        "snippet": highlight(paper.title, query, width=None),
        "meta": f"Paper by {paper.first_author} et al., {cited}in “{paper.review.title}” · "
        f"{paper.get_task_display()} · {paper.get_modality_display()}",
        "kind": "Paper",
    }


def _section_result(section, query):
    return {
        "title": section.title or section.review.title,
        "url": section.get_absolute_url(),
        "snippet": highlight(section.text, query),
        "meta": f"Section of the review “{section.review.title}”",
        "kind": "Section of the review",
    }
