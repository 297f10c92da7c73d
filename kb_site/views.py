"""Site-wide pages: home, health, and the error pages in the site's layout."""

from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from .collections import collection_configs
from .http import bad_request, wants_json
from .search import MAX_QUERY_LENGTH


def home(request):
    collections = []
    for config in collection_configs():
        summary = {"label": config.label, "title": config.collection_title, **config.collection_summary()}
        collections.append(summary)
    return render(request, "kb_site/home.html", {"collections": collections})


def search(request):
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        return bad_request(request, f"q must be at most {MAX_QUERY_LENGTH} characters long; it has {len(query)}.")
    return render(request, "kb_site/search.html", {"query": query, "groups": []})


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
