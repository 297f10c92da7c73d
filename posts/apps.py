from django.apps import AppConfig
from django.urls import reverse


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = "Founder posts"
    collection_title = "Founder posts"
    seed_file = "001_b340050decece26e.txt"
    import_command = "import_posts"

    def collection_summary(self):
        """The home page card: published posts only, two queries."""
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
        }

    def search(self, query, *, offset=0, limit=10):
        """Site-wide search over published posts, best first: (total, [{title, url, snippet, meta}])."""
        from .search import search_posts

        return search_posts(query, offset=offset, limit=limit)

    # generate_demo_data --posts N (see posts/demo.py)
    demo_option = "posts"

    def generate_demo_data(self, count, *, rng, batch_size):
        from .demo import generate

        return generate(count, rng=rng, batch_size=batch_size)

    def clear_demo_data(self):
        from .demo import clear

        return clear()
