"""RSS and Atom feeds of published posts, newest first; one pair for the whole channel, one per tag.

The generators (kb_site.feeds) drop characters XML cannot hold, so no stored post can break a feed.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse_lazy

from kb_site.feeds import AtomFeed, RssFeed

from .models import Hashtag, Post

FEED_LENGTH = 50


def latest(queryset):
    """Newest first: the source's order backwards (an export lists its messages oldest first; a
    scrape has no dates). Feed readers sort by each item's date where there is one."""
    return queryset.order_by("-channel_id", "-position", "-id")[:FEED_LENGTH]


class LatestPostsFeed(Feed):
    feed_type = RssFeed
    title = "Founder posts"
    link = reverse_lazy("posts:list")
    description = "The latest published posts of the founder's Telegram channel."

    def items(self):
        return latest(Post.objects.published().for_feed())

    def item_title(self, post):
        return post.headline

    def item_description(self, post):
        return post.text_html  # sanitized when the post was saved

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
        return latest(Post.objects.published().for_feed().filter(hashtags=tag))


class TagAtomFeed(TagFeed):
    feed_type = AtomFeed

    def subtitle(self, tag):
        return self.description(tag)
