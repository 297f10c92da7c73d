"""Site-wide pages: home, health, and the error pages in the site's layout."""

from django.db import DatabaseError, connection
from django.http import HttpResponsePermanentRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from .cache import cached, current_versions
from .collections import collection_configs
from .forms import SearchForm
from .http import bad_request, form_error_messages, wants_json
from .search import site as site_search


def home(request):
    collections = []
    versions = current_versions()
    for config in collection_configs():
        summary = cached(config.label, ["home"], config.collection_summary, version=versions.get(config.label, 0))
        collections.append({"label": config.label, "title": config.collection_title, **summary})
    return render(request, "kb_site/home.html", {"collections": collections})


def search(request):
    """One search over every collection: results grouped by collection, ranked, paged per group.

    `?q=` the query (the language of kb_site.search.query, at most search.MAX_QUERY_LENGTH characters);
    `?collection=posts&page=2` pages through one collection's results (kb_site.search.site).
    """
    form = SearchForm(request.GET)
    if not form.is_valid():
        messages, errors = form_error_messages(form)
        return bad_request(request, messages, errors=errors)
    text = (form["q"].value() or "").strip()
    query, only = form.cleaned_data["q"], form.cleaned_data["collection"]
    groups = site_search.search_groups(request, query, only=only, page=form.cleaned_data["page"] or 1) if query else []
    if wants_json(request):
        return JsonResponse(site_search.as_json(request, text, groups), json_dumps_params={"ensure_ascii": False})
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
    """200 after a database round trip; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "detail": exc.__class__.__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


def page_not_found(request, exception):
    message = "There is nothing at this address."
    if wants_json(request):
        return JsonResponse({"error": "not found", "messages": [message]}, status=404)
    return render(request, "404.html", {"message": message, "path": request.path}, status=404)


def server_error(request):
    """Render 500.html without context processors: the database may be what failed."""
    if wants_json(request):
        return JsonResponse({"error": "server error"}, status=500)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"SITE_NAME": "AI Careers Knowledge Base"}))
