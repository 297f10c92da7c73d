"""The query language, parsed once and compiled for each database; and what a word is (no database)."""

import pytest

from kb_site.search import analysis, parse
from kb_site.search.query import MAX_CLAUSES, MAX_QUERY_LENGTH, to_fts5, to_tsquery
from kb_site.search.snippets import highlight


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Линкедина Линкедине линкедин", ["линкедин", "линкедин", "линкедин"]),
        ("ЁЛКА ёлка елка", ["елк", "елк", "елк"]),
        ("Café naïve RÉSUMÉ", ["cafe", "naiv", "resum"]),
        ("leadership leaders Officers", ["leadership", "leader", "offic"]),
        ("COVID-19, 2pr.io #Product_Hunt", ["covid", "19", "2pr", "io", "product", "hunt"]),
        ("AI-лидерство 🔥 — …", ["ai", "лидерств"]),
        ("ｆｕｌｌｗｉｄｔｈ", ["fullwidth"]),
    ],
)
def test_words_are_folded_and_stemmed_in_russian_and_english(text, terms):
    assert analysis.terms(text) == terms


def test_a_word_longer_than_the_limit_is_not_a_term():
    assert analysis.terms("ok " + "x" * (analysis.MAX_TERM_LENGTH + 1)) == ["ok"]


@pytest.mark.parametrize(
    ("text", "fts5", "tsquery"),
    [
        ("AI leadership", '("ai") AND ("leadership")', "(('ai')) & (('leadership'))"),
        ('"machine learning"', '("machin learn")', "(('machin' <-> 'learn'))"),
        ("ai -crypto", '(("ai")) NOT ("crypto")', "(('ai')) & !(('crypto'))"),
        ("ai ethics OR safety", '("ai") AND ("ethic" OR "safeti")', "(('ai')) & (('ethic') | ('safeti'))"),
        ("covid-19", '("covid 19")', "(('covid' <-> '19'))"),
        ("ai AI Ai", '("ai")', "(('ai'))"),
    ],
)
def test_one_query_compiles_to_fts5_and_to_a_tsquery(text, fts5, tsquery):
    query = parse(text)
    assert to_fts5(query) == fts5
    assert to_tsquery(query) == tsquery


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced quote',
        "NEAR(ai officer, 3)",
        "ai* ^chief title:officer {title}: x",
        "a & b | !c <-> d",
        "' OR 1=1; DROP TABLE posts_post; --",
        "AND OR NOT",
        "\x00ai",
        "ai " * 150,
    ],
)
def test_hostile_queries_become_plain_words(text):
    query = parse(text)
    fts5, tsquery = (to_fts5(query), to_tsquery(query)) if query else ("", "")
    for operator in ("NEAR", "*", "^", ":", "{", ";", "--"):
        assert operator not in fts5.replace(" AND ", " ").replace(" OR ", " ").replace(" NOT ", " ")
    assert all(term.isalnum() for clause in query.clauses for phrase in clause.options for term in phrase.terms)
    assert len(query.clauses) <= MAX_CLAUSES
    assert ";" not in tsquery and "--" not in tsquery


@pytest.mark.parametrize("text", ["", "   ", "-", "--", "- -", '""', "OR", "🔥 — …", "*"])
def test_a_query_without_a_word_is_empty(text):
    assert not parse(text)


def test_exclusions_alone_are_not_a_query_but_are_remembered():
    query = parse("-crypto -nft")
    assert not query and len(query.excluded) == 2


def test_a_query_is_cut_at_the_maximum_length_and_clause_count():
    query = parse("ai" + " " * MAX_QUERY_LENGTH + "tail")
    assert [phrase.terms for clause in query.clauses for phrase in clause.options] == [("ai",)]
    many = parse(" ".join(f"w{i:02d}" for i in range(40)))
    assert len(many.clauses) == MAX_CLAUSES


def test_snippets_mark_whole_words_by_stem_and_escape_the_rest():
    snippet = highlight("A tailored <b>AI</b> plan; the AI-driven Линкедине", parse("ai Линкедина"))
    assert snippet == (
        "A tailored &lt;b&gt;<mark>AI</mark>&lt;/b&gt; plan; the <mark>AI</mark>-driven <mark>Линкедине</mark>"
    )
    assert highlight("no match here", parse("absent")) == "no match here"
