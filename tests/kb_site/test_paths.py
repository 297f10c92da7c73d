"""Entries' URLs are reversed once per process (kb_site.paths) and stay what reverse() gives."""

import pytest
from django.test import override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix

from kb_site.paths import entry_url


def test_an_entry_url_is_what_reverse_gives():
    assert entry_url("roles:skill", "python") == reverse("roles:skill", args=["python"]) == "/roles/skills/python/"
    assert entry_url("posts:detail", 7) == entry_url("posts:detail", "7") == "/posts/7/"
    assert entry_url("posts:tag", "стартапы") == reverse("posts:tag", args=["стартапы"])


def test_a_script_prefix_is_kept_apart():
    assert entry_url("roles:detail", "chief-ai-officer") == "/roles/chief-ai-officer/"
    set_script_prefix("/kb/")
    try:
        assert entry_url("roles:detail", "chief-ai-officer") == "/kb/roles/chief-ai-officer/"
    finally:
        clear_script_prefix()
    assert entry_url("roles:detail", "chief-ai-officer") == "/roles/chief-ai-officer/"


@pytest.mark.urls("tests.listapp.urls")
def test_another_urlconf_is_not_answered_from_the_first():
    assert entry_url("listapp:detail", 3) == "/gadgets/3/"
    with override_settings(ROOT_URLCONF="kb_site.urls"), pytest.raises(Exception, match="listapp"):
        entry_url("listapp:detail", 3)
