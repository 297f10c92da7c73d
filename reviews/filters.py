"""Query parameters of the review list and the papers table: each one passes through these FilterSets."""

import django_filters
from django.db.models import F
from django.db.models.functions import Lower

from kb_site.filters import ChoiceFilter, OrderingFilter, SearchFilter

from .models import Maturity, Modality, Paper, Review, Task


class StableOrderingFilter(OrderingFilter):
    """`?sort=`: text columns alphabetically whatever their case (the same on SQLite and PostgreSQL),
    and the primary key last so that pages never share or skip rows on ties."""

    def __init__(self, *args, text_fields=(), nullable_fields=(), **kwargs):
        self.text_fields = set(text_fields)
        self.nullable_fields = set(nullable_fields)
        super().__init__(*args, **kwargs)

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        name = value.lstrip("-")
        descending = value.startswith("-")
        if name in self.text_fields:
            return Lower(name).desc() if descending else Lower(name).asc()
        if name in self.nullable_fields:
            # Blanks last either way: SQLite and PostgreSQL put NULLs at opposite ends by default.
            return F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
        return value

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "pk") if value else qs


def choice_filter(choices, noun):
    """A value of `choices`, or its label, in any case (`CT` = `ct`, `Severity Assessment` = `severity-assessment`)."""
    values = ", ".join(value for value, _ in choices)
    return ChoiceFilter(
        choices=choices,
        empty_label=f"Any {noun}",
        error_messages={
            "invalid_choice": f"%(value)s is not a {noun} this table knows; use one of {values} (any case)."
        },
    )


class ReviewFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words of the title, the authors or the DOI.")
    sort = StableOrderingFilter(fields=(("version_date", "date"), ("title", "title")), text_fields=("title",))

    class Meta:
        model = Review
        fields = []


class PaperFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words of the title or the first author's name.")
    task = choice_filter(Task.choices, "task")
    modality = choice_filter(Modality.choices, "modality")
    maturity = choice_filter(Maturity.choices, "maturity")
    sort = StableOrderingFilter(
        fields=(
            ("reference", "reference"),
            ("title", "title"),
            ("first_author", "first_author"),
            ("task", "task"),
            ("modality", "modality"),
            ("maturity", "maturity"),
        ),
        text_fields=("title", "first_author"),
        nullable_fields=("reference",),
    )

    class Meta:
        model = Paper
        fields = []
