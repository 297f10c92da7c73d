"""What a searchable model declares, and how its search columns stay right on every write path.

    class Post(Searchable, Publishable, Provenance):
        search_sources = ("headline", "text", ...)      # the fields the columns are computed from
        search_title = models.TextField(blank=True, editable=False)
        search_text = models.TextField(blank=True, editable=False)
        search_vector = SearchVectorField(null=True, editable=False)   # PostgreSQL only

        def search_document(self):
            return [self.headline], [self.text, ...]    # (title parts, body parts)

    class PostQuerySet(SearchableQuerySet, PublishedQuerySet): ...

The columns hold the stemmed terms (kb_site.search.analysis). Python fills them on
save(), bulk_create(), bulk_update() and QuerySet.update() of a source field, and the
database takes it from there in the same statement: on SQLite, triggers copy the
columns into an FTS5 index; on PostgreSQL a trigger turns them into `search_vector`
(kb_site.search.schema). An importer that writes raw rows calls refresh_search_columns().
"""

from django.db import models, transaction

from .analysis import index_text

SEARCH_COLUMNS = ("search_title", "search_text")
BATCH = 500


def search_columns(document):
    """{column: value} for a (title parts, body parts) document."""
    title, body = document
    return {"search_title": index_text(*title), "search_text": index_text(*body)}


class Searchable:
    """Mixin for a model `q` searches (see the module docstring)."""

    search_sources = ()

    def search_document(self):
        """(title parts, body parts): the text the entry is found by; titles weigh more."""
        raise NotImplementedError

    def key_terms(self):
        """What the entry's "Across the knowledge base" panel looks for in the other collections (kb_site.across):
        {"words": [texts each word of which is a term], "phrases": [texts that are one term each]}.
        By default the words of its title parts; a model names its skills, tags or kinds as phrases."""
        title, _ = self.search_document()
        return {"words": [part for part in title if part], "phrases": []}

    def refresh_search_columns(self):
        for column, value in search_columns(self.search_document()).items():
            setattr(self, column, value)

    def save(self, *args, **kwargs):
        self.refresh_search_columns()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *SEARCH_COLUMNS}
        super().save(*args, **kwargs)


def refresh_rows(queryset, model=None):
    """Recompute the search columns of every row of `queryset`, a batch at a time; returns how many changed.

    `model` computes them (default: the queryset's); a migration passes the current model
    class, whose search_document its historical rows lack.
    """
    model = model or queryset.model
    rows = queryset.only("pk", *model.search_sources, *SEARCH_COLUMNS)
    writer = models.QuerySet(queryset.model, using=queryset.db)  # a plain bulk_update: no recursion
    changed, count = [], 0
    for row in rows.iterator(chunk_size=BATCH):
        entry = model(**{name: getattr(row, name) for name in model.search_sources})
        fresh = search_columns(entry.search_document())
        if any(getattr(row, column) != value for column, value in fresh.items()):
            for column, value in fresh.items():
                setattr(row, column, value)
            changed.append(row)
        if len(changed) >= BATCH:
            writer.bulk_update(changed, SEARCH_COLUMNS)
            count, changed = count + len(changed), []
    if changed:
        writer.bulk_update(changed, SEARCH_COLUMNS)
    return count + len(changed)


class SearchableQuerySet(models.QuerySet):
    """Bulk writes that keep the search columns in step with their sources."""

    def _touches_sources(self, fields):
        return bool(set(fields) & set(self.model.search_sources))

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.refresh_search_columns()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if self._touches_sources(fields):
            objs = list(objs)
            for obj in objs:
                obj.refresh_search_columns()
            fields = [*dict.fromkeys([*fields, *SEARCH_COLUMNS])]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if not self._touches_sources(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))  # first: the update may change what the filter selects
            updated = super().update(**kwargs)
            rows = self.model._base_manager.using(self.db)
            for start in range(0, len(pks), BATCH):
                refresh_rows(rows.filter(pk__in=pks[start : start + BATCH]))
        return updated

    update.alters_data = True
