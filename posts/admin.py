"""Curating posts: edit text (the HTML follows), fix reactions, tag, publish and unpublish.

Searching posts uses the site's search index and query language (kb_site.search), unpublished
posts included; tags are searched by their folded key. Saving an imported post marks it
edited, so later imports leave it alone unless run with --overwrite.
"""

from django.contrib import admin
from django.db import models
from django.db.models import Count

from kb_site import search
from kb_site.admin import CuratedLinkInline, ProvenanceAdminMixin, SearchableRelatedFilter, short_title
from kb_site.text import fold

from . import parsers
from .models import Channel, Hashtag, Link, Post, Reaction

# Addresses typed without a scheme are taken as https (Django 6's default, chosen now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ReactionInline(admin.TabularInline):
    model = Reaction
    extra = 0
    fields = ("position", "kind", "emoji", "custom_id", "count")


class LinkInline(admin.TabularInline):
    model = Link
    extra = 0
    fields = ("position", "url", "label", "domain")
    readonly_fields = ("domain",)
    formfield_overrides = URL_FIELDS


class ForwardedFilter(admin.SimpleListFilter):
    title = "forwarded"
    parameter_name = "forwarded"

    def lookups(self, request, model_admin):
        return (("yes", "Forwarded"), ("no", "The channel's own"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(forwarded_from="")
        if self.value() == "no":
            return queryset.filter(forwarded_from="")
        return queryset


@admin.register(Post)
class PostAdmin(ProvenanceAdminMixin, admin.ModelAdmin):
    # Columns that fit a 1280 px screen: the headline cut short (whole in its tooltip), the rest narrow;
    # the channel, media and the rest are filters.
    list_display = (
        "short_headline",
        "date",
        "position",
        "total_reactions",
        "is_forwarded",
        "is_published",
        "is_edited",
    )
    list_display_links = ("short_headline",)
    list_filter = (
        "channel",
        ("hashtags", SearchableRelatedFilter),
        ForwardedFilter,
        "has_media",
        "is_published",
        "is_edited",
    )
    list_select_related = ("channel",)
    list_per_page = 50
    search_fields = ("headline",)  # shows the search box; get_search_results does the searching
    search_help_text = "Words of the headline, text, link preview or forwarded-from channel, in any case."
    autocomplete_fields = ("hashtags",)
    inlines = (ReactionInline, LinkInline)
    inlines += (CuratedLinkInline,)  # the entry's curated links of its across panel (kb_site.across)
    readonly_fields = ("key", "total_reactions")
    fieldsets = (
        (None, {"fields": ("channel", "headline", "text", "hashtags", "is_published")}),
        (
            "On Telegram",
            {
                "fields": (
                    ("key", "position", "telegram_id"),
                    ("date", "edited_date"),
                    ("forwarded_from", "forwarded_from_handle"),
                    ("has_media", "media_type"),
                    "total_reactions",
                )
            },
        ),
        (
            "Link preview",
            {"classes": ("collapse",), "fields": ("preview_site", "preview_title", "preview_description")},
        ),
        ProvenanceAdminMixin.provenance_fieldset,
    )

    @admin.display(description="headline", ordering="headline")
    def short_headline(self, post):
        return short_title(post.headline)

    @admin.display(description="forwarded", boolean=True, ordering="forwarded_from")
    def is_forwarded(self, post):
        return bool(post.forwarded_from)

    def get_search_results(self, request, queryset, search_term):
        query = search.parse(search_term)
        return (search.matching(queryset, query, every_match=True).queryset if query else queryset), False

    def save_related(self, request, form, formsets, change):
        """After the tags and reactions are saved: tag what the text names, recount, re-render."""
        super().save_related(request, form, formsets, change)
        post = form.instance
        named = Hashtag.objects.for_names(parsers.find_hashtags(post.text))
        post.hashtags.add(*named.values())
        post.refresh_total_reactions()
        post.prepare()
        Post.objects.filter(pk=post.pk).update(
            text_html=post.text_html,
            body_html=post.body_html,
            search_title=post.search_title,
            search_text=post.search_text,
        )


@admin.register(Hashtag)
class HashtagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "post_count")
    search_fields = ("key",)
    readonly_fields = ("key",)
    fields = ("name", "key", "slug")

    def get_queryset(self, request):
        # Meta.ordering does not apply to aggregating queries: order explicitly.
        return super().get_queryset(request).annotate(post_count=Count("posts")).order_by("key")

    @admin.display(ordering="post_count", description="posts")
    def post_count(self, tag):
        return tag.post_count

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term.lstrip("#")))


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "handle", "link", "language", "name_is_descriptive", "post_count")
    search_fields = ("name", "handle")
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = URL_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(post_count=Count("posts")).order_by("name")

    @admin.display(ordering="post_count", description="posts")
    def post_count(self, channel):
        return channel.post_count
