from django.apps import AppConfig
from django.urls import reverse


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Systematic reviews"
    collection_title = "Systematic reviews"
    seed_file = "002_fbfd4bd7059abbbb.txt"
    import_command = "import_reviews"

    def collection_summary(self):
        """The home page card: published reviews only, two queries."""
        from .models import Review

        reviews = Review.objects.published().for_list()
        count = reviews.count()
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
            for review in reviews[:3]
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
        }

    def search(self, query, *, offset=0, limit=10):
        """Site-wide search over published reviews' sections and papers, best first."""
        from .search import search

        return search(query, offset=offset, limit=limit)

    # generate_demo_data --papers N (see reviews/demo.py)
    demo_option = "papers"

    def generate_demo_data(self, count, *, rng, batch_size):
        from .demo import generate

        return generate(count, rng=rng, batch_size=batch_size)

    def clear_demo_data(self):
        from .demo import clear

        return clear()
