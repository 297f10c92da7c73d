from django.contrib import admin
from django.db.models import Count

from kb_site.admin import CuratedLinkInline, ProvenanceAdminMixin, SearchableRelatedFilter

from .models import Industry, Role, RoleIndustry, RoleSkill, SalaryRange, Section, Skill, SkillAlias, Statistic


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    ordering = ("position",)
    fields = (("position", "kind"), ("heading", "is_heading_inferred"), "anchor", "body", "closing")


class SalaryRangeInline(admin.StackedInline):
    """Stacked, three fields a row: ten columns side by side made the role's form 2,277 px wide."""

    model = SalaryRange
    extra = 0
    ordering = ("position",)
    fields = (
        ("position", "kind", "label"),
        ("min_amount", "max_amount", "currency"),
        ("period", "market", "year"),
        "note",
    )


class StatisticInline(admin.StackedInline):
    """Stacked, like the salary ranges, so that the form fits a 1280 px screen."""

    model = Statistic
    extra = 0
    ordering = ("position",)
    fields = (("position", "qualifier", "value", "unit"), ("label", "group", "year"), "population")


# Stacked, a row each: a stacked inline labels every field (a tabular one names its columns only in
# headers, which leaves its inputs without labels for screen readers).
class RoleSkillInline(admin.StackedInline):
    model = RoleSkill
    extra = 0
    ordering = ("position",)
    autocomplete_fields = ("skill",)
    fields = (("position", "skill", "source_name"),)
    verbose_name = "skill"
    verbose_name_plural = "skills (in the order the page names them)"
    classes = ("collapse",)


class RoleIndustryInline(admin.StackedInline):
    model = RoleIndustry
    extra = 0
    ordering = ("position",)
    autocomplete_fields = ("industry",)
    fields = (("position", "industry"), "companies")


@admin.register(Role)
class RoleAdmin(ProvenanceAdminMixin, admin.ModelAdmin):
    list_display = (  # fits a 1280 px screen (tests/browser/test_admin.py); the short name is in the search
        "title",
        "is_published",
        "is_in_depth",
        "incomplete",
        "completeness",
        "salary_span",
        "origin",
        "is_edited",
    )
    list_filter = (
        "is_published",
        "is_in_depth",
        "is_possibly_incomplete",
        "origin",
        "is_edited",
        ("industries", SearchableRelatedFilter),
        ("skills", SearchableRelatedFilter),
    )
    search_fields = ("title", "short_name", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("related",)
    view_on_site = True
    inlines = (SectionInline, SalaryRangeInline, StatisticInline, RoleSkillInline, RoleIndustryInline)
    inlines += (CuratedLinkInline,)  # the entry's curated links of its across panel (kb_site.across)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("title", "slug"),
                    ("short_name", "is_published", "is_in_depth"),
                    ("is_possibly_incomplete", "incomplete_note"),
                    "summary",
                    "intro",
                    "conclusion",
                    "related",
                )
            },
        ),
        ProvenanceAdminMixin.provenance_fieldset,
    )

    @admin.display(description="incomplete?", boolean=True, ordering="is_possibly_incomplete")
    def incomplete(self, role):
        """The import found its page cut short (the filter "By possibly incomplete" lists them)."""
        return role.is_possibly_incomplete

    @admin.display(description="derived salary span", ordering="salary_max")
    def salary_span(self, role):
        """Lowest to highest figure of the role's ranges, across their labels: derived, said so."""
        return role.derived_salary_span or "—"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_derived()  # salary band and search text follow the inlines


class UsedByRolesMixin:
    ordering = ("name",)  # explicit: the count annotation groups rows, which drops Meta.ordering

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role_count=Count("roles", distinct=True))

    @admin.display(description="roles", ordering="role_count")
    def role_count(self, obj):
        return obj.role_count


class SkillAliasInline(admin.TabularInline):
    """Other names of the skill: an import that meets one links this skill (roles/vocabulary.py adds the first)."""

    model = SkillAlias
    extra = 1
    fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    verbose_name = "alias"
    verbose_name_plural = "aliases (other names an import links to this skill)"


@admin.register(Skill)
class SkillAdmin(UsedByRolesMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "slug", "alias_names", "role_count")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (SkillAliasInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_names(self, skill):
        return ", ".join(alias.name for alias in skill.aliases.all()) or "—"


@admin.register(Industry)
class IndustryAdmin(UsedByRolesMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "role_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
