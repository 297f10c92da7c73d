from django.urls import reverse

from kb_site import collections  # the module: Django must find one AppConfig class in this file


class PostsConfig(collections.CollectionConfig):
    name = "posts"
    verbose_name = "Founder posts"
    collection_title = "Founder posts"
    seed_file = "001_b340050decece26e.txt"
    import_command = "import_posts"
    search_function = "posts.search.search_posts"
    demo_option = "posts"  # generate_demo_data --posts N (posts/demo.py)
    demo_model = "Post"
    across_key = "posts"  # in the other collections' "Across the knowledge base" panels (kb_site/across.py)
    across_heading = "Founder posts"
    across_model_name = "Post"
    across_fields = ("headline", "channel__language")

    def across_targets(self):
        """Published posts, with their channel's language (the panel marks a Russian headline as such)."""
        return super().across_targets().select_related("channel")

    def across_item(self, entry):
        return {**super().across_item(entry), "lang": entry.channel.language}

    def collection_summary(self):
        """The home page card and its sources lines: published posts only, three queries."""
        from .models import Post

        published = Post.objects.published()
        top = published.select_related("channel").only("id", "headline", "total_reactions", "channel__name")
        return {
            "count": published.count(),
            "count_label": "posts",
            "url": reverse("posts:list"),
            "description": "A founder's notes from a Telegram channel, with their hashtags and reactions.",
            "highlights": [
                {"title": post.headline, "url": post.get_absolute_url(), "meta": f"{post.total_reactions} reactions"}
                for post in top.by_reactions()[:3]
            ],
            "sources": channel_sources(),
        }


def channel_sources():
    """The home page's lines on where the posts come from: their channels, from the data (one query)."""
    from django.db.models import Count

    from .models import Channel

    channels = Channel.objects.filter(posts__is_published=True).annotate(n=Count("posts")).order_by("-n", "name")
    return [
        {
            "collection": "Posts",
            "text": f"{channel.n} post{'s' if channel.n != 1 else ''} of the Telegram channel",
            "cite": channel.name,
            "link_url": channel.telegram_url,
            "link_text": "on Telegram",
            "note": "© their authors, quoted for reference",
        }
        for channel in channels[:3]
    ]
