"""The site-wide search page's results: each collection's Found, cached, paged and described.

kb_site.views.search validates the parameters and renders; this module asks each
collection (its AppConfig's `search` hook) and turns the answers into groups.
"""

from dataclasses import dataclass
from functools import partial

from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode

from ..cache import cached, request_versions
from ..collections import collection_configs
from ..markup import sanitize_html
from ..querystring import query_url

GROUP_SIZE = 5  # results per collection on the combined page
PAGE_SIZE = 20  # results per page within one collection


@dataclass
class Group:
    label: str
    title: str
    found: object  # kb_site.search.Found
    page: int
    size: int
    more_url: str | None = None
    next_url: str | None = None
    previous_url: str | None = None

    @property
    def count(self):
        return self.found.total

    @property
    def capped(self):
        return self.found.capped

    @property
    def results(self):
        return self.found.results

    @property
    def start(self):
        return (self.page - 1) * self.size + 1

    @property
    def summary(self):
        return self.found.summary()


def _found(config, query, page, size):
    found = config.search(query, offset=(page - 1) * size, limit=size)
    for result in found.results:  # built from escaped text and <mark>; sanitized once more on the way out
        result["snippet"] = sanitize_html(result.get("snippet", ""))
    return found


def _links(request, group, only):
    shown_to = (group.page - 1) * group.size + len(group.results)
    if not only and group.count > len(group.results):
        group.more_url = query_url(request, collection=group.label, page=None)
    if only and shown_to < group.count:
        group.next_url = query_url(request, page=group.page + 1)
    if only and group.page > 1:
        group.previous_url = query_url(request, page=group.page - 1 if group.page > 2 else None)


def search_groups(request, query, *, only="", page=1):
    """One Group per collection searched (every collection, or `only` that one), in the site's order.

    Results are cached per collection under its version. A page past a collection's results is a 404.
    """
    size = PAGE_SIZE if only else GROUP_SIZE
    versions = request_versions(request)
    groups = []
    for config in collection_configs():
        if only and config.label != only:
            continue
        found = cached(
            config.label,
            ["search", str(query), page, size],
            partial(_found, config, query, page, size),
            version=versions.get(config.label, 0),
        )
        if page > 1 and not found.results:
            raise Http404(f"There is no page {page} of {config.collection_title.lower()} results.")
        group = Group(config.label, config.collection_title, found, page, size)
        _links(request, group, only)
        groups.append(group)
    return groups


def describe(groups):
    """The sentence above the results: how many, and across how many collections."""
    total = sum(group.count for group in groups)
    more = "+" if any(group.capped for group in groups) else ""
    matched = [group for group in groups if group.count]
    noun = "result" if total == 1 else "results"
    if not matched:
        return "No results."
    if len(groups) == 1:
        return f"{total:,}{more} {noun} in {groups[0].title.lower()}."
    if len(matched) == 1:
        return f"{total:,}{more} {noun}, all in {matched[0].title.lower()}."
    return f"{total:,}{more} {noun} across {len(matched)} collections."


def as_json(request, text, groups):
    """The JSON answer: every group with its results, URLs absolute."""

    def absolute(url):
        return request.build_absolute_uri(url) if url else None

    return {
        "query": text,
        "count": sum(group.count for group in groups),
        "groups": [
            {
                "collection": group.label,
                "title": group.title,
                "count": group.count,
                "count_is_lower_bound": group.capped,
                "kinds": {kind.plural: n for kind, n in group.found.kinds},
                "page": group.page,
                "next": absolute(group.next_url or group.more_url),
                "results": [
                    {**result, "url": absolute(result["url"]), "collection": group.label} for result in group.results
                ],
            }
            for group in groups
        ],
    }


def mentions(request, query, text, *, exclude=(), size=GROUP_SIZE):
    """Where the collections other than `exclude` mention `query` (a skill's page: posts and the review that
    name the skill): one Group each, its first `size` results, cached like the search page's own, and
    `more_url` to the search page for that collection when there are more. `text` is what the search
    box shows on that page."""
    versions = request_versions(request)
    groups = []
    for config in collection_configs():
        if config.label in exclude:
            continue
        found = cached(
            config.label,
            ["search", str(query), 1, size],
            partial(_found, config, query, 1, size),
            version=versions.get(config.label, 0),
        )
        group = Group(config.label, config.collection_title, found, 1, size)
        if group.count > len(group.results):
            group.more_url = f"{reverse('search')}?{urlencode({'collection': config.label, 'q': text})}"
        groups.append(group)
    return groups
