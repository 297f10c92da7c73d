"""The admin site's title, and what every collection's ModelAdmin shares."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.utils.html import format_html
from django.utils.text import Truncator

from .cache import bump
from .models import CuratedLink, Origin, Provenance

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Curate the knowledge base"
# The navigation sidebar takes 300 px of a 1280 px screen from every changelist and form, which then
# scroll sideways; the admin's index and the breadcrumbs lead everywhere it does.
admin.site.enable_nav_sidebar = False

TITLE_LENGTH = 70  # a changelist shows this much of a long title; the whole one is its tooltip and its page


def short_title(text, length=TITLE_LENGTH):
    """A long title cut for a changelist column, whole in its tooltip."""
    text = text or ""
    cut = Truncator(text).chars(length)
    return format_html('<span title="{}">{}</span>', text, cut) if cut != text else text


class SearchableFilterMixin:
    """A list filter with many values (hashtags, skills, industries): a box above its list narrows it as
    the curator types (static/js/admin-filters.js; without the script the whole list shows), and the
    list scrolls instead of stretching the page. Use with any of Django's list filters."""

    template = "admin/kb_site/searchable_filter.html"


class SearchableRelatedFilter(SearchableFilterMixin, admin.RelatedOnlyFieldListFilter):
    """The related rows the listed entries use, searchable (see SearchableFilterMixin)."""


class ProvenanceAdminMixin:
    """Read-only provenance; saving an imported entry in admin marks it edited.

    Use with a ModelAdmin of a model that has kb_site.models.Provenance and Publishable.
    Inline changes count as edits too. Every action changes entries, so each one requires
    the model's change permission (`permissions=["change"]`): a curator who may only view
    sees no action at all, and a forged POST changes nothing.
    """

    provenance_fieldset = ("Provenance", {"classes": ("collapse",), "fields": Provenance.PROVENANCE_FIELDS})
    actions = ("publish", "unpublish")

    class Media:
        css = {"all": ("css/admin.css",)}
        js = ("js/admin-filters.js",)

    def get_readonly_fields(self, request, obj=None):
        editable = {"is_edited"}  # a curator may hand an entry back to the imports
        provenance = tuple(name for name in Provenance.PROVENANCE_FIELDS if name not in editable)
        return tuple(super().get_readonly_fields(request, obj)) + provenance

    def mark_edited(self, obj):
        if obj.pk and obj.origin != Origin.ADMIN and not obj.is_edited:
            type(obj).objects.filter(pk=obj.pk).update(is_edited=True)
            bump(obj._meta.app_label)
            obj.is_edited = True

    def save_model(self, request, obj, form, change):
        if change and form.has_changed() and obj.origin != Origin.ADMIN:
            obj.is_edited = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # A curated link is about the panel, not the entry: imports go on updating the entry.
        if change and formset.has_changed() and formset.model is not CuratedLink:
            self.mark_edited(form.instance)

    @admin.action(description="Publish the selected entries", permissions=["change"])
    def publish(self, request, queryset):
        updated = queryset.update(is_published=True)
        bump(queryset.model._meta.app_label)  # update() sends no signals
        self.message_user(request, f"{updated} published.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected entries", permissions=["change"])
    def unpublish(self, request, queryset):
        updated = queryset.update(is_published=False)
        bump(queryset.model._meta.app_label)
        self.message_user(request, f"{updated} unpublished.", messages.SUCCESS)


class CuratedLinksFormSet(BaseGenericInlineFormSet):
    """Each link names an entry that exists, in another collection than the entry it is made on.

    A change form posted without the links' fields at all (opened before this inline existed, or sent
    by a script that knows only the entry's own fields) leaves the links as they are, instead of
    refusing the whole save for a missing management form.
    """

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        total = f"{prefix or self.get_default_prefix()}-TOTAL_FORMS"
        if data is not None and total not in data:
            data = data.copy()
            data.update({total: "0", total.replace("TOTAL", "INITIAL"): "0"})
        super().__init__(data, *args, prefix=prefix, **kwargs)

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            target_type, target_id = data.get("target_type"), data.get("target_id")
            if data.get("DELETE") or target_type is None or target_id is None:
                continue
            if target_type.app_label == self.instance._meta.app_label:
                form.add_error("target_type", "The panel lists the other collections only: choose one of theirs.")
            elif not target_type.model_class()._base_manager.filter(pk=target_id).exists():
                form.add_error("target_id", f"There is no {target_type.name} number {target_id}.")


class CuratedLinkInline(GenericTabularInline):
    """An entry's curated links on its "Across the knowledge base" panel (kb_site.across): pin an entry of
    another collection (it shows first, marked "picked by a curator"), or hide a suggestion for good.
    Every collection's ModelAdmin with a panel lists it among its inlines."""

    model = CuratedLink
    formset = CuratedLinksFormSet
    ct_field = "source_type"
    ct_fk_field = "source_id"
    fields = ("action", "target_type", "target_id", "linked_entry", "note")
    readonly_fields = ("linked_entry",)
    extra = 0
    verbose_name = "curated link of the “Across the knowledge base” panel"
    verbose_name_plural = "Across the knowledge base: links pinned or hidden by a curator"

    @admin.display(description="entry")
    def linked_entry(self, link):
        target = link.target if link.pk else None
        if target is None:
            return "—"
        return format_html('<a href="{}">{}</a>', target.get_absolute_url(), short_title(str(target)))
