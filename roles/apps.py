from django.urls import reverse

from kb_site import collections  # the module: Django must find one AppConfig class in this file


class RolesConfig(collections.CollectionConfig):
    name = "roles"
    verbose_name = "Career roles"
    collection_title = "Career roles"
    seed_file = "000_0fd3161aa7286deb.txt"
    import_command = "import_roles"
    search_function = "roles.search.search_roles"
    demo_option = "roles"  # generate_demo_data --roles N (roles/demo.py)
    demo_model = "Role"
    across_key = "roles"  # in the other collections' "Across the knowledge base" panels (kb_site/across.py)
    across_heading = "Career roles"
    across_model_name = "Role"
    across_fields = ("title", "slug")

    def collection_summary(self):
        """The home page card and its sources line: published roles only, two queries."""
        from django.db.models import Count, Q

        from .models import Role

        published = Role.objects.published()
        counts = published.aggregate(all=Count("pk"), deep=Count("pk", filter=Q(is_in_depth=True)))
        # In-depth profiles (the subject of their page) first, then the related careers.
        highlights = list(
            published.only("title", "slug", "short_name", "is_in_depth")
            .prefetch_related("salary_ranges")
            .order_by("-is_in_depth", "-completeness", "title")[:5]
        )
        return {
            "count": counts["all"],
            "count_label": "role" if counts["all"] == 1 else "roles",
            "url": reverse("roles:list"),
            "description": "Profiles of AI careers (each source page's role in depth, and the careers it lists "
            "as related) with salaries, skills, industries and market statistics. Filter, compare, export.",
            "highlights": [
                {
                    "title": role.title,
                    "url": role.get_absolute_url(),
                    "meta": highlight_salary(role.headline_salary),
                }
                for role in highlights
            ],
            "sources": role_sources(counts, [role.title for role in highlights if role.is_in_depth]),
        }


def highlight_salary(salary):
    """`Base Pay $128k–$240k (US market, 2024, per year)`: the source's own range with its label."""
    if salary is None:
        return "no salary figures in the source"
    return f"{salary.label} {salary.short_range}" + (f" ({salary.context})" if salary.context else "")


def role_sources(counts, deep_titles):
    """The home page's line on where the profiles come from, from the data."""
    if not counts["all"]:
        return []
    more = " and others" if counts["deep"] > len(deep_titles) else ""
    described = f"{', '.join(deep_titles)}{more} in depth" if deep_titles else ""
    others = counts["all"] - counts["deep"]
    related = f"{others} related career{'s' if others != 1 else ''}" if others else ""
    text = ", and ".join(part for part in (described, related) if part)
    return [{"collection": "Career profiles", "text": text, "note": "© their publishers, quoted for reference"}]
