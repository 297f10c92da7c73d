"""Caching that stays correct: keys carry the collection's version.

`cached(label, parts, compute)` keeps `compute()`'s result under a key made of
the collection's current version and `parts`; `bump(label)` (called on every
save, delete, admin action and import) moves the version on, so stale entries
are never read again and simply expire.
"""

import hashlib
import json
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

TIMEOUT = 600


def current_version(label):
    from .models import CollectionVersion

    return CollectionVersion.objects.filter(label=label).values_list("version", flat=True).first() or 0


def bump(label):
    from .models import CollectionVersion

    updated = CollectionVersion.objects.filter(label=label).update(version=F("version") + 1, changed_at=timezone.now())
    if not updated:
        CollectionVersion.objects.get_or_create(label=label, defaults={"version": 1})


def bump_after_commit(label):
    """Bump once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(partial(bump, label))


def bump_all():
    from .collections import collection_configs

    for config in collection_configs():
        bump_after_commit(config.label)


def cached(label, parts, compute, timeout=TIMEOUT):
    digest = hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode(), usedforsecurity=False).hexdigest()
    key = f"kb:{label}:v{current_version(label)}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def on_model_change(sender, **kwargs):
    """post_save / post_delete / m2m_changed receiver for the collections' models."""
    from .collections import collection_configs

    label = sender._meta.app_label
    if label in {config.label for config in collection_configs()}:
        bump_after_commit(label)
