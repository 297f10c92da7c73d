"""Cleaning PDF text, one trap at a time, on small hand-made fragments."""

import pytest

from reviews.pdf_text import (
    CitationReader,
    Vocabulary,
    blocks,
    find_stamp,
    join_lines,
    keeps_hyphen,
    sentences,
    split_lines,
)


def wrapped(*lines):
    """PDF text as extracted: every line followed by a blank line."""
    return "\n\n".join(lines) + "\n"


def paragraphs(text):
    lines = split_lines(text)
    return [b.text for b in blocks(lines, Vocabulary(lines)) if b.kind == "paragraph"]


def cite(text, *, highest=0, document=""):
    reader = CitationReader(Vocabulary(split_lines(document or text)))
    reader.highest = highest
    return reader.split(text)


# Hyphens at line ends


def test_a_hyphen_before_a_number_stays_covid_19():
    assert join_lines(["the management of COVID-", "19 is hard"]) == "the management of COVID-19 is hard"


def test_a_real_hyphenated_word_keeps_its_hyphen_non_imaging():
    vocabulary = Vocabulary(split_lines("non-COVID-19 viral pneumonia and non-clinical settings"))
    assert join_lines(["Here, non-", "imaging assessments"], vocabulary) == "Here, non-imaging assessments"


def test_a_word_split_by_hyphenation_joins_when_the_document_spells_it_whole():
    vocabulary = Vocabulary(split_lines("the treatment of patients"))
    assert join_lines(["evaluate treat-", "ment outcomes"], vocabulary) == "evaluate treatment outcomes"
    assert not keeps_hyphen("treat", "ment", vocabulary)


def test_a_hyphen_is_kept_when_the_document_also_spells_the_hyphenated_form():
    vocabulary = Vocabulary(split_lines("co-exist and coexist both appear"))
    assert keeps_hyphen("co", "exist", vocabulary)


def test_wrapped_lines_separated_by_blank_lines_join_into_one_paragraph():
    text = wrapped(
        "The COVID-19 pandemic has created a desperate need for fast, ubiquitous, accurate, and low-cost",
        "tests, and lung imaging is a key complementary tool in the diagnosis and management of COVID-",
        "191,2. According to the ACR, imaging of COVID-19 is indicated in case of worsening symptoms.",
    )
    assert paragraphs(text) == [
        "The COVID-19 pandemic has created a desperate need for fast, ubiquitous, accurate, and low-cost "
        "tests, and lung imaging is a key complementary tool in the diagnosis and management of COVID-191,2. "
        "According to the ACR, imaging of COVID-19 is indicated in case of worsening symptoms."
    ]


def test_a_line_starting_a_page_continues_the_paragraph():
    text = wrapped(
        "were performed according to the PRISMA guidelines and the literature, indexed in PubMed and three",
        " preprint servers, namely arXiv, bioRxiv and medRxiv, were queried for the whole of the year.",
    )
    assert len(paragraphs(text)) == 1
    assert "three preprint servers" in paragraphs(text)[0]


def test_a_line_of_spaces_or_a_short_closing_line_ends_a_paragraph():
    long = "x" * 60 + " and this line runs on to the right margin of the page as body text does"
    text = wrapped(long, "it ends here.", long, "and here too.", " ", long + ".")
    assert len(paragraphs(text)) == 3


def test_headings_stand_on_lines_of_their_own():
    text = wrapped(
        "Methods",
        "We undertook a systematic review of the literature on imaging in COVID-19 and the utility of AI in it.",
    )
    lines = split_lines(text)
    found = blocks(lines, Vocabulary(lines))
    assert [(b.kind, b.text[:7]) for b in found] == [("heading", "Methods"), ("paragraph", "We unde")]


# Citations glued to words


def test_citations_glued_to_covid_19_are_separated_from_it():
    assert cite("management of COVID-191,2. According", document="COVID-19 COVID-19") == (
        "management of COVID-19 [1, 2]. According"
    )


def test_a_citation_glued_to_a_word_becomes_a_bracketed_reference():
    assert cite("a high probability of disease3,4. This", highest=2) == "a high probability of disease [3, 4]. This"


