from django.apps import AppConfig


class KbSiteConfig(AppConfig):
    name = "kb_site"
    verbose_name = "Knowledge base"
