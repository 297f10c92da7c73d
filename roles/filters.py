"""The role list's query parameters: every one passes through this FilterSet's form.

q           the search language (kb_site.search.query) over the title, summary and every section
skill       repeatable, roles having all of them: a skill's slug or its name in any case, or one of
            its aliases (`C/C++` is C++, `Microsoft Azure` is Azure)
industry    an industry's slug or its name in any case
            (a value naming no skill or industry is no error: the list is empty, with a notice)
salary_min  roles whose salary range reaches at least this much (salary_max >= value);
            roles without salary figures drop out
sort        -completeness (the default: the most complete profiles first), title, -title, salary (lowest
            first), -salary (highest first); salary sorts on the derived span (Role.salary_max)
"""

import django_filters
from django import forms
from django.db.models import F

from kb_site.filters import (
    AllOfFilter,
    MultipleValueField,
    NamedValues,
    OrderingFilter,
    SearchFilter,
    WholeNumberFilter,
)
from kb_site.text import fold, slugify

from .models import Industry, Role, Skill

MAX_SALARY = 100_000_000


def as_slug(value):
    """A skill or industry as its slug, however the reader writes it: the slug itself, or the name in any
    case (`Machine Learning`, `machine learning` and `machine-learning` are one skill; `C++` is
    `c-plus-plus`). A value no slug can come from (`Питон`, `!!!`) stays as written, folded: it names
    nothing, which is a notice, not an error."""
    return slugify(value, max_length=200) or fold(value).strip()


class SlugListField(MultipleValueField):
    """Repeatable skills (`?skill=python&skill=SQL`), each as its slug."""

    def to_python(self, value):
        return list(dict.fromkeys(as_slug(item) for item in super().to_python(value)))


class SlugField(forms.CharField):
    """One industry (`?industry=healthcare`, `?industry=Healthcare`), as its slug."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if self.max_length is not None and len(value) > self.max_length:  # checked on what was written
            raise forms.ValidationError(f"A value is at most {self.max_length} characters long.")
        return as_slug(value) if value else value


class NamedSlugs(NamedValues):
    """Slugs of `model` rows: one that names no row empties the list, with a notice."""

    def __init__(self, *args, model, noun, **kwargs):
        self.named_model = model  # not `model`: a FilterSet sets that to the list's own model
        self.noun = noun
        super().__init__(*args, **kwargs)

    def unmatched(self, values):
        names = self.names_of(values)
        return [value for value in values if value not in names]

    def labels(self, values):
        names = self.names_of(values)
        return {value: names[value] for value in values if value in names}

    def names_of(self, slugs):
        """{slug: name} of the rows `slugs` name, looked up once per slug for this request's filter (the
        chips above the list ask one value at a time)."""
        known = self.__dict__.setdefault("_names", {})
        missing = [slug for slug in slugs if slug not in known]
        if missing:
            found = dict(self.named_model.objects.filter(slug__in=missing).values_list("slug", "name"))
            known.update({slug: found.get(slug) for slug in missing})
        return {slug: known[slug] for slug in slugs if known[slug] is not None}


class SlugFilter(NamedSlugs, django_filters.CharFilter):
    field_class = SlugField


class SlugsAllOfFilter(NamedSlugs, AllOfFilter):
    field_class = SlugListField


class SkillsAllOfFilter(SlugsAllOfFilter):
    """Skills by slug, name or alias: an alias's slug stands for its skill's (one query a request)."""

    def canonical(self, values):
        """The written values as skill slugs, each alias as its skill's, in order, without repeats."""
        aliases = self.aliases_of(values)
        return list(dict.fromkeys(aliases[value] for value in values))

    def aliases_of(self, values):
        """{value: its skill's slug (itself unless an alias)}, looked up once per value for this request."""
        known = self.__dict__.setdefault("_aliases", {})
        missing = [value for value in dict.fromkeys(values or []) if value not in known]
        if missing:
            found = Skill.objects.slugs_for(missing)
            known.update({value: found.get(value, value) for value in missing})
        return known

    def filter(self, qs, value):
        return super().filter(qs, self.canonical(value))

    def unmatched(self, values):
        missing = set(super().unmatched(self.canonical(values)))
        return [value for value in values if self.aliases_of(values)[value] in missing]

    def labels(self, values):
        names = super().labels(self.canonical(values))
        aliases = self.aliases_of(values)
        return {value: names[aliases[value]] for value in values if aliases[value] in names}


class RoleOrderingFilter(OrderingFilter):
    """Sort by completeness, title or salary; roles without salary figures always come last."""

    LABELS = {
        "-completeness": "Most complete first",
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
    skill = SkillsAllOfFilter(field_name="skills__slug", model=Skill, noun="skill", label="Skills")
    industry = SlugFilter(field_name="industries__slug", model=Industry, noun="industry", label="Industry")
    salary_min = WholeNumberFilter(
        field_name="salary_max",
        lookup_expr="gte",
        min_value=0,
        max_value=MAX_SALARY,
        label="Salary reaches at least (USD a year)",
    )
    sort = RoleOrderingFilter(
        fields=(("completeness", "completeness"), ("title", "title"), ("salary_max", "salary")), label="Sort by"
    )

    class Meta:
        model = Role
        fields = []
