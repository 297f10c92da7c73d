"""Curating reviews and papers: provenance read-only, edits marked so imports keep them, bulk edits."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q

from kb_site.admin import CuratedLinkInline, ProvenanceAdminMixin, short_title
from kb_site.cache import bump
from kb_site.models import Origin

from .models import Finding, Maturity, ModalityComparison, Paper, PrismaStage, Review, Section


class AuthorsField(forms.CharField):
    """The ordered author list as one "Family, Given names" per line."""

    widget = forms.Textarea(attrs={"rows": 8, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{a.get('family', '')}, {a.get('given', '')}".rstrip(", ") for a in value)
        return value

    def to_python(self, value):
        authors = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            family, _, given = (part.strip() for part in line.partition(","))
            if not family:
                raise forms.ValidationError(f"Line {number}: expected “Family, Given names”, found {line!r}.")
            authors.append({"family": family, "given": given})
        return authors


class ReviewForm(forms.ModelForm):
    authors = AuthorsField(required=False, help_text="One author per line, in order: “Family, Given names”.")
    licence_url = forms.URLField(label="Licence URL", required=False, assume_scheme="https")
    source_url = forms.URLField(label="Source URL", required=False, assume_scheme="https")

    class Meta:
        model = Review
        fields = (
            "title", "slug", "authors", "is_published", "doi", "server", "version_date", "licence", "licence_url",
            "source_url", "version_note", "metadata_sources", "captions", "is_edited",
        )  # fmt: skip


class NamedRowForm(forms.ModelForm):
    """A changelist row's editable fields named for screen readers by their column and their paper
    ("Task of Artificial intelligence–enabled rapid diagnosis…"): the columns' headers do not label them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label} of {self.instance}"


# The review's parts are stacked, a few fields a row, so that its form fits a 1280 px screen (as a
# table, the key figures' nine columns made it 2,182 px wide) and every field has its label (a tabular
# inline names its columns only in headers).
class PrismaStageInline(admin.StackedInline):
    model = PrismaStage
    extra = 0
    fields = (("position", "count", "kind"), ("label", "reason", "query"))
    classes = ("collapse",)


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0
    fields = (("position", "key", "category"), ("label", "value", "unit"), ("population", "note", "is_derived"))
    classes = ("collapse",)


class ModalityComparisonInline(admin.StackedInline):
    model = ModalityComparison
    extra = 0
    fields = (("aspect", "modality", "position"), "text")
    verbose_name = "modality comparison statement"
    classes = ("collapse",)


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = (("position", "part", "level"), ("heading", "anchor"), "text")
    classes = ("collapse",)


@admin.register(Review)
class ReviewAdmin(ProvenanceAdminMixin, admin.ModelAdmin):
    form = ReviewForm
    list_display = ("short_title", "server", "version_date", "paper_count", "is_published", "is_edited")
    list_display_links = ("short_title",)
    list_filter = ("is_published", "server", "is_edited")
    search_fields = ("title", "slug", "doi")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (PrismaStageInline, FindingInline, ModalityComparisonInline, SectionInline)
    inlines += (CuratedLinkInline,)  # the entry's curated links of its across panel (kb_site.across)
    fieldsets = (
        (None, {"fields": ("title", "slug", "authors", "is_published")}),
        (
            "This version",
            {"fields": ("doi", "server", "version_date", "licence", "licence_url", "source_url", "version_note")},
        ),
        ("Where the metadata came from", {"classes": ("collapse",), "fields": ("metadata_sources",)}),
        ("Captions of its tables and figures, verbatim", {"classes": ("collapse",), "fields": ("captions",)}),
        ProvenanceAdminMixin.provenance_fieldset,
    )

    @admin.display(description="title", ordering="title")
    def short_title(self, review):
        return short_title(review.title)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_papers=Count("papers"))

    @admin.display(description="papers", ordering="n_papers")
    def paper_count(self, review):
        return review.n_papers


@admin.register(Paper)
class PaperAdmin(ProvenanceAdminMixin, admin.ModelAdmin):
    # Columns that fit a 1280 px screen with the three bulk-edit selects: the title cut short.
    list_display = ("reference", "short_title", "first_author", "task", "modality", "maturity", "is_published")
    list_display_links = ("short_title",)
    list_editable = ("task", "modality", "maturity")  # bulk edit straight from the changelist
    list_filter = ("task", "modality", "maturity", "is_published", "is_edited", "review")
    list_select_related = ("review",)
    search_fields = ("title", "first_author", "=reference")
    prepopulated_fields = {"slug": ("first_author", "title")}
    actions = ("publish", "unpublish", "set_maturity_high", "set_maturity_medium", "set_maturity_low")
    inlines = (CuratedLinkInline,)  # the entry's curated links of its across panel (kb_site.across)
    fieldsets = (
        (None, {"fields": ("review", "title", "slug", "first_author", "reference", "is_published")}),
        ("Rating", {"fields": ("task", "modality", "maturity")}),
        ProvenanceAdminMixin.provenance_fieldset,
    )

    @admin.display(description="title", ordering="title")
    def short_title(self, paper):
        return short_title(paper.title, 60)

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=NamedRowForm, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        obj.review.render_citations()  # a paper's title and publication show in its review's citation links

    @admin.action(description="Publish the selected entries", permissions=["change"])
    def publish(self, request, queryset):
        super().publish(request, queryset)
        self._render_citations(queryset)

    @admin.action(description="Unpublish the selected entries", permissions=["change"])
    def unpublish(self, request, queryset):
        super().unpublish(request, queryset)
        self._render_citations(queryset)

    def _render_citations(self, queryset):
        for review in Review.objects.filter(papers__in=queryset).distinct():
            review.render_citations()

    def _set_maturity(self, request, queryset, maturity):
        # imported papers edited here are kept by later imports (like an edit in the form)
        queryset.filter(~Q(origin=Origin.ADMIN), ~Q(maturity=maturity)).update(is_edited=True)
        updated = queryset.update(maturity=maturity)
        bump(queryset.model._meta.app_label)  # update() sends no signals: cached counts and facets follow
        self.message_user(request, f"{updated} set to {maturity.label.lower()} maturity.", messages.SUCCESS)

    @admin.action(description="Set maturity: high", permissions=["change"])
    def set_maturity_high(self, request, queryset):
        self._set_maturity(request, queryset, Maturity.HIGH)

    @admin.action(description="Set maturity: medium", permissions=["change"])
    def set_maturity_medium(self, request, queryset):
        self._set_maturity(request, queryset, Maturity.MEDIUM)

    @admin.action(description="Set maturity: low", permissions=["change"])
    def set_maturity_low(self, request, queryset):
        self._set_maturity(request, queryset, Maturity.LOW)
