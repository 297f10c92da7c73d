"""The registry of collections.

kb_site never imports the collection apps. Each app's AppConfig says what the
site needs to know about it, and kb_site asks through these functions:

    class RolesConfig(AppConfig):
        name = "roles"
        collection_title = "Career roles"
        seed_file = "000_....txt"            # in seeds/, loaded by import_seeds
        import_command = "import_roles"      # management command taking a path

        def collection_summary(self):       # the home page's card
            return {"count": ..., "url": ..., "description": ..., "highlights": [...]}

        def search(self, query, *, limit):  # the site-wide search (kb_site.search)
            ...
"""

from django.apps import apps


def collection_configs():
    """The installed collection apps, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if hasattr(config, "collection_summary")]


def seed_imports():
    """(app label, command name, seed file name) for every collection with a seed."""
    return [
        (config.label, config.import_command, config.seed_file)
        for config in collection_configs()
        if getattr(config, "import_command", None) and getattr(config, "seed_file", None)
    ]
