"""The admin site's title, and what every collection's ModelAdmin shares."""

from django.conf import settings
from django.contrib import admin, messages

from .cache import bump

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Curate the knowledge base"


class ProvenanceAdminMixin:
    """Read-only provenance; saving an imported entry in admin marks it edited.

    Use with a ModelAdmin of a model that has kb_site.models.Provenance and Publishable.
    Inline changes count as edits too.
    """

    provenance_fieldset = (
        "Provenance",
        {"classes": ("collapse",), "fields": ("origin", "source", "imported_at", "checksum", "is_edited")},
    )
    actions = ("publish", "unpublish")

    def get_readonly_fields(self, request, obj=None):
        return tuple(super().get_readonly_fields(request, obj)) + ("origin", "source", "imported_at", "checksum")

    def mark_edited(self, obj):
        if obj.pk and obj.origin != "admin" and not obj.is_edited:
            type(obj).objects.filter(pk=obj.pk).update(is_edited=True)
            bump(obj._meta.app_label)
            obj.is_edited = True

    def save_model(self, request, obj, form, change):
        if change and form.has_changed() and obj.origin != "admin":
            obj.is_edited = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if change and formset.has_changed():
            self.mark_edited(form.instance)

    @admin.action(description="Publish the selected entries")
    def publish(self, request, queryset):
        updated = queryset.update(is_published=True)
        bump(queryset.model._meta.app_label)  # update() sends no signals
        self.message_user(request, f"{updated} published.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected entries")
    def unpublish(self, request, queryset):
        updated = queryset.update(is_published=False)
        bump(queryset.model._meta.app_label)
        self.message_user(request, f"{updated} unpublished.", messages.SUCCESS)
