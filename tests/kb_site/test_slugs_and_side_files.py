"""One slug rule, one uniqueness rule and one side-file rule for every collection (kb_site.text)."""

import pytest

from kb_site.text import claim_slug, side_file, slugify


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Chief AI Officer", "chief-ai-officer"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("R&D Lead", "r-and-d-lead"),
        ("CI/CD", "ci-cd"),
        ("2pr.io founder's channel", "2pr-io-founders-channel"),
        ("Product_Hunt", "product_hunt"),
        ("Café Müller", "cafe-muller"),
        ("Artificial Intelligence\u2010enabled", "artificial-intelligence-enabled"),  # a Unicode hyphen
        ("  --Strategic   Leadership--  ", "strategic-leadership"),
        ("Стартапы", ""),  # no Latin letters: the caller decides (roles refuse such a title)
    ],
)
def test_names_become_ascii_slugs(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name, slug", [("Стартапы", "стартапы"), ("2pr.io", "2pr-io"), ("Product_Hunt", "product_hunt"), ("genAI", "genai")]
)
def test_hashtags_and_channels_keep_their_alphabet(name, slug):
    assert slugify(name, allow_unicode=True) == slug


def test_a_long_name_is_cut_at_a_word_and_the_last_word_dropped():
    title = "mei artificial intelligence enabled rapid diagnosis of patients with covid 19"
    assert slugify(title, max_length=60) == "mei-artificial-intelligence-enabled-rapid-diagnosis-of"
    assert slugify("a" * 100, max_length=60) == "a" * 60  # one word: cut where it must be


def test_a_taken_slug_gets_the_next_free_number_and_reserved_ones_are_skipped():
    taken = {"overview", "overview-2"}
    assert claim_slug("overview", taken) == "overview-3"
    assert claim_slug("salary", taken, reserved={"salary"}) == "salary-2"
    assert claim_slug("skills", taken) == "skills"
    assert {"overview-3", "salary-2", "skills"} <= taken


def test_a_numbered_slug_still_fits_its_field():
    taken = {"x" * 10}
    assert claim_slug("x" * 10, taken, max_length=10) == "x" * 8 + "-2"


@pytest.mark.parametrize(
    "source, meta",
    [
        ("seeds/001_b340050decece26e.txt", "seeds/001_b340050decece26e.meta.json"),
        ("channel.2024.txt", "channel.2024.meta.json"),
        ("export/result.json", "export/result.meta.json"),
        ("notes", "notes.meta.json"),
    ],
)
def test_a_side_file_replaces_only_the_last_extension(source, meta):
    assert str(side_file(source, "meta.json")) == meta
