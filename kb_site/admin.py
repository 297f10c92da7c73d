"""The admin site's title, and what every collection's ModelAdmin shares."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.text import Truncator

from .cache import bump
from .models import Origin, Provenance

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
        if change and formset.has_changed():
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
