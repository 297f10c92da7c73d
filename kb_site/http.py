"""Responses shared by every page: format negotiation, JSON, and the 400, 404 and 503 answers.

One rule for every page: `?format=` names the format (one the page offers, or a 400);
without it, a request whose Accept header prefers `application/json` to `text/html`
gets JSON, and anything else (a browser, `*/*`, no header) gets HTML.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

HTML, JSON, CSV = "html", "json", "csv"
FORMATS = (HTML, JSON, CSV)  # what a list offers
NEGOTIATED = ("text/html", "application/json")


class BadParameter(BadRequest):
    """A query parameter the page cannot use: raised anywhere in a view, answered by
    kb_site.middleware as a 400 with these messages (HTML or JSON)."""

    def __init__(self, messages, errors=None):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.errors = errors
        super().__init__(" ".join(self.messages))

    @classmethod
    def from_form(cls, form):
        messages, errors = form_error_messages(form)
        return cls(messages, errors)


class PageOutOfRange(Http404):
    """A page past the end of a list: answered by kb_site.middleware as a 404 that says how many pages
    the list has and links to the last one (`last_url`, the same list and format on its last page)."""

    def __init__(self, number, num_pages, last_url):
        self.number = number
        self.num_pages = num_pages
        self.last_url = last_url
        pages = "1 page" if num_pages == 1 else f"{num_pages:,} pages"
        super().__init__(f"There is no page {number:,}: this list has {pages}.")


def query_param(request, name):
    """A query parameter, or None also when the query string cannot be read at all (more parameters
    than DATA_UPLOAD_MAX_NUMBER_FIELDS): error pages must render for exactly those requests."""
    try:
        return request.GET.get(name)
    except SuspiciousOperation:
        return None


def prefers_json(request):
    """True when the Accept header ranks application/json above text/html (not for `*/*`)."""
    return request.get_preferred_type(NEGOTIATED) == "application/json"


def wants_json(request):
    """Whether an error page answers in JSON: `?format=json`, or the Accept header unless `?format=html`
    (a format the page does not know, or csv, still leaves the choice to the Accept header)."""
    fmt = query_param(request, "format")
    return fmt == JSON or (fmt != HTML and prefers_json(request))


def requested_format(request, allowed=(HTML, JSON)):
    """The format of the answer: `?format=` when it is one of `allowed` (else BadParameter: a 400);
    without it, JSON when the Accept header prefers it and the page offers it, else the first allowed."""
    fmt = request.GET.get("format")
    if fmt is None:
        return JSON if JSON in allowed and prefers_json(request) else allowed[0]
    if fmt not in allowed:
        raise BadParameter(f"format must be one of {', '.join(allowed)}, not {fmt!r}.")
    return fmt


def json_response(body, *, status=200, **kwargs):
    """JSON as people read it: UTF-8 text, not \\u escapes."""
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False}, **kwargs)


def bad_request(request, messages, *, errors=None, status=400, back_url=None):
    """A 400 with a readable message, as HTML in the site's layout or as JSON."""
    if isinstance(messages, str):
        messages = [messages]
    if wants_json(request):
        body = {"error": "bad request", "messages": list(messages)}
        if errors:
            body["errors"] = errors
        return json_response(body, status=status)
    context = {"messages": messages, "back_url": back_url or request.path}
    return render(request, "400.html", context, status=status)


def not_found(request, message, *, last_page=None):
    """A 404 in the site's layout or as JSON; `last_page` (a PageOutOfRange) adds the way back."""
    if wants_json(request):
        body = {"error": "not found", "messages": [message]}
        if last_page is not None:
            body["num_pages"] = last_page.num_pages
            body["last_page"] = request.build_absolute_uri(last_page.last_url)
        return json_response(body, status=404)
    context = {"message": message, "path": request.path, "last_page": last_page}
    return render(request, "404.html", context, status=404)


def form_error_messages(form):
    """One sentence per invalid parameter: `skill: Select a valid choice.`"""
    messages = []
    errors = {}
    for field, field_errors in form.errors.items():
        texts = [str(e) for e in field_errors]
        errors[field] = texts
        label = field if field != "__all__" else "parameters"
        for text in texts:
            messages.append(f"{label}: {text}")
    return messages, errors


# A busy or unreachable database ------------------------------------------------------------------

# SQLite result codes (Python 3.11+ names them on the exception) that mean "not now", not "wrong query".
SQLITE_UNAVAILABLE = re.compile(r"SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|PROTOCOL|FULL|READONLY)")
# PostgreSQL SQLSTATE classes and codes that mean the same: connection exceptions (08), insufficient
# resources (53), operator intervention (57: shutdown, cannot connect now, statement timeout),
# lock not available (55P03), serialization failure and deadlock (40001, 40P01).
POSTGRES_UNAVAILABLE = re.compile(r"08...|53...|57...|55P03|40001|40P01")


def is_database_unavailable(exc):
    """True when `exc` says the database cannot answer now (locked, busy, unreachable, restarting),
    as opposed to an error in the query, which stays a 500 so that it is seen and fixed."""
    if isinstance(exc, InterfaceError):  # the connection is gone
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlite_name = getattr(cause, "sqlite_errorname", None)
    if sqlite_name is not None:
        return bool(SQLITE_UNAVAILABLE.match(sqlite_name))
    if hasattr(cause, "pgcode") or hasattr(cause, "sqlstate"):  # psycopg2, psycopg 3
        code = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
        # No SQLSTATE at all: the server never answered (refused, unreachable, closed).
        return code is None or bool(POSTGRES_UNAVAILABLE.fullmatch(code))
    return "database is locked" in str(exc)


def service_unavailable(request, exc=None):
    """503 with Retry-After, in the site's layout (without the data-driven footer) or as JSON."""
    if exc is not None:
        logger.warning("Database unavailable for %s: %s", request.path, exc)
    retry_after = settings.KB_RETRY_AFTER
    message = "The database is busy or out of reach for a moment. Please try again shortly."
    if wants_json(request):
        response = json_response(
            {"error": "service unavailable", "messages": [message], "retry_after": retry_after}, status=503
        )
    else:
        response = render(request, "503.html", {"message": message, "retry_after": retry_after}, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
