"""The collections register with kb_site through one base class; kb_site finds them without importing them."""

from django.apps import apps
from django.core.management import get_commands

from kb_site.collections import CollectionConfig, collection_configs, demo_configs, seed_imports
from kb_site.settings import BASE_DIR


def test_each_collection_app_is_found_through_its_collection_config():
    assert [config.label for config in collection_configs()] == ["roles", "posts", "reviews"]
    assert all(isinstance(config, CollectionConfig) for config in collection_configs())
    assert not isinstance(apps.get_app_config("kb_site"), CollectionConfig)


def test_every_seed_exists_and_its_import_command_too():
    commands = get_commands()
    for label, command, seed in seed_imports():
        assert (BASE_DIR / "seeds" / seed).is_file(), label
        assert commands.get(command) == label, command


def test_every_collection_searches_and_makes_demo_data_through_its_hooks():
    assert [config.demo_option for config in demo_configs()] == ["roles", "posts", "papers"]
    for config in collection_configs():
        assert config.search_function.startswith(f"{config.name}.search.")
        assert config.get_model(config.demo_model)


def test_a_collection_without_a_search_function_finds_nothing():
    bare = CollectionConfig.create("tests.listapp")
    found = bare.search("anything")
    assert (found.total, found.results, found.capped) == (0, [], False)
