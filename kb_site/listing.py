"""The list machinery every collection uses.

A collection declares a `Listing` (its FilterSet, facets, template, JSON and
CSV shape) and its view calls `listing.response(request, queryset)`. This
module then does the rest, the same way for every list on the site:

* every query parameter passes through the FilterSet's form; an invalid value
  is a 400 with a readable message, in HTML or JSON (kb_site.http.BadParameter);
* a well-formed value that names nothing (a skill or a tag that does not exist,
  see kb_site.filters.NamedValues) is no error: the list is empty, with a notice;
* `?format=json` (or `Accept: application/json`) answers
  `{"count", "next", "previous", "notices", "results"}`, `page_size` from 1 to
  KB_MAX_PAGE_SIZE (500); numbers are ASCII digits within their range, or a 400;
* `?format=csv` streams every matching row (not just one page), each cell safe
  from spreadsheet formulas (`csv_cell`); a database that cannot answer is a 503
  before the first byte;
* pages come from `Paginator(orphans=...)`; a page past the end is a 404 that says how
  many pages there are and links to the last (kb_site.http.PageOutOfRange);
* facet counts are computed on the filtered queryset by set intersection (kb_site.postings):
  one query for the filtered ids, each facet value's entries kept per collection version;
  the HTML page's count is the number of those ids. Each option links to the list with
  that value toggled (page dropped). A facet shows its
  `limit` most frequent values, and its selected ones; when it has more, a "Show all (N)"
  link (`?show_all=<param>`) expands it to every value (up to FACET_MAX_OPTIONS), with counts;
* the filters in force are listed above the results as chips, each removable
  (`active_filters`), and so are the values the page itself stands for (a tag page's
  tag: `implied`, marked as current in its facet and linking back to the whole list).
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from itertools import chain, islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from .cache import cached, request_versions
from .filters import MultipleValueField, NamedValues, SearchFilter
from .http import CSV, FORMATS, JSON, BadParameter, PageOutOfRange, json_response, requested_format
from .params import shown, whole_number
from .postings import IdList, Ordering, Postings, bitmap, id_bitmap, ids_of
from .querystring import query_url

# From this offset on, a page's ids are fetched before its rows (see Listing.page_entries).
DEEP_PAGE_OFFSET = 1000

# `?show_all=skill`: the skill facet lists every value (up to FACET_MAX_OPTIONS), not only its top ones.
SHOW_ALL = "show_all"
FACET_MAX_OPTIONS = 500

# The keys of facet_counts()'s result that hold the number of entries listed, and their ids when
# there are at most FEW of them (the page is then found among them: see Listing.page_entries).
COUNT = "__count__"
FEW_IDS = "__ids__"
FEW = 500
# ...and the key of all their ids, as a bitmap: a page is found from them (Listing.ordered_page).
ALL_IDS = "__bits__"

# Parameters that change how a list is shown, not which entries it holds.
NON_FILTER_PARAMS = {"page", "page_size", "format", "sort", SHOW_ALL}


@dataclass(frozen=True)
class Facet:
    """A facet: the options of one filter parameter, each with its count.

    param        the query parameter an option sets (`skill`)
    field        ORM path whose values are the options (`skills__slug`)
    label_field  ORM path of the label shown (`skills__name`); None: the value itself
    choices      for enumerations: value -> label (a TextChoices' `.choices`)
    label_of     for values named by a function of the value (an emoji's name): value -> label
    multiple     the parameter repeats (`?tag=a&tag=b`): options toggle in and out
    limit        the options shown at first, the most frequent; "Show all (N)" expands the rest
    value_is_symbol  the value is a symbol (an emoji) shown before its label, hidden from screen readers,
                 which read the label (the emoji's name) instead
    """

    param: str
    title: str
    field: str
    label_field: str | None = None
    choices: tuple = ()
    label_of: object = None
    multiple: bool = False
    limit: int = 25
    value_is_symbol: bool = False

    def label(self, value, label_value):
        """How an option is named: its label field's value, its choice's label, label_of's, or the value."""
        if self.label_field:
            return str(label_value)
        if self.label_of:
            return str(self.label_of(value))
        return str(dict(self.choices).get(value, value))


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    current: bool = False  # the value the page itself stands for (a tag page's tag)


@dataclass
class FacetGroup:
    facet: Facet
    options: list = field(default_factory=list)
    total: int = 0  # how many values the facet has on this list (FACET_MAX_OPTIONS + 1: more than that)
    show_all_url: str | None = None  # set when some values are hidden
    show_fewer_url: str | None = None  # set when expanded

    @property
    def title(self):
        return self.facet.title

    @property
    def param(self):
        return self.facet.param

    @property
    def is_capped(self):
        return self.total > FACET_MAX_OPTIONS


@dataclass
class ActiveFilter:
    """A filter in force, shown as a chip above the results: `Skills: Python ×`."""

    param: str
    title: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class Implied:
    """A filter value the page itself stands for (a tag page's tag): `leave_url` is the list without it."""

    param: str
    value: str
    label: str
    leave_url: str


class CountedPaginator(Paginator):
    """A Paginator told its count (cached by the list), so it need not ask the database."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


class Echo:
    """A file-like object whose write() returns what it was given (for streaming CSV)."""

    def write(self, value):
        return value


@dataclass(frozen=True)
class Paging:
    """The requested page and page size, read from ASCII digits within their range (else BadParameter)."""

    number: int
    size: int

    @classmethod
    def from_request(cls, request, default_size):
        limit = settings.KB_MAX_PAGE_SIZE
        size = _number_param(request, "page_size", default_size, 1, limit, f"a whole number from 1 to {limit}")
        pages = settings.KB_MAX_PAGE
        number = _number_param(request, "page", 1, 1, pages, f"a whole number from 1 to {pages}")
        return cls(number, size)


def _number_param(request, name, default, minimum, maximum, wanted):
    raw = request.GET.get(name)
    if raw is None:
        return default
    number = whole_number(raw, minimum, maximum)
    if number is None:
        raise BadParameter(f"{name} must be {wanted}, not {shown(raw)}.")
    return number


class Listing:
    """What a collection declares about its list page. Subclass and fill in."""

    filterset_class = None
    template_name = None
    facets = ()
    csv_filename = "export.csv"
    csv_columns = ()  # (header, function of an entry) pairs; get_csv_columns(request) may build them per request
    page_size = None
    orphans = 3
    csv_chunk_size = 1000

    def serialize(self, obj, request):
        """One entry as a JSON object (must include "url")."""
        raise NotImplementedError

    def get_csv_columns(self, request):
        """The CSV's (header, function of an entry) pairs; override to use the request (absolute URLs)."""
        return self.csv_columns

    def facet_rows(self, facet, model):
        """(value, label, IdList of its entries) for each value of `facet` on the entries of `model`,
        published or not: what the facet's postings are read from, once per collection version. Override
        to read them from narrower tables (a many-to-many relation's own)."""
        label = facet.label_field or facet.field
        rows = model._base_manager.filter(**{f"{facet.field}__isnull": False}).order_by()
        return rows.values(facet.field, label).annotate(ids=IdList("pk")).values_list(facet.field, label, "ids")

    # The machinery -----------------------------------------------------------

    def response(self, request, queryset, *, context=None, implied=()):
        """The list's answer (HTML, JSON or CSV). `implied`: the Implied values the page stands for."""
        fmt = requested_format(request, FORMATS)
        filterset = self.filterset_class(request.GET, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise BadParameter.from_form(filterset.form)
        expanded = self.expanded_facet(request)
        filtered = filterset.qs
        if fmt == CSV:
            return self.csv_response(request, filtered)

        paging = Paging.from_request(request, self.page_size or settings.KB_PAGE_SIZE)
        label = filtered.model._meta.app_label
        version = request_versions(request).get(label, 0)  # once per request: counts and facets share it
        count, facet_counts = self.counts(request, filterset, label, version, facets=fmt != JSON)
        paginator = CountedPaginator(filtered, paging.size, orphans=min(self.orphans, paging.size - 1), count=count)
        page = self.get_page(request, paginator, paging.number)
        ordered = self.ordered_page(request, filterset, page, facet_counts, version)
        if ordered is not None:
            entries = self.rows_of(filterset, ordered)
        else:
            entries = self.page_entries(filtered, page, few=self.few_rows(filterset, facet_counts))
        # Every NamedValues filter narrows to entries having the value, so a list with entries has no
        # value that names nothing: the lookups are needed only when the list is empty.
        notices = self.notices(filterset) if not count else []

        if fmt == JSON:
            return self.json_response(request, page, entries, notices)
        facets = self.facet_groups(request, filterset, facet_counts, expanded=expanded, implied=implied)
        ctx = {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "paginator": paginator,
            "entries": entries,
            "result_count": paginator.count,
            "notices": notices,
            "facets": facets,
            "active_filters": self.active_filters(request, filterset, facets, implied),
            "is_filtered": self.is_filtered(filterset),
            "search_capped": getattr(filterset, "search_capped", 0),  # see kb_site.filters.SearchFilter
            "previous_url": query_url(request, page=page.previous_page_number()) if page.has_previous() else None,
            "next_url": query_url(request, page=page.next_page_number()) if page.has_next() else None,
            "json_url": query_url(request, format="json", page=None, **{SHOW_ALL: None}),
            "csv_url": query_url(request, format="csv", page=None, page_size=None, **{SHOW_ALL: None}),
            "clear_url": request.path,
        }
        ctx.update(context or {})
        return render(request, self.template_name, ctx)

    def get_page(self, request, paginator, number):
        """The page asked for; past the end, a 404 that names the last page and links to it."""
        try:
            return paginator.page(number)
        except EmptyPage:
            last = paginator.num_pages
            raise PageOutOfRange(number, last, query_url(request, page=last if last > 1 else None)) from None

    def counts(self, request, filterset, label, version, *, facets=True):
        """(the number of entries listed, facet_counts() or None), cached per collection version and filters.

        With `facets` (the HTML page), the facets' query of the filtered ids counts them too, and the
        list's JSON reuses that count; otherwise (JSON, or a list without facets) the database counts."""
        count_key = self.cache_key(request, "count")
        if not facets or not self.facets:
            return cached(label, count_key, filterset.qs.count, version=version), None
        compute = partial(self.facet_counts, request, filterset, version)
        found = cached(label, self.cache_key(request, "facets"), compute, version=version)
        return cached(label, count_key, lambda: found[COUNT], version=version), found

    def few_rows(self, filterset, facet_counts):
        """A short list's rows found by their ids (see facet_counts), in the list's order; None for a long one.

        The ids stand for the filters, which need not be tested again: the rows come from the list's
        queryset before filtering (with the filters' order), unless a filter annotated the rows."""
        few = (facet_counts or {}).get(FEW_IDS)
        if few is None:
            return None
        filtered = filterset.qs
        if filtered.query.annotations or filtered.query.distinct:
            return filtered.filter(pk__in=few)
        rows = filterset.queryset.filter(pk__in=few)
        return rows.order_by(*filtered.query.order_by) if filtered.query.order_by else rows

    def ordered_page(self, request, filterset, page, facet_counts, version):
        """The page's ids, walked from the list's Ordering (kb_site.postings) for the filtered ids the
        facets' count found; None when the list has no such ids (JSON) or its order is not the model's
        own (an annotation), and the database finds the page instead. The ordering holds the entries of
        ids_scope() (the list's published entries: its order's index answers it), shared by its filters."""
        bits = (facet_counts or {}).get(ALL_IDS)
        filtered = filterset.qs
        query = filtered.query
        order = tuple(query.order_by or (query.default_ordering and filtered.model._meta.ordering) or ())
        if bits is None or not order or query.annotations or "?" in order:
            return None
        model = filtered.model
        scope, path = self.ids_scope(request, filterset)
        queryset = scope.order_by(*order)
        parts = ["ordering", model._meta.label, path, [str(term) for term in order]]
        ordering = cached(model._meta.app_label, parts, partial(Ordering.of, queryset), version=version, keep=True)
        return ordering.page(bits, page.start_index() - 1, page.end_index()) if page.paginator.count else []

    def rows_of(self, filterset, ids):
        """The rows of `ids`, in that order, from the list's queryset before filtering (the ids stand for the
        filters): one query, and one per prefetched relation."""
        found = {entry.pk: entry for entry in self.html_rows(filterset.queryset).filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def html_rows(self, queryset):
        """The list's queryset as the HTML page's cards need it (by default, as it is); override to read less
        than the JSON and CSV rows do."""
        return queryset

    def page_entries(self, filtered, page, few=None):
        """The page's entries. `few`: the rows of a short list (few_rows), whose page is then found among
        them. Deep pages take their ids first, then fetch those rows.

        A filter that keeps few entries, walked in the list's order, reads the order index to its end
        looking for them (a tag on one post of 100k: 35 ms on SQLite); found from their ids, the
        database reads and sorts only those (1 ms). A large OFFSET over full rows makes the database
        read and drop every row before the page; over the primary keys alone it reads only the index
        (the "deferred join"): at 100k posts on PostgreSQL, 240 ms became a few milliseconds. The ids
        are a subquery of the rows' query, so a deep page costs no query more than another.
        """
        if few is not None:
            return list(few[page.start_index() - 1 : page.end_index()]) if page.paginator.count else []
        if page.start_index() <= DEEP_PAGE_OFFSET:
            return list(page.object_list)
        ids = filtered.values("pk")[page.start_index() - 1 : page.end_index()]
        return list(filtered.filter(pk__in=ids))  # the list's own order, kept by the outer query

    def notices(self, filterset):
        """One sentence per well-formed value that names nothing (a skill or tag that does not exist):
        not an error, but the reason the list is empty."""
        data = filterset.form.cleaned_data
        notices = []
        for name, declared in filterset.filters.items():
            values = data.get(name)
            if isinstance(declared, NamedValues) and values not in (None, "", [], ()):
                values = values if isinstance(values, (list, tuple)) else [values]
                notices += [declared.notice(value) for value in declared.unmatched(values)]
        return notices

    def cache_key(self, request, what, only=None, path=None):
        """What a cached count or facet list depends on: this list (its path) and its parameters (`only` those)."""
        names = [k for k in request.GET if k not in NON_FILTER_PARAMS and (only is None or k in only)]
        params = sorted((k, sorted(request.GET.getlist(k))) for k in names)
        return [what, type(self).__name__, path or request.path, params]

    def is_filtered(self, filterset):
        data = getattr(filterset.form, "cleaned_data", {}) or {}
        ignored = {"sort", "ordering", "o"}
        return any(value not in (None, "", [], ()) for name, value in data.items() if name not in ignored)

    def json_response(self, request, page, entries, notices=()):
        return json_response(self.json_body(request, page, entries, notices))

    def json_body(self, request, page, entries, notices=()):
        """The JSON answer's object; override to add what the page stands for (a skill page's skill)."""

        def link(number):
            return request.build_absolute_uri(query_url(request, page=number))

        return {
            "count": page.paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "notices": list(notices),
            "results": [self.serialize(obj, request) for obj in entries],
        }

    def csv_response(self, request, queryset):
        """Every matching row, streamed. The first rows are read before the response starts, so a
        database that cannot answer is a 503 (kb_site.middleware), not a file cut after its header."""
        columns = self.get_csv_columns(request)
        writer = csv.writer(Echo())
        rows = queryset.iterator(chunk_size=self.csv_chunk_size)
        first = list(islice(rows, self.csv_chunk_size))

        def lines():
            yield writer.writerow([header for header, _ in columns])
            for obj in chain(first, rows):
                yield writer.writerow([csv_cell(getter(obj)) for _, getter in columns])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
        return response

    def expanded_facet(self, request):
        """The facet `?show_all=` expands (None without it); a value naming no facet is a 400."""
        value = request.GET.get(SHOW_ALL)
        if value is None:
            return None
        params = [facet.param for facet in self.facets]
        if value not in params:
            wanted = f"one of {', '.join(params)}" if params else "absent: this list has no facets"
            raise BadParameter(f"{SHOW_ALL} must be {wanted}, not {shown(value)}.")
        return value

    def facet_groups(self, request, filterset, counts, *, expanded=None, implied=()):
        """Each facet's options, with their counts on the filtered list (see facet_counts)."""
        return [
            self.facet_group(
                request,
                facet,
                counts[facet.param],
                self.selected_values(filterset, facet),
                implied,
                expanded=facet.param == expanded,
            )
            for facet in self.facets
        ]

    def selected_list(self, filterset, facet):
        """The facet's parameter's values in force (cleaned), as a list."""
        value = filterset.form.cleaned_data.get(facet.param)
        return [] if value in (None, "") else list(value) if isinstance(value, (list, tuple)) else [value]

    def selected_values(self, filterset, facet):
        return {_facet_value(item) for item in self.selected_list(filterset, facet)}

    def facet_group(self, request, facet, counts, selected, implied, *, expanded):
        """One facet: its top `limit` options (all of them when expanded), then any selected one below the cut."""
        current = {item.value: item for item in implied if item.param == facet.param}
        if expanded:
            shown_counts = counts[:FACET_MAX_OPTIONS]
        else:
            below = counts[facet.limit : FACET_MAX_OPTIONS]
            shown_counts = counts[: facet.limit] + [c for c in below if c[0] in selected or c[0] in current]
        options = []
        for value, label, n in shown_counts:
            is_selected = value in selected or value in current
            url = current[value].leave_url if value in current else self.toggle_url(request, facet, value, is_selected)
            options.append(FacetOption(value, label, n, is_selected, url, current=value in current))
        group = FacetGroup(facet, options, total=len(counts))
        if len(counts) > facet.limit:
            if expanded:
                group.show_fewer_url = query_url(request, **{SHOW_ALL: None})
            else:
                group.show_all_url = query_url(request, **{SHOW_ALL: facet.param})
        return group

    def active_filters(self, request, filterset, groups, implied=()):
        """The filters in force as removable chips: the page's own values first, then each parameter's."""
        titles = {facet.param: facet.title for facet in self.facets}
        labels = {group.param: {option.value: option.label for option in group.options} for group in groups}
        chips = [
            ActiveFilter(item.param, titles.get(item.param, item.param), item.label, item.leave_url) for item in implied
        ]
        for name, declared in filterset.filters.items():
            written = [value for value in request.GET.getlist(name) if value.strip()]
            if name in NON_FILTER_PARAMS or not written:
                continue
            field = filterset.form.fields[name]
            title = titles.get(name) or ("Search" if isinstance(declared, SearchFilter) else declared.label or name)
            for raw in dict.fromkeys(written):
                label = self.value_label(declared, field, raw, labels.get(name, {}))
                others = [value for value in request.GET.getlist(name) if value != raw]
                chips.append(ActiveFilter(name, title, label, query_url(request, **{name: others, "page": None})))
        return chips

    def value_label(self, declared, field, raw, facet_labels):
        """How a chip names one written value: a facet option's, a named row's or a choice's label, a
        number, or the words."""
        if isinstance(declared, SearchFilter):
            return f"“{raw.strip()}”"
        value = _clean_one(field, raw)
        if _facet_value(value) in facet_labels:
            return facet_labels[_facet_value(value)]
        if isinstance(declared, NamedValues):
            return declared.labels([value]).get(value, raw.strip())
        choices = dict(getattr(field, "choices", ()) or ())
        if value in choices:
            return str(choices[value])
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    def facet_counts(self, request, filterset, version):
        """{COUNT: the number of entries listed, FEW_IDS: their ids when at most FEW (else None),
        param: [(value, label, count), ...]}: the filtered ids intersected with each value's postings
        (kb_site.postings, kept per collection version)."""
        model = filterset.qs.model
        ids = self.filtered_ids(request, filterset, version)
        count = ids.bit_count()
        counts = {COUNT: count, FEW_IDS: ids_of(ids) if count <= FEW else None, ALL_IDS: ids}
        for facet in self.facets:
            postings = self.postings(facet, model, version)
            found = postings.counts(ids, limit=FACET_MAX_OPTIONS + 1)
            counts[facet.param] = [(_facet_value(value), label, n) for value, label, n in found]
        return counts

    def filtered_ids(self, request, filterset, version):
        """The filtered entries' ids, as a bitmap (kb_site.postings).

        The filters the postings answer (postings_selection, and the page's own implied_selection)
        and the search index's matches (`q`, kb_site.filters.SearchFilter) are applied to the ids of
        the list without them (ids_scope), which are cached: a tag's posts are the whole list's ids and
        the tag's postings, without a query that tests every post for the tag. The database finds the rest."""
        model = filterset.qs.model
        selected = dict(self.implied_selection())
        for facet in self.facets:
            values = self.selected_list(filterset, facet)
            groups = self.postings_selection(facet, values, filterset) if values else None
            if groups is not None:
                selected[facet] = selected.get(facet, []) + groups
        searched = getattr(filterset, "search_ids", {})  # set by filterset.qs
        if not selected and not searched:
            return id_bitmap(filterset.qs)
        params = {facet.param for facet in selected} | set(searched)
        data = request.GET.copy()
        for param in params:
            data.pop(param, None)
        queryset, path = self.ids_scope(request, filterset)
        rest = self.filterset_class(data, queryset=queryset, request=request)
        if not rest.is_valid():  # cannot be, with fewer parameters; the database answers then
            return id_bitmap(filterset.qs)
        # Keyed by the other filters only: every value of these filters shares the entry.
        key = self.cache_key(request, "ids", only=set(rest.filters) - params, path=path)
        ids = cached(model._meta.app_label, key, lambda: id_bitmap(rest.qs), version=version)
        for found in searched.values():
            ids &= bitmap(found)
        for facet, groups in selected.items():
            postings = self.postings(facet, model, version)
            for group in groups:
                ids &= postings.any_of(group)
        return ids

    def ids_scope(self, request, filterset):
        """(queryset, path): the entries implied_selection() narrows, and the path of their list; by default
        the list's own entries and path."""
        return filterset.queryset, request.path

    def implied_selection(self):
        """{facet: [[value, ...], ...]}: the facet values the page itself stands for, which its entries all
        have (see postings_selection), within the wider ids_scope(). None by default."""
        return {}

    def postings_selection(self, facet, values, filterset):
        """How the postings answer the facet's filter for the written `values` (cleaned, a list): for each
        value, the facet values an entry must have one of ([[value], ...] for a filter that keeps the
        entries having every value); None (the default) when the database answers the filter."""
        return None

    def postings(self, facet, model, version):
        """The facet's Postings over every entry of `model`: one query, once per collection version."""

        def compute():
            return Postings.from_rows(self.facet_rows(facet, model), label_of=facet.label)

        parts = ["postings", model._meta.label, facet.field, facet.label_field]
        return cached(model._meta.app_label, parts, compute, version=version, keep=True)

    def toggle_url(self, request, facet, value, is_selected):
        if facet.multiple:
            current = request.GET.getlist(facet.param)
            values = [v for v in current if v != value] if is_selected else current + [value]
            return query_url(request, **{facet.param: values, "page": None})
        return query_url(request, **{facet.param: None if is_selected else value, "page": None})


def _clean_one(field, raw):
    """One written value as its field cleans it (a repeatable field cleans a list of one)."""
    try:
        value = field.clean([raw] if isinstance(field, MultipleValueField) else raw)
    except ValidationError:
        return raw
    if isinstance(value, (list, tuple)):
        return value[0] if value else raw
    return value


def _facet_value(value):
    if hasattr(value, "pk"):
        value = value.pk
    return "" if value is None else str(value)


# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): =, +, - and @ start one,
# and so do tab and carriage return (with their full-width forms, which some spreadsheets fold).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value):
    """A value as a CSV cell: lists joined with "; ", None empty, and text that a spreadsheet would
    run as a formula prefixed with a single quote, so that it shows as the text it is."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.lstrip(" \n").startswith(FORMULA_START):
        return "'" + value
    return value
