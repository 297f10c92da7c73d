"""The bilingual glossary of the across panels (kb_site/data/glossary.toml): a data file a curator extends."""

import pytest

from kb_site.glossary import GLOSSARY_FILE, glossary, load
from kb_site.search.analysis import terms


def stems(text):
    return tuple(terms(text))


def test_ai_reaches_its_russian_words_and_back():
    found = {member: display for display, member in glossary().alternatives(stems("AI"))}
    assert found[stems("ИИ")] == "ИИ"
    assert found[stems("искусственный интеллект")] == "искусственный интеллект"
    assert stems("AI") in {member for _, member in glossary().alternatives(stems("ИИ"))}


def test_a_word_inside_a_key_term_brings_its_group_and_stems_match_other_forms():
    assert stems("данные") in {member for _, member in glossary().alternatives(stems("Data Analysis"))}
    assert stems("лидеров") in {member for _, member in glossary().alternatives(stems("Leadership"))}
    assert stems("LinkedIn") in {member for _, member in glossary().alternatives(stems("Линкедине"))}


def test_common_words_are_ignored_in_both_languages():
    assert glossary().is_ignored("the") and glossary().is_ignored("это")
    assert not glossary().is_ignored("ии") and not glossary().is_ignored("ai")


def test_every_group_holds_two_words_or_more():
    groups = load(GLOSSARY_FILE).groups
    assert len(groups) >= 20
    assert all(len(group) >= 2 for group in groups)


def test_a_malformed_group_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text('[[group]]\nwords = "AI ИИ"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"glossary.toml: group 1 needs words = \[") as error:
        load(path)
    assert str(path) in str(error.value)