def test_a_single_digit_after_covid_19_is_read_as_the_next_reference():
    document = "COVID-19 COVID-19 COVID-19"
    assert cite("the diagnosis of COVID-1934. The", highest=33, document=document) == (
        "the diagnosis of COVID-19 [34]. The"
    )


def test_citations_after_an_abbreviation_are_separated():
    assert cite("Israel, see e.g.10,11 and references", highest=9) == "Israel, see e.g. [10, 11] and references"


def test_an_author_glued_to_a_reference_number_is_split_like_mei15():
    assert cite("by Mei15 and", highest=14) == "by Mei [15] and"


def test_a_spaced_and_a_continued_citation_are_joined_to_their_lists():
    assert cite("uncertainty in annotations 46. Others", highest=45) == "uncertainty in annotations [46]. Others"
    assert cite("debated in the literature56,57 ,58. A", highest=55) == "debated in the literature [56, 57, 58]. A"
    assert cite("found best performance45 . The", highest=44) == "found best performance [45]. The"


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 patients",
        "3444 papers on MI",
        "(80.7%) focused on CT",
        "for Q1-Q3 2020 respectively",
        "over the years 2017-2019.",
        "(r=0.32, p<1e-9) with months",
        "a database with 3,777 patients",
        "see appendix Table A1).",
        "within 1–3 weeks",
    ],
)
def test_real_numbers_are_left_alone(text):
    assert cite(text, highest=40, document=f"COVID-19 COVID-19 {text}") == text


def test_a_number_far_ahead_of_the_citation_order_is_not_a_citation():
    assert cite("trained a ResNet50 on it", highest=3) == "trained a ResNet50 on it"


def test_a_name_with_digits_that_recurs_is_not_a_citation():
    document = "SpO2 was low; SpO2 was measured"
    assert cite("SpO2 was low", highest=10, document=document) == "SpO2 was low"


# The licence stamp


STAMP = [
    "dominance of CT in clinical papers (80.7%) and a roughly even proportion of LUS (9.9%) and CXR ",
    "",
    " . CC-BY-NC-ND 4.0 International licenseIt is made available under a ",
    "perpetuity. ",
    "",
    " is the author/funder, who has granted medRxiv a license to display the preprint in(which was not "
    "certified by peer review)preprint ",
    "The copyright holder for thisthis version posted November 18, 2020. ; "
    "https://doi.org/10.1101/2020.09.02.20187096doi: medRxiv preprint ",
    "",
    "https://doi.org/10.1101/2020.09.02.20187096",
    "http://creativecommons.org/licenses/by-nc-nd/4.0/",
    "",
    "",
    "imaging (9.5%). By using publication counts as an indirect indicator on scientific response, we ",
]


def test_the_licence_stamp_is_found_whole_and_read():
    lines = split_lines("\n".join(STAMP))
    stamp = find_stamp(lines)
    assert stamp.lines == [3, 4, 6, 7, 9, 10]
    assert str(stamp.version_date) == "2020-11-18"
    assert stamp.licence == "CC BY-NC-ND 4.0"
    assert stamp.licence_url == "https://creativecommons.org/licenses/by-nc-nd/4.0/"
    assert stamp.doi == "10.1101/2020.09.02.20187096"
    assert stamp.server == "medRxiv"


def test_removing_the_stamp_rejoins_the_paragraph_it_interrupted():
    lines = [
        line
        for line in split_lines("\n".join(STAMP))
        if line.number not in find_stamp(split_lines("\n".join(STAMP))).lines
    ]
    text = paragraphs("\n".join(line.raw for line in lines))[0]
    assert "and CXR imaging (9.5%). By using" in text
    assert "perpetuity" not in text and "license" not in text and "doi.org" not in text


def test_a_text_without_a_stamp_has_none():
    stamp = find_stamp(split_lines(wrapped("Plain text about the copyright of images.", "More text.")))
    assert stamp.lines == [] and stamp.version_date is None


def test_sentences_do_not_split_after_abbreviations():
    text = "The rate was higher (4.1 vs. 2.2, p<0.05). Data came from e.g. China. Next one."
    assert sentences(text) == ["The rate was higher (4.1 vs. 2.2, p<0.05).", "Data came from e.g. China.", "Next one."]
