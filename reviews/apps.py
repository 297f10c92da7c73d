from django.urls import reverse

from kb_site import collections  # the module: Django must find one AppConfig class in this file


class ReviewsConfig(collections.CollectionConfig):
    name = "reviews"
    verbose_name = "Systematic reviews"
    collection_title = "Systematic reviews"
    seed_file = "002_fbfd4bd7059abbbb.txt"
    import_command = "import_reviews"
    search_function = "reviews.search.search"
    demo_option = "papers"  # generate_demo_data --papers N (reviews/demo.py)
    demo_model = "Review"
    across_key = "papers"  # in the other collections' "Across the knowledge base" panels (kb_site/across.py)
    across_heading = "Papers of the systematic review"
    across_model_name = "Paper"
    across_fields = ("title", "slug", "review__slug")

    def across_targets(self):
        """Published papers of published reviews, with the review's slug for their address."""
        return super().across_targets().filter(review__is_published=True).select_related("review")

    def collection_summary(self):
        """The home page card and its sources lines: published reviews only, two queries."""
        from .models import Review

        reviews = Review.objects.published().for_list()
        count = reviews.count()
        reviews = list(reviews[:3])
        highlights = [
            {
                "title": review.title,
                "url": review.get_absolute_url(),
                "meta": " · ".join(
                    part
                    for part in (
                        review.server,
                        f"{review.version_date:%-d %b %Y}" if review.version_date else "",
                        f"{review.paper_count} papers",
                    )
                    if part
                ),
            }
            for review in reviews
        ]
        return {
            "count": count,
            "count_label": "review" if count == 1 else "reviews",
            "url": reverse("reviews:list"),
            "description": (
                "A systematic review of AI in COVID-19 imaging as data: its highly mature papers, "
                "the modality comparison, the PRISMA flow and the key figures, with charts."
            ),
            "highlights": highlights,
            "sources": [review_source(review) for review in reviews],
        }


def review_source(review):
    """The home page's line on a review: its citation and licence, from the data."""
    families = [author.get("family", "") for author in review.authors if author.get("family")]
    posted = f"version posted {review.version_date.day} {review.version_date:%B %Y}" if review.version_date else ""
    return {
        "collection": "Review",
        "text": f"{families[0]}{' et al.' if len(families) > 1 else ''}," if families else "",
        "cite": review.title,
        "details": ", ".join(part for part in (review.server, posted) if part),
        "link_url": f"https://doi.org/{review.doi}" if review.doi else "",
        "link_text": f"doi:{review.doi}",
        "licence": review.licence,
        "licence_url": review.licence_url,
    }
