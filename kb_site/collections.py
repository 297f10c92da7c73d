"""The registry of collections.

kb_site never imports the collection apps. Each app's AppConfig subclasses
CollectionConfig and says what the site needs to know about it; kb_site asks
through these functions and hooks (see kb_site/README.md, "How to add a collection"):

    class RolesConfig(CollectionConfig):
        name = "roles"
        collection_title = "Career roles"
        seed_file = "000_....txt"                          # in seeds/, loaded by import_seeds
        import_command = "import_roles"                    # management command taking a path
        search_function = "roles.search.search_roles"      # the site-wide search's hook
        demo_option = "roles"                              # generate_demo_data --roles N (roles/demo.py)
        demo_model = "Role"                                # its rows with origin=generated are the demo data

        def collection_summary(self): ...                  # the home page's card and sources lines

        across_key = "roles"                               # its entries in the other collections' panels
        across_model_name = "Role"                         # (kb_site/across.py): which model, and the fields
        across_fields = ("title", "slug")                  # across_item(entry) needs
"""

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string


class CollectionConfig(AppConfig):
    """An app that holds a collection. Subclass it in the app's apps.py and fill in the attributes."""

    collection_title = ""
    seed_file = None  # a file in seeds/ that `import_seeds` loads with `import_command`
    import_command = None
    search_function = None  # dotted path of search(query, *, offset, limit) -> kb_site.search.Found
    demo_option = None  # generate_demo_data --<demo_option> N
    demo_model = None  # the model whose generated rows say that demo data exists
    demo_module = "demo"  # <app>/demo.py: generate(count, *, rng, batch_size) and clear()

    def collection_summary(self):
        """The home page's card, cached under the collection's version; few queries:
        {"count", "count_label", "url", "description", "highlights": [{"title", "url", "meta"}],
         "sources": [{"collection", "text", "cite", "details", "link_url", "link_text", "licence",
                      "licence_url", "note"}]}: where the published entries come from, built from the
        data (every key but the first two may be left out)."""
        raise NotImplementedError

    def search(self, query, *, offset=0, limit=10):
        """Site-wide search over this collection's published entries, best first: a kb_site.search.Found
        (total, results [{"title", "url", "snippet", "meta", "kind"}], capped, kinds). `query` is parsed."""
        if not self.search_function:
            from .search import Found

            return Found()
        return import_string(self.search_function)(query, offset=offset, limit=limit)

    # "Across the knowledge base" (kb_site/across.py): the entries this collection lists in the
    # panels of the other collections' entries. Each entry with a panel has key_terms() (Searchable).

    across_key = None  # the panel's JSON key for them: "roles", "posts", "papers"; None: listed nowhere
    across_heading = ""  # the panel's heading for them
    across_model_name = None  # the Searchable model whose entries are listed
    across_fields = ("title",)  # the fields across_item reads (the search columns are added)

    def across_model(self):
        return self.get_model(self.across_model_name)

    def across_targets(self):
        """The entries other panels may list: published ones only (joins that across_item needs go here)."""
        return self.across_model().objects.published()

    def across_item(self, entry):
        """{"title", "url"} of a listed entry (and "lang", the language of its title, when known)."""
        return {"title": getattr(entry, self.across_fields[0]), "url": entry.get_absolute_url()}

    # Demo data (manage.py generate_demo_data) -------------------------------------------------------

    def demo_data_exists(self):
        from .models import Origin  # not at import time: AppConfigs load before models

        return self.get_model(self.demo_model).objects.filter(origin=Origin.GENERATED).exists()

    def generate_demo_data(self, count, *, rng, batch_size):
        """Add `count` generated entries (origin=generated); returns how many were created."""
        return import_string(f"{self.name}.{self.demo_module}.generate")(count, rng=rng, batch_size=batch_size)

    def clear_demo_data(self):
        """Remove generated entries only; returns how many were removed."""
        return import_string(f"{self.name}.{self.demo_module}.clear")()


def collection_configs():
    """The installed collection apps, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, CollectionConfig)]


def seed_imports():
    """(app label, command name, seed file name) for every collection with a seed."""
    return [
        (config.label, config.import_command, config.seed_file)
        for config in collection_configs()
        if config.import_command and config.seed_file
    ]


def demo_configs():
    """The collections that generate demo data (generate_demo_data --<demo_option> N)."""
    return [config for config in collection_configs() if config.demo_option]
