"""Public pages of the posts collection: the list, a post, the tag index and tag pages.

Only published posts appear anywhere here (`Post.objects.published()`); an
unpublished post's page is a 404 and it counts in no facet or tag.
"""

import math
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from kb_site.cache import cached, request_versions
from kb_site.http import JSON, json_response, requested_format
from kb_site.listing import Facet, Implied, Listing
from kb_site.querystring import query_url

from . import facets, serializers
from .filters import PostFilter, tag_keys
from .models import Hashtag, Post
from .rendering import emoji_name, tag_url

TAG_SIZES = 5  # the tag index's type sizes, from least to most used


@dataclass
class TagCount:
    """A line of the tag index."""

    name: str
    slug: str
    post_count: int
    url: str
    size: int = 1


TAG_FACET = Facet("tag", "Hashtags", "hashtags__key", label_field="hashtags__name", multiple=True, limit=30)


class PostListing(Listing):
    filterset_class = PostFilter
    template_name = "posts/post_list.html"
    csv_filename = "posts.csv"
    facets = (
        TAG_FACET,
        Facet("reaction", "Reactions", "reactions__emoji", label_of=emoji_name, limit=12, value_is_symbol=True),
    )

    def get_csv_columns(self, request):
        absolute = request.build_absolute_uri
        return (
            ("id", lambda post: post.pk),
            ("url", lambda post: absolute(post.get_absolute_url())),
            ("channel", lambda post: post.channel.name),
            ("position", lambda post: post.position),
            ("telegram_id", lambda post: post.telegram_id),
            ("date", lambda post: post.date.isoformat() if post.date else ""),
            ("headline", lambda post: post.headline),
            ("hashtags", lambda post: [tag.name for tag in post.tags_in_text_order()]),
            ("reactions", lambda post: [f"{r.label}{r.count}" for r in post.reactions.all()]),
            ("total_reactions", lambda post: post.total_reactions),
            ("forwarded_from", lambda post: post.forwarded_from),
            ("has_media", lambda post: post.has_media),
            ("text", lambda post: post.text),
        )

    def facet_rows(self, facet, model):
        """Read from the join tables alone (posts.facets), not through the posts' wide rows."""
        return facets.tag_rows() if facet.param == "tag" else facets.reaction_rows()

    def postings_selection(self, facet, values, filterset):
        """Both filters keep the posts having the value (PostFilter): a tag named by its key or slug, each
        tag given (tag_keys); the reaction's emoji."""
        return tag_keys(values) if facet.param == "tag" else [[value] for value in values]

    def html_rows(self, queryset):
        return queryset.for_cards()

    def serialize(self, post, request):
        return serializers.list_row(post, request)


class TagPostListing(PostListing):
    """A tag's page: the tag's posts, found as every published post having the tag's postings."""

    template_name = "posts/tag_detail.html"

    def __init__(self, tag):
        self.tag = tag

    def ids_scope(self, request, filterset):
        return Post.objects.published(), reverse("posts:list")

    def implied_selection(self):
        return {TAG_FACET: [[self.tag.key]]}


def post_list(request):
    return PostListing().response(request, Post.objects.published().for_list(), context={"tag": None})


def post_detail(request, pk):
    fmt = requested_format(request)
    post = get_object_or_404(Post.objects.published().for_detail(), pk=pk)
    if fmt == JSON:
        return json_response(serializers.post_json(post, request))
    previous_post, next_post = neighbours(post)
    context = {
        "post": post,
        "tags": post.tags_in_text_order(),
        "previous_post": previous_post,
        "next_post": next_post,
    }
    return render(request, "posts/post_detail.html", context)


def neighbours(post):
    """The published posts before and after this one in its channel's source order (two indexed queries)."""
    same_channel = Post.objects.published().filter(channel_id=post.channel_id).exclude(pk=post.pk)
    same_channel = same_channel.only("id", "headline", "channel_id", "position")
    previous_post = (
        same_channel.filter(position__lte=post.position)
        .filter(Q(position__lt=post.position) | Q(id__lt=post.pk))
        .order_by("-position", "-id")
        .first()
    )
    next_post = (
        same_channel.filter(position__gte=post.position)
        .filter(Q(position__gt=post.position) | Q(id__gt=post.pk))
        .order_by("position", "id")
        .first()
    )
    return previous_post, next_post


def tag_list(request):
    fmt = requested_format(request)
    counts = cached("posts", ["tag-index"], facets.tag_counts)  # until a post or tag changes
    tags = [
        TagCount(name=name, slug=slug, post_count=n, url=tag_url(slug))
        for (_key, name, slug), n in sorted(counts.items())
    ]
    if fmt == JSON:
        return json_response({"count": len(tags), "results": [serializers.tag_row(t, request) for t in tags]})
    most = max((t.post_count for t in tags), default=1)
    for tag in tags:
        # 1 for a tag used once, TAG_SIZES for the most used; logarithmic, so one big tag does not flatten the rest.
        tag.size = 1 + round((TAG_SIZES - 1) * math.log(tag.post_count) / math.log(most)) if most > 1 else 1
    return render(request, "posts/tag_list.html", {"tags": tags})


def tag_detail(request, tag):
    found = Hashtag.objects.find(tag)
    if found is None:
        raise Http404(f"No posts are tagged #{tag}.")
    if found.slug != tag:
        query = f"?{urlencode(request.GET, doseq=True)}" if request.GET else ""
        return redirect(found.get_absolute_url() + query, permanent=True)
    queryset = Post.objects.published().for_list().tagged([found.pk])
    # The tag's own count for the page's lede, whatever the filters; cached until a post or a tag changes.
    version = request_versions(request).get("posts", 0)  # the listing reads the same, once per request
    found.post_count = cached("posts", ["tag-count", found.pk], queryset.count, version=version)
    # The page stands for its tag: marked current in the facet and the cards, a chip that leads to every post.
    implied = [Implied("tag", found.key, found.name, query_url(request, reverse("posts:list"), page=None))]
    return TagPostListing(found).response(request, queryset, context={"tag": found}, implied=implied)
