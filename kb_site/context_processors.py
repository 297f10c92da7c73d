from django.conf import settings

from .http import query_param


def site(request):
    """What every page's layout needs: the site's name, the current section, the search query."""
    match = request.resolver_match
    section = (match.namespace or match.url_name) if match else ""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "section": section,
        "search_query": (query_param(request, "q") or "") if section == "search" else "",
    }
