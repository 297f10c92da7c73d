"""Filter pieces every collection's FilterSet uses."""

import django_filters
from django import forms

from . import search
from .params import WholeNumberField, shown


class SearchQueryField(forms.CharField):
    """`q` in the query language of kb_site.search.query, parsed: a Query, or "" when there is nothing to look for."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", search.MAX_QUERY_LENGTH)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        query = search.parse(text)
        if not query and query.excluded:
            raise forms.ValidationError(
                "Say what to look for: -word leaves entries out, so a search needs at least one word without a minus.",
                code="only_exclusions",
            )
        return query or ""


class SearchFilter(django_filters.CharFilter):
    """`q`: the entries the search index finds for the query, in the list's own order.

    One query language on every database (kb_site.search.query); words match as
    stemmed words. A query matching more than CANDIDATE_CAP entries keeps the first
    of them and sets the FilterSet's `search_capped` to that number, so the page can say so.
    """

    field_class = SearchQueryField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Search")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        found = search.matching(qs, value)
        self.parent.search_capped = search.CANDIDATE_CAP if found.capped else 0
        return found.queryset


class MultipleValueField(forms.Field):
    """A repeatable query parameter (`?tag=a&tag=b`) as a list of strings."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *args, max_values=20, max_length=200, **kwargs):
        self.max_values = max_values
        self.max_length = max_length
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = [str(item).strip() for item in value if str(item).strip()]
        if len(values) > self.max_values:
            raise forms.ValidationError(f"At most {self.max_values} values may be given.")
        if any(len(item) > self.max_length for item in values):
            raise forms.ValidationError(f"Each value is at most {self.max_length} characters long.")
        return values


class AllOfFilter(django_filters.Filter):
    """Repeatable parameter: entries matching *all* the values (`?skill=a&skill=b`).

    Each value is one `.filter()` call, so a many-to-many relation is joined once
    per value and an entry must have every one of them. `prepare` turns each
    value into what is stored (for example `fold`, to match a folded key column
    case-insensitively in every alphabet, which `iexact` on SQLite does not).
    """

    field_class = MultipleValueField

    def __init__(self, *args, prepare=None, **kwargs):
        self.prepare = prepare
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        for item in value or []:
            if self.prepare:
                item = self.prepare(item)
            qs = qs.filter(**{f"{self.field_name}__{self.lookup_expr}": item})
        if value and self.distinct:
            qs = qs.distinct()
        return qs


class WholeNumberFilter(django_filters.NumberFilter):
    """A number parameter (`?min_reactions=3`): ASCII digits within the field's range, else a 400."""

    field_class = WholeNumberField


class NamedValues:
    """A filter whose values name rows that may not exist (a skill, an industry, a tag, an emoji).

    One rule for every list: a malformed value is a 400 (the field's validation); a
    well-formed value that names nothing is not an error: the list is simply empty,
    and kb_site.listing.Listing shows `notice(value)` for each value `unmatched` returns.
    """

    noun = "value"

    def unmatched(self, values):
        """The values (cleaned) that name no row; one query."""
        raise NotImplementedError

    def notice(self, value):
        return f"There is no {self.noun} called {shown(value)}, so nothing matches it."
