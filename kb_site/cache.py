"""Caching that stays correct: keys carry the collection's version.

`cached(label, parts, compute)` keeps `compute()`'s result under a key made of
the collection's current version and `parts`; `bump(label)` (called on every
save, admin change, import and generated batch) gives the collection a new
version, so stale entries are never read again and simply expire.

The version lives in the database, in the same transaction as the change:
other processes see the new version exactly when they see the new rows. A new
version is a random number, never an increment, so a rolled-back change can
never bring back a version that some cache entry still holds.
"""

import hashlib
import json
import secrets
import threading
from collections import OrderedDict

from django.core.cache import cache
from django.utils import timezone


def current_version(label):
    from .models import CollectionVersion

    return CollectionVersion.objects.filter(label=label).values_list("version", flat=True).first() or 0


def current_versions():
    """Every collection's version in one query: {label: version}."""
    from .models import CollectionVersion

    return dict(CollectionVersion.objects.values_list("label", "version"))


def request_versions(request):
    """Every collection's version, read once per request: a list, its facets and the footer share it."""
    if not hasattr(request, "_kb_versions"):
        request._kb_versions = current_versions()
    return request._kb_versions


def bump(label):
    """Give the collection a new version (inside the caller's transaction, if any)."""
    from .models import CollectionVersion

    fresh = {"version": secrets.randbits(62), "changed_at": timezone.now()}
    versions = CollectionVersion.objects.filter(label=label)
    if versions.update(**fresh):  # one query, but the very first time
        return
    CollectionVersion.objects.bulk_create([CollectionVersion(label=label, **fresh)], ignore_conflicts=True)
    versions.update(**fresh)  # in case another process created the row first


def bump_all():
    from .collections import collection_configs

    for config in collection_configs():
        bump(config.label)


# Values `cached(..., keep=True)` also keeps in this process: the large ones every request of a list reads
# (a facet's postings, a list's order), which the shared cache would unpickle each time (1-3 ms a page).
KEEP_MAX = 32
_kept = OrderedDict()
_kept_lock = threading.Lock()


def cached(label, parts, compute, version=None, *, keep=False):
    """compute()'s value, cached under the collection's version (looked up unless given) and `parts`,
    for the cache's own TIMEOUT (settings.CACHE_TIMEOUT). With `keep`, the process keeps its own copy too
    (the KEEP_MAX last), used while the shared cache still holds the key: its version makes it right, and
    the shared cache says it has not been cleared."""
    digest = hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode(), usedforsecurity=False).hexdigest()
    if version is None:
        version = current_version(label)
    key = f"kb:{label}:v{version}:{digest}"
    if keep:
        with _kept_lock:
            value = _kept.get(key)
        if value is not None and cache.has_key(key):
            return value
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    if keep:
        with _kept_lock:
            _kept[key] = value
            _kept.move_to_end(key)
            while len(_kept) > KEEP_MAX:
                _kept.popitem(last=False)
    return value


def _bump_if_collection(label):
    from .collections import collection_configs

    if label in {config.label for config in collection_configs()}:
        bump(label)


def on_model_change(sender, **kwargs):
    """post_save / m2m_changed receiver for the collections' models."""
    _bump_if_collection(sender._meta.app_label)


def on_admin_log(sender, instance, created, **kwargs):
    """Every add, change and delete in admin is logged: the logged model's collection changed."""
    if created and instance.content_type_id:
        _bump_if_collection(instance.content_type.app_label)
