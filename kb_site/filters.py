"""Filter pieces every collection's FilterSet uses."""

import re

import django_filters
from django import forms
from django_filters.fields import ChoiceField as FilterChoiceField

from . import search
from .params import WholeNumberField, shown
from .text import fold


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
        request = getattr(self.parent, "request", None)  # the list's FilterSet and its facets' share one answer
        memo = request.__dict__.setdefault("_kb_search_ids", {}) if request is not None else None
        found = search.matching(qs, value, memo=memo)
        self.parent.search_ids = {self.field_name: found.ids}  # a list's facets start from them (kb_site.listing)
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

    def labels(self, values):
        """{value: how a reader knows it} for the values (cleaned) that name rows: a skill's name for its
        slug. The chips of the filters in force use it (one query) when a value is not among the facet's
        options; a value left out is shown as written."""
        return {}


# Forgiving choices ---------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s_-]+")


def choice_key(text):
    """What a choice is known by, whatever way a reader writes it: folded case (every alphabet), and
    spaces, hyphens and underscores alike. `CT`, `ct`; `Severity Assessment`, `severity_assessment`
    and `severity-assessment` each give one key."""
    folded = fold(str(text)).strip()
    lead = "-" if folded.startswith("-") else ""  # `-title` (descending) is not `title`
    return lead + _SEPARATORS.sub("-", folded.lstrip("-")).strip("-")


class LenientChoiceField(FilterChoiceField):
    """A choice that matches its value or its label in any case (`?modality=CT` is `ct`,
    `?task=Severity Assessment` is `severity-assessment`), like Datasette's facets. What matches no
    choice is still invalid: a 400 naming the parameter."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return self.choice_keys().get(choice_key(value), value)

    def choice_keys(self):
        choices = [(str(choice), str(label)) for choice, label in self.choices if choice not in self.empty_values]
        keys = {choice_key(label): choice for choice, label in choices}
        keys.update({choice_key(choice): choice for choice, _ in choices})  # a value wins over a label
        return keys


class ChoiceFilter(django_filters.ChoiceFilter):
    """django-filter's ChoiceFilter with forgiving values (see LenientChoiceField)."""

    field_class = LenientChoiceField


class OrderingFilter(django_filters.OrderingFilter):
    """`?sort=` with forgiving values: `Title` is `title`, `-TITLE` is `-title`."""

    field_class = LenientChoiceField
