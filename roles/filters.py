"""The role list's query parameters: every one passes through this FilterSet's form.

q           the search language (kb_site.search.query) over the title, summary and every section
skill       repeatable skill slug: roles having all of them
industry    an industry slug
            (a slug of no skill or industry is no error: the list is empty, with a notice)
salary_min  roles whose salary range reaches at least this much (salary_max >= value);
            roles without salary figures drop out
sort        title, -title, salary (lowest first), -salary (highest first)
"""

import re

import django_filters
from django import forms
from django.db.models import F

from kb_site.filters import AllOfFilter, MultipleValueField, NamedValues, SearchFilter, WholeNumberFilter
from kb_site.params import shown

from .models import Industry, Role, Skill

SLUG_RE = re.compile(r"^[-a-z0-9]+$")
MAX_SALARY = 100_000_000


def _check_slugs(values, noun):
    """Malformed slugs are a 400; slugs of rows that do not exist are not (see NamedSlugs.unmatched)."""
    bad = [value for value in values if not SLUG_RE.match(value)]
    if bad:
        raise forms.ValidationError(
            f"{shown(bad[0])} is not a valid {noun} slug (lowercase letters, digits and hyphens)."
        )


class SlugListField(MultipleValueField):
    """Repeatable slugs (`?skill=python&skill=sql`)."""

    def __init__(self, *args, noun="value", **kwargs):
        self.noun = noun
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        _check_slugs(value or [], self.noun)


class SlugField(forms.CharField):
    """One slug (`?industry=healthcare`)."""

    def __init__(self, *args, noun="value", **kwargs):
        self.noun = noun
        kwargs.setdefault("max_length", 150)
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            _check_slugs([value], self.noun)


class NamedSlugs(NamedValues):
    """Slugs of `model` rows: one that names no row empties the list, with a notice."""

    def __init__(self, *args, model, noun, **kwargs):
        self.named_model = model  # not `model`: a FilterSet sets that to the list's own model
        self.noun = noun
        super().__init__(*args, noun=noun, **kwargs)

    def unmatched(self, values):
        known = set(self.named_model.objects.filter(slug__in=values).values_list("slug", flat=True))
        return [value for value in values if value not in known]


class SlugFilter(NamedSlugs, django_filters.CharFilter):
    field_class = SlugField


class SlugsAllOfFilter(NamedSlugs, AllOfFilter):
    field_class = SlugListField


class RoleOrderingFilter(django_filters.OrderingFilter):
    """Sort by title or salary band; roles without salary figures always come last."""

    LABELS = {
        "title": "Title, A to Z",
        "-title": "Title, Z to A",
        "-salary": "Salary, highest first",
        "salary": "Salary, lowest first",
    }

    def build_choices(self, fields, labels):
        return [(value, label) for value, label in self.LABELS.items()]

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            descending = param.startswith("-")
            field_name = self.param_map[param.lstrip("-")]
            expression = F(field_name)
            ordering.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
        return qs.order_by(*ordering, "title", "id")


class RoleFilter(django_filters.FilterSet):
    q = SearchFilter(help_text="Words in the title, summary or any section.")
    skill = SlugsAllOfFilter(field_name="skills__slug", model=Skill, noun="skill", label="Skills")
    industry = SlugFilter(field_name="industries__slug", model=Industry, noun="industry", label="Industry")
    salary_min = WholeNumberFilter(
        field_name="salary_max",
        lookup_expr="gte",
        min_value=0,
        max_value=MAX_SALARY,
        label="Salary reaches at least (USD a year)",
    )
    sort = RoleOrderingFilter(fields=(("title", "title"), ("salary_max", "salary")), label="Sort by")

    class Meta:
        model = Role
        fields = []
