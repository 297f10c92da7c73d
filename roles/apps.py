from django.apps import AppConfig
from django.urls import reverse


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Career roles"
    collection_title = "Career roles"

    def collection_summary(self):
        return {"count": 0, "url": reverse("roles:list"), "description": "AI career profiles.", "highlights": []}
