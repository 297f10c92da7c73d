"""Responses shared by every page: format negotiation, 400 and 404 in HTML or JSON."""

from django.http import JsonResponse
from django.shortcuts import render

FORMATS = ("html", "json", "csv")


def wants_json(request):
    """True when the reader asked for JSON: `?format=json`, or an Accept header preferring it."""
    if request.GET.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def bad_request(request, messages, *, errors=None, status=400):
    """A 400 with a readable message, as HTML in the site's layout or as JSON."""
    if isinstance(messages, str):
        messages = [messages]
    if wants_json(request):
        body = {"error": "bad request", "messages": list(messages)}
        if errors:
            body["errors"] = errors
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "400.html", {"messages": messages, "back_url": request.path}, status=status)


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
