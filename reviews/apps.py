from django.apps import AppConfig
from django.urls import reverse


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Systematic reviews"
    collection_title = "Systematic reviews"

    def collection_summary(self):
        return {"count": 0, "url": reverse("reviews:list"), "description": "AI in COVID-19 imaging.", "highlights": []}
