"""RSS and Atom feeds of published posts, in the list's order; one pair for the whole channel, one per tag.

Dates are the posts' own: an item's date is when it was posted (its `published` in Atom, its
`pubDate` in RSS). A post whose source gives no date (a mirror scrape) gets none in RSS; Atom
requires every entry to say when it was last updated, so there the entry carries when this
knowledge base recorded it, never as its `published` date, and its text says that the source
gives no date. The feed declares the language its posts are written in (their channels'
`language`, told from the text at import), and none when that is unknown.

The generators (kb_site.feeds) drop characters XML cannot hold, so no stored post can break a feed.
"""

from collections import Counter

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse_lazy
from django.utils.html import format_html

from kb_site.feeds import AtomFeed, RssFeed

from .models import Hashtag, Post

FEED_LENGTH = 50
UNDATED_NOTE = format_html(
    "<p><em>{}</em></p>",
    "The source gives no date for this post: a date a feed reader shows for it is when this knowledge base "
    "recorded it, not when it was posted.",
)


def latest(queryset):
    """The list's order: dated posts newest first, then the rest in the source's order."""
    return queryset.newest_first()[:FEED_LENGTH]


class LatestPostsFeed(Feed):
    feed_type = RssFeed
    title = "Founder posts"
    link = reverse_lazy("posts:list")
    description = "The latest published posts of the founder's Telegram channel."

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        languages = Counter(item["language"] for item in feed.items if item.get("language"))
        feed.feed["language"] = languages.most_common(1)[0][0] if languages else None
        return feed

    def items(self):
        return latest(Post.objects.published().for_feed())

    def item_extra_kwargs(self, post):
        return {"language": post.channel.language}  # read by get_feed, ignored by the generators

    def item_title(self, post):
        return post.headline

    def item_description(self, post):
        # The text under the headline (the title already says it), sanitized when the post was saved.
        return post.body_html if post.date else UNDATED_NOTE + post.body_html

    def item_link(self, post):
        return post.get_absolute_url()

    def item_pubdate(self, post):
        return post.date

    def item_updateddate(self, post):
        return post.edited_date or post.date or post.imported_at

    def item_categories(self, post):
        return [tag.name for tag in post.tags_in_text_order()]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = AtomFeed
    subtitle = LatestPostsFeed.description


class TagFeed(LatestPostsFeed):
    def get_object(self, request, tag):
        found = Hashtag.objects.find(tag)
        if found is None:
            raise Http404(f"No posts are tagged #{tag}.")
        return found

    def title(self, tag):
        return f"#{tag.name} · Founder posts"

    def link(self, tag):
        return tag.get_absolute_url()

    def description(self, tag):
        return f"The latest published posts tagged #{tag.name}."

    def items(self, tag):
        return latest(Post.objects.published().for_feed().tagged([tag.pk]))


class TagAtomFeed(TagFeed):
    feed_type = AtomFeed

    def subtitle(self, tag):
        return self.description(tag)
