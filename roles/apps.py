from django.apps import AppConfig
from django.urls import reverse


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Career roles"
    collection_title = "Career roles"
    seed_file = "000_0fd3161aa7286deb.txt"
    import_command = "import_roles"

    def collection_summary(self):
        """The home page card: published roles only, two queries."""
        from .models import Role

        published = Role.objects.published()
        count = published.count()
        # In-depth profiles (the subject of their page) first, then the related careers.
        highlights = published.only(
            "title", "slug", "short_name", "salary_min", "salary_max", "salary_currency"
        ).order_by("-is_in_depth", "title")[:5]
        return {
            "count": count,
            "count_label": "role" if count == 1 else "roles",
            "url": reverse("roles:list"),
            "description": "Profiles of AI careers (each source page's role in depth, and the careers it lists "
            "as related) with salaries, skills, industries and market statistics. Filter, compare, export.",
            "highlights": [
                {
                    "title": role.title,
                    "url": role.get_absolute_url(),
                    "meta": f"{role.salary_band} a year" if role.salary_band else "no salary figures in the source",
                }
                for role in highlights
            ],
        }

    def search(self, query, *, offset=0, limit=10):
        """Site-wide search over published roles, best first: (total, results)."""
        from .search import search_roles

        return search_roles(query, offset=offset, limit=limit)

    # generate_demo_data --roles N (see roles/demo.py)
    demo_option = "roles"

    def generate_demo_data(self, count, *, rng, batch_size):
        from .demo import generate

        return generate(count, rng=rng, batch_size=batch_size)

    def clear_demo_data(self):
        from .demo import clear

        return clear()
