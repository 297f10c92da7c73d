from django.apps import AppConfig
from django.urls import reverse


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = "Founder posts"
    collection_title = "Founder posts"

    def collection_summary(self):
        return {
            "count": 0,
            "url": reverse("posts:list"),
            "description": "A founder's Telegram channel.",
            "highlights": [],
        }
