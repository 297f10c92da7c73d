from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class KbSiteConfig(AppConfig):
    name = "kb_site"
    verbose_name = "Knowledge base"

    def ready(self):
        from .cache import on_model_change

        # Any change to a collection's rows invalidates its cached fragments.
        post_save.connect(on_model_change, dispatch_uid="kb_cache_save")
        post_delete.connect(on_model_change, dispatch_uid="kb_cache_delete")
        m2m_changed.connect(on_model_change, dispatch_uid="kb_cache_m2m")
