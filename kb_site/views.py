"""Site-wide pages: home, health, and the error pages in the site's layout."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError
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
from .search import site as site_search

logger = logging.getLogger(__name__)


def home(request):
    requested_format(request, (HTML,))  # no other format: ?format=json is a 400 here as anywhere
    collections = []
    versions = request_versions(request)
    for config in collection_configs():
        summary = cached(config.label, ["home"], config.collection_summary, version=versions.get(config.label, 0))
        collections.append({"label": config.label, "title": config.collection_title, **summary})
    sources = [line for collection in collections for line in collection.get("sources", [])]
    return render(request, "kb_site/home.html", {"collections": collections, "sources": sources})


def search(request):
    """One search over every collection: results grouped by collection, ranked, paged per group.

    `?q=` the query (the language of kb_site.search.query, at most search.MAX_QUERY_LENGTH characters);
    `?collection=posts&page=2` pages through one collection's results (kb_site.search.site).
    """
    fmt = requested_format(request)
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise BadParameter.from_form(form)
    text = (form["q"].value() or "").strip()
    query, only = form.cleaned_data["q"], form.cleaned_data["collection"]
    page = form.cleaned_data["page"] or 1
    groups = site_search.search_groups(request, query, only=only, page=page) if query else []
    if fmt == JSON:
        return json_response(site_search.as_json(request, text, groups))
    context = {
        "form": form,
        "query": text,
        "groups": groups,
        "total_line": site_search.describe(groups),
        "only": only,
    }
    return render(request, "kb_site/search.html", context)


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))  # resolved per request: the manifest may be late


@never_cache
def healthz(request):
    """200 after a database round trip; 503 when the database does not answer. Public: it names no
    database engine and no exception (the server's log has those)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("healthz: the database did not answer")
        return json_response({"status": "error", "database": "unreachable"}, status=503)
    return json_response({"status": "ok", "database": "ok"})


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
