from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class KbSiteConfig(AppConfig):
    name = "kb_site"
    verbose_name = "Knowledge base"

    def ready(self):
        from django.contrib.admin.models import LogEntry

        from .across import on_admin_deletion, on_curated_change
        from .cache import on_admin_log, on_model_change
        from .models import CuratedLink
        from .search import checks  # noqa: F401 (registers the search index check)
        from .search.schema import ensure

        # A saved collection row invalidates that collection's cached fragments. Deletions
        # are caught where they happen: in admin through its log, in imports and generated
        # data by the commands. (A post_delete receiver would stop Django deleting in bulk.)
        post_save.connect(on_model_change, dispatch_uid="kb_cache_save")
        m2m_changed.connect(on_model_change, dispatch_uid="kb_cache_m2m")
        post_save.connect(on_admin_log, sender=LogEntry, dispatch_uid="kb_cache_admin_log")
        # A curated link changes the panels of kb_site.across (their own cache version).
        post_save.connect(on_curated_change, sender=CuratedLink, dispatch_uid="kb_across_save")
        post_delete.connect(on_curated_change, sender=CuratedLink, dispatch_uid="kb_across_delete")
        post_save.connect(on_admin_deletion, sender=LogEntry, dispatch_uid="kb_across_admin_deletion")
        # A migration that remakes a table on SQLite drops its search triggers: put them back (and reindex).
        post_migrate.connect(ensure, sender=self, dispatch_uid="kb_search_ensure")
