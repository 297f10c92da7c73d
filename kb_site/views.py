"""Site-wide pages: home, health, and the error pages in the site's layout."""

import sys
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from .cache import cached, request_versions
from .collections import collection_configs
from .forms import SearchForm
from .http import (
    HTML,
    JSON,
    BadParameter,
    bad_request,
    is_database_unavailable,
    json_response,
    not_found,
    requested_format,
    service_unavailable,
    wants_json,
)
from .markup import sanitize_html
from .querystring import query_url
from .search import CANDIDATE_CAP

SEARCH_GROUP_SIZE = 5  # results per collection on the combined page
SEARCH_PAGE_SIZE = 20  # results per page within one collection


def home(request):
    requested_format(request, (HTML,))  # no other format: ?format=json is a 400 here as anywhere
    collections = []
    versions = request_versions(request)
    for config in collection_configs():
        summary = cached(config.label, ["home"], config.collection_summary, version=versions.get(config.label, 0))
        collections.append({"label": config.label, "title": config.collection_title, **summary})
    sources = [line for collection in collections for line in collection.get("sources", [])]
    return render(request, "kb_site/home.html", {"collections": collections, "sources": sources})


def _search_group(config, query, page, size):
    """One collection's results for the search page: (total, results with sanitized snippets)."""
    total, results = config.search(query, offset=(page - 1) * size, limit=size)
    return total, [{**r, "snippet": sanitize_html(r.get("snippet", ""))} for r in results]


def search(request):
    """One search over every collection: results grouped by collection, ranked, paged per group.

    `?q=` the query (at most 200 characters); `?collection=posts&page=2` pages
    through one collection's results. Each collection searches its own published
    entries through its AppConfig's `search` hook (full text on PostgreSQL).
    """
    fmt = requested_format(request)
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise BadParameter.from_form(form)
    query = form.cleaned_data["q"]
    only = form.cleaned_data["collection"]
    page = form.cleaned_data["page"] or 1
    size = SEARCH_PAGE_SIZE if only else SEARCH_GROUP_SIZE

    groups = []
    if query:
        versions = request_versions(request)
        for config in collection_configs():
            if only and config.label != only:
                continue
            total, results = cached(
                config.label,
                ["search", query, page, size],
                partial(_search_group, config, query, page, size),
                version=versions.get(config.label, 0),
            )
            capped = total > CANDIDATE_CAP  # a very common word: ranked among the first matches only
            total = min(total, CANDIDATE_CAP)
            if page > 1 and not results:
                raise Http404(f"There is no page {page} of {config.collection_title.lower()} results.")
            shown_to = (page - 1) * size + len(results)
            groups.append(
                {
                    "label": config.label,
                    "title": config.collection_title,
                    "count": total,
                    "capped": capped,
                    "results": results,
                    "page": page,
                    "start": (page - 1) * size + 1,
                    "more_url": query_url(request, collection=config.label, page=None)
                    if not only and total > len(results)
                    else None,
                    "next_url": query_url(request, page=page + 1) if only and shown_to < total else None,
                    "previous_url": query_url(request, page=page - 1 if page > 2 else None)
                    if only and page > 1
                    else None,
                }
            )
    total = sum(group["count"] for group in groups)

    if fmt == JSON:
        body = {
            "query": query,
            "count": total,
            "groups": [
                {
                    "collection": g["label"],
                    "title": g["title"],
                    "count": g["count"],
                    "count_is_lower_bound": g["capped"],
                    "page": g["page"],
                    "next": request.build_absolute_uri(g["next_url"] or g["more_url"])
                    if (g["next_url"] or g["more_url"])
                    else None,
                    "results": [
                        {**r, "url": request.build_absolute_uri(r["url"]), "collection": g["label"]}
                        for r in g["results"]
                    ],
                }
                for g in groups
            ],
        }
        return json_response(body)
    context = {"form": form, "query": query, "groups": groups, "total": total, "only": only}
    return render(request, "kb_site/search.html", context)


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))  # resolved per request: the manifest may be late


@never_cache
def healthz(request):
    """200 after a database round trip; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return json_response(
            {"status": "error", "database": "unreachable", "detail": exc.__class__.__name__}, status=503
        )
    return json_response({"status": "ok", "database": "ok", "vendor": connection.vendor})


def bad_request_view(request, exception):
    """Django's own 400s (a malformed request, too many parameters): the site's 400, without details."""
    return bad_request(request, "The request could not be read.", back_url="/")


def page_not_found(request, exception):
    return not_found(request, "There is nothing at this address.")


def server_error(request):
    """A 503 when the database is busy or out of reach (here when it failed outside a view, for
    example saving the session; kb_site.middleware answers those inside views); otherwise the 500
    page, rendered without context processors: the database may be what failed."""
    exc = sys.exc_info()[1]
    if exc is not None and is_database_unavailable(exc):
        return service_unavailable(request, exc)
    if wants_json(request):
        return json_response({"error": "server error"}, status=500)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"SITE_NAME": settings.SITE_NAME}))
