"""Links that keep the reader's other query parameters."""

from django.utils.http import urlencode


def query_url(request, path=None, /, **changes):
    """The current path (or `path`) with the current parameters changed: None removes one, a list repeats it.

    `query_url(request, page=2)` keeps every filter and replaces `page`;
    facet and pagination links are built with it so nothing else is lost.
    """
    params = request.GET.copy()
    for name, value in changes.items():
        if value is None or value == []:
            params.pop(name, None)
        elif isinstance(value, (list, tuple)):
            params.setlist(name, [str(v) for v in value])
        else:
            params[name] = str(value)
    encoded = urlencode(sorted((k, params.getlist(k)) for k in params), doseq=True)
    path = path or request.path
    return f"{path}?{encoded}" if encoded else path
