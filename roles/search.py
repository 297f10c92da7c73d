"""The roles' part of the site-wide search: published roles, best first (kb_site.search does the work).

The title and short name weigh more than the summary and the sections; the snippet
is the passage of the profile's text around the first matched word.
"""

from django.db.models import prefetch_related_objects

from kb_site.search import Found, Kind, as_query, highlight, ranked

from .models import Role

ROLES = Kind("career role", "career roles")
RESULT_FIELDS = ("id", "title", "slug", "short_name", "summary", "body_text", "salary_min", "salary_max")


def search_roles(query, *, offset=0, limit=10):
    """Found: the published roles matching `query` (a kb_site.search Query, or its text)."""
    query = as_query(query)
    if not query or limit <= 0:
        return Found(kinds=[(ROLES, 0)])
    roles = Role.objects.published().only(*RESULT_FIELDS, "salary_currency")
    found = ranked(roles, query, offset=offset, limit=limit)
    prefetch_related_objects(list(found.entries), "salary_ranges")  # one query: the source's labelled ranges
    return Found(found.total, [_result(role, query) for role in found.entries], found.capped, [(ROLES, found.total)])


def _result(role, query):
    meta = ["Career role"]
    if role.short_name:
        meta.append(role.short_name)
    if salary := role.headline_salary:  # the source's own range, with its label: never a span across labels
        meta.append(f"{salary.label} {salary.short_range}" + (f" ({salary.context})" if salary.context else ""))
    return {
        "title": role.title,
        "url": role.get_absolute_url(),
        "snippet": highlight(role.body_text or role.summary, query),
        "meta": " · ".join(meta),
        "kind": "Career role",
    }
