from django.conf import settings

from .http import query_param
from .search import MAX_QUERY_LENGTH


def site(request):
    """What every page's layout needs: the site's name, the current section, the search query and its limit."""
    match = request.resolver_match
    section = (match.namespace or match.url_name) if match else ""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "section": section,
        "search_query": (query_param(request, "q") or "") if section == "search" else "",
        "MAX_QUERY_LENGTH": MAX_QUERY_LENGTH,
    }
