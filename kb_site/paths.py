"""Entries' URLs, reversed once per process.

A list page names hundreds of URLs (each card's link, each skill chip's, each tag's) and
Django's `reverse()` costs 30–100 µs each: at 100 skill chips a page that was 10 ms of a
50 ms budget. An entry's URL is a function of the view, its arguments, the script prefix
and the URLconf in force, so it is kept under those, least recently used first out.

    entry_url("roles:skill", skill.slug)    # what reverse("roles:skill", args=[skill.slug]) returns
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

MAX_URLS = 50_000  # ~100 bytes each: a few MB a worker, whatever the collections' size


@lru_cache(maxsize=MAX_URLS)
def _reversed(urlconf, prefix, viewname, args):
    return reverse(viewname, urlconf=urlconf, args=args)


def entry_url(viewname, *args):
    """reverse(viewname, args=args), kept for the next caller (see the module docstring)."""
    return _reversed(get_urlconf(), get_script_prefix(), viewname, tuple(str(arg) for arg in args))


@receiver(setting_changed, dispatch_uid="kb_paths_setting_changed")
def forget_urls(setting, **kwargs):
    """A test that swaps the URLconf or the script name must not see URLs of the old one."""
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reversed.cache_clear()
