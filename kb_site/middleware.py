"""What every request goes through, once for the whole site.

* A NUL character anywhere in the path or a query parameter is a 400 before any view
  runs: no page can use one, and PostgreSQL refuses it in a query (a 500 otherwise).
* A view that raises kb_site.http.BadParameter answers the site's 400 (HTML or JSON).
* A page past the end of a list (kb_site.http.PageOutOfRange) is a 404 that names the
  list's last page and links to it, in debug mode too.
* A database that is locked, busy or out of reach answers a 503 with Retry-After, never
  a 500 (kb_site.views.server_error does the same for failures outside the views, such
  as saving the session).
* Every answer varies with the Accept header (kb_site.http.requested_format reads it).
"""

from django.utils.cache import patch_vary_headers

from .http import BadParameter, PageOutOfRange, bad_request, is_database_unavailable, not_found, service_unavailable


def nul_problem(request):
    """A message when the path or a query parameter holds a NUL character, else None."""
    if "\x00" in request.path:
        return "The address holds a NUL character (%00), which no page can use."
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return f"The parameter {name.replace(chr(0), '%00')!r} holds a NUL character (%00), which no page can use."
    return None


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = nul_problem(request)
        if problem:
            back = request.path if "\x00" not in request.path else "/"
            response = bad_request(request, problem, back_url=back)
        else:
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept",))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return bad_request(request, exception.messages, errors=exception.errors)
        if isinstance(exception, PageOutOfRange):
            return not_found(request, str(exception), last_page=exception)
        if is_database_unavailable(exception):
            return service_unavailable(request, exception)
        return None
