"""The review parser: on the real seed, and on small hand-made documents for each trap."""

import re
from collections import Counter
from decimal import Decimal

import pytest

from reviews import models
from reviews.key_figures import FINDING_CATEGORIES
from reviews.parsers import ASPECTS, MODALITIES, TASKS, ParseError, parse_review, run_in_heading
from reviews.pdf_text import CITATION
from tests.seeds import REVIEW_SEED, read_seed, read_side_file


def citation_numbers(text):
    """Every citation number in cleaned text ("[1, 2]"), in order."""
    return [int(n) for group in CITATION.findall(text) for n in group.split(", ")]


# The real seed --------------------------------------------------------------------------------------


def test_the_metadata_comes_from_the_side_file_and_agrees_with_the_stamp(parsed):
    meta = parsed.metadata
    assert meta.title == "On the Role of Artificial Intelligence in Medical Imaging of COVID-19"
    assert [a.family for a in meta.authors][:3] == ["Born", "Beymer", "Rajan"]
    assert len(meta.authors) == 15 and meta.authors[-1].family == "Rosen-Zvi"
    assert (meta.doi, meta.server, str(meta.version_date), meta.licence) == (
        "10.1101/2020.09.02.20187096",
        "medRxiv",
        "2020-11-18",
        "CC BY-NC-ND 4.0",
    )
    assert (parsed.stamp.doi, str(parsed.stamp.version_date), parsed.stamp.licence) == (
        meta.doi,
        "2020-11-18",
        "CC BY-NC-ND 4.0",
    )
    assert "later version" in meta.sources["authors"]


def test_the_abstract_has_its_five_labelled_parts(parsed):
    abstract = [s for s in parsed.sections if s.part == "abstract"]
    assert [s.heading for s in abstract] == ["Purpose", "Methods", "Results", "Conclusions", "Clinical implications"]
    assert abstract[2].text.startswith("In the first three quarters of 2020, we identified 3444 papers")
    assert abstract[2].text.endswith("most AI papers focused on disease detection (72.8%).")


def test_the_body_has_its_sections_subsections_and_run_in_headings(parsed):
    body = [(s.level, s.heading) for s in parsed.sections if s.part == "body"]
    assert body == [
        (1, "Introduction"),
        (1, "Methods"),
        (1, "Results"),
        (2, "Progress in AI for Medical Imaging"),
        (2, "Publication Keyword Search"),
        (3, "Preprint vs peer-reviewed papers"),
        (2, "Meta-analysis"),
        (3, "Disparity between Clinical and AI Communities"),
        (3, "Most AI Solutions for COVID-19 have Low Maturity"),
        (3, "Overuse of Small Incomprehensive Public Datasets"),
        (3, "Diagnosis"),
        (3, "Severity Assessment"),
        (3, "Prognosis"),
        (3, "Segmentation"),
        (1, "Discussion"),
    ]


def section(parsed, heading):
    return next(s for s in parsed.sections if s.heading == heading and s.part == "body")


def test_a_run_in_heading_leaves_its_paragraph_without_it(parsed):
    assert section(parsed, "Diagnosis").text.startswith("73% of the papers focused on COVID-19 detection")
    assert section(parsed, "Severity Assessment").text.startswith("Early in the pandemic, chest CT")


def test_wrapped_lines_are_joined_and_hyphenated_words_undone(parsed):
    methods = section(parsed, "Methods").text
    assert "the identification of 338 papers about AI on lung imaging for COVID-19." in methods
    diagnosis = section(parsed, "Diagnosis").text
    assert "Here, non-imaging assessments like anamnesis" in diagnosis
    assert "from >2000 COVID-19 patients" in diagnosis
    assert "provide high-quality reproducible results" in section(parsed, "Discussion").text
    assert "\n" not in diagnosis  # one paragraph


def test_paragraphs_are_kept_apart(parsed):
    assert section(parsed, "Methods").text.count("\n\n") == 1
    assert section(parsed, "Segmentation").text.count("\n\n") == 1


def test_no_section_holds_the_licence_footer(parsed):
    text = "\n".join(s.text for s in parsed.sections)
    for footer in ("CC-BY", "International license", "perpetuity", "author/funder", "copyright holder",
                   "medRxiv preprint", "doi.org", "creativecommons", "version posted"):  # fmt: skip
        assert footer not in text
    assert "a roughly even proportion of LUS (9.9%) and CXR imaging (9.5%)." in text


def test_no_section_holds_citation_digits_glued_to_a_word(parsed):
    text = "\n".join(s.text for s in parsed.sections)
    assert re.findall(r"[A-Za-z]{2,}\d", text) == []
    assert re.findall(r"COVID-19\d", text) == []
    assert "management of COVID-19 [1, 2]." in text
    assert "the diagnosis of COVID-19 [34]." in text
    assert "probability of disease [3, 4]." in text
    assert "see e.g. [10, 11] and references therein" in text
    assert "Only 13 highly mature studies were identified [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]." in text
    assert "uncertainty in annotations [46]." in text and "the literature [56, 57, 58]." in text


def test_real_numbers_survive_in_the_text(parsed):
    text = "\n".join(s.text for s in parsed.sections)
    for number in ("3444 papers", "80.7%", "Q1-Q3 2020", "2017-2019", "3,777 patients", "p<1e-9", "1–3 weeks"):
        assert number in text


def test_every_reference_from_1_to_64_is_cited_and_nothing_else(parsed):
    cited = citation_numbers("\n".join(s.text for s in parsed.sections))
    assert set(cited) == set(range(1, 65))


def test_table_1_gives_13_papers_with_their_first_authors_and_references(parsed):
    assert [p.first_author for p in parsed.papers] == [
        "Mei", "Ouyang", "Wang", "Bai", "Ni", "Lessmann", "Harmon", "Zhang", "Anastasopoulos", "Zhang", "Zhou",
        "Blain", "Zhang",
    ]  # fmt: skip
    assert [p.reference for p in parsed.papers] == list(range(15, 28))


def test_table_1_tasks_modalities_and_maturity(parsed):
    assert Counter(p.task for p in parsed.papers) == {"diagnosis": 8, "severity-assessment": 4, "prognosis": 1}
    assert Counter(p.modality for p in parsed.papers) == {"ct": 11, "cxr": 2}
    assert {p.maturity for p in parsed.papers} == {"high"}


def test_table_1_titles_wrapped_over_lines_are_whole(parsed):
    titles = {p.reference: p.title for p in parsed.papers}
    assert titles[15] == "Artificial intelligence–enabled rapid diagnosis of patients with COVID-19"
    assert titles[23] == (
        "Development and clinical implementation of tailored image analysis tools for COVID-19 in the midst "
        "of the pandemic: The synergetic effect of an open, clinically embedded software development platform "
        "and machine learning"
    )
    assert (
        titles[26] == "Determination of disease severity in COVID-19 patients using deep learning in chest X-ray images"
    )


def test_table_2_is_rebuilt_with_modalities_as_columns(parsed):
    cells = {}
    for item in parsed.comparison:
        cells.setdefault((item.aspect, item.modality), []).append(item.text)
    assert set(cells) == {(a, m) for a in ("benefit", "drawback", "clinical-role") for m in ("ct", "cxr", "lus")}
    assert cells["benefit", "lus"] == ["Mobile, radiation-free, broadly available"]
    assert cells["drawback", "ct"] == [
        "Patient transportation", "Low availability", "Radiation dose", "Increased workload for disinfection",
    ]  # fmt: skip
    assert (
        cells["clinical-role", "ct"][1] == "Rule out additional etiologies of symptoms (effusions, bacterial pneumonia)"
    )
    assert cells["clinical-role", "lus"] == ["Triage", "Point-of-care monitoring for specific tasks"]


def test_the_prisma_flow_has_its_counts_in_order_with_kinds(parsed):
    stages = [(s.count, s.kind) for s in parsed.prisma]
    assert stages == [
        (556, "identified"),
        (407, "identified"),
        (574, "deduplicated"),
        (194, "excluded"),
        (380, "screened"),
        (42, "excluded"),
        (338, "included"),
    ]
    assert parsed.prisma[0].query == "AI + COVID-19 + Medical Imaging"
    assert parsed.prisma[1].query == "AI + COVID-19 + Lung + Modality"
    assert parsed.prisma[1].label == "Records with Modality (X-ray, CT, US)"
    assert [s.reason for s in parsed.prisma if s.kind == "excluded"] == ["Title", "Content"]


def test_the_prisma_arithmetic_holds(parsed):
    count = {s.count: s for s in parsed.prisma}
    assert count[574].count <= count[556].count + count[407].count
    assert count[574].count - count[194].count == count[380].count
    assert count[380].count - count[42].count == count[338].count


def findings(parsed):
    return {f.key: f for f in parsed.findings}


def test_the_modality_shares_in_clinical_and_ai_papers(parsed):
    found = findings(parsed)
    clinical = {f.label: f.value for f in parsed.findings if f.category == "modality-clinical"}
    ai = {f.label: f.value for f in parsed.findings if f.category == "modality-ai"}
    assert clinical == {"CT": Decimal("80.7"), "LUS": Decimal("9.9"), "CXR": Decimal("9.5")}
    assert ai == {"CXR": Decimal("51.2"), "CT": Decimal("36.1"), "LUS": Decimal("1.8"), "Multimodal": Decimal("11")}
    assert found["clinical-ct"].unit == "%" and "2039" in found["clinical-ct"].population
    assert found["clinical-ct"].quote.startswith("2039 of 3444 were specific to imaging modalities")


def test_the_other_key_figures(parsed):
    values = {key: f.value for key, f in findings(parsed).items()}
    expected = {
        "papers-mi-covid": 3444, "papers-mi-covid-ai": 556, "papers-mi-covid-modality": 2039,
        "papers-ai-mi-2019": 2563, "papers-ai-mi-2020": 3597, "included-papers": 338,
        "task-diagnosis": Decimal("72.8"), "task-segmentation": 8, "task-segmentation-papers": 27,
        "task-prognosis": 4, "task-prognosis-papers": 15, "severity-cxr": 4, "severity-ct": 20, "severity-lus": 1,
        "maturity-high": Decimal("3.8"), "maturity-high-papers": 13, "mature-diagnosis-papers": 8,
        "data-proprietary": 28, "data-public": 67, "data-china": 51, "data-usa": 13, "data-italy": 12,
        "data-countries": 23, "author-countries": 44, "author-continents": 6,
        "citation-rate-high": Decimal("4.1"), "citation-rate-low": Decimal("2.2"),
    }  # fmt: skip
    assert {key: values[key] for key in expected} == expected


def test_derived_figures_say_how_they_were_computed(parsed):
    found = findings(parsed)
    assert found["task-severity-assessment"].value == Decimal("7.4")
    assert found["task-severity-assessment"].is_derived
    assert found["task-severity-assessment"].note.startswith("computed: (4 + 20 + 1) / 338")
    assert found["maturity-other"].value == Decimal("96.2") and found["maturity-other"].is_derived
    assert not found["clinical-ct"].is_derived


def test_the_parser_vocabularies_are_the_models_choices():
    assert set(TASKS.values()) <= set(models.Task.values)
    assert set(MODALITIES.values()) <= set(models.Modality.values)
    assert set(ASPECTS.values()) == set(models.Aspect.values)
    assert set(FINDING_CATEGORIES) == set(models.FindingCategory.values)


# Small documents of the same kind -------------------------------------------------------------------

META = {"title": "A Small Review of Lung Imaging", "authors": [{"family": "Doe", "given": "Jane"}]}
FILLER = "and the sentence goes on to the right margin of the page, as wrapped body text in a PDF does"


def wrapped(*lines):
    return "\n\n".join(lines) + "\n"


def document(body=(), back=()):
    return wrapped(
        " Abstract ",
        "Purpose ",
        f"We reviewed imaging papers {FILLER}.",
        "Introduction ",
        f"Imaging of the lung1 is common {FILLER} and the review lists papers in Table 1 (see Figure 1).",
        *body,
        " List of Tables ",
        *back,
    )


TABLE_1 = [
    "Table 1.  Mature papers, 2021.  These 2 papers were ranked with a maturity level of “medium” here.",
    "Paper Title First Author Task Modality",
    "A study of lungs",
    "on CT",
    "Alpha1 Diagnosis CT",
    "Another study of",
    "lung ultrasound",
    "Beta2 Severity",
    "Assessment",
    "LUS",
]
PRISMA = [
    " Fig. 1. PRISMA flow of the study.",
    "120 Records",
    "AI + Lung",
    "100 Records after",
    "removing duplicates",
    "30 Records excluded",
    "based on Title",
    "70 Records included in the review",
]


def parse(text, mapping=None, meta=META):
    return parse_review(text, meta=meta, mapping=mapping)


def test_another_document_of_the_same_kind_parses_with_no_code_change():
    stamp = [
        f"Imaging is common {FILLER} ",
        " . CC-BY 4.0 International licenseIt is made available under a ",
        "perpetuity. ",
        " is the author/funder, who has granted bioRxiv a license to display the preprint in(which was not "
        "certified by peer review)preprint ",
        "The copyright holder for thisthis version posted January 5, 2021. ; "
        "https://doi.org/10.1101/2021.01.01.425000doi: bioRxiv preprint ",
        "https://doi.org/10.1101/2021.01.01.425000",
        "http://creativecommons.org/licenses/by/4.0/",
        "and continues after the stamp2.",
    ]
    review = parse(document(stamp, [*TABLE_1, *PRISMA]))
    assert (str(review.metadata.version_date), review.metadata.licence, review.metadata.doi) == (
        "2021-01-05",
        "CC BY 4.0",
        "10.1101/2021.01.01.425000",
    )
    assert review.metadata.server == "bioRxiv" and review.metadata.slug == "a-small-review-of-lung-imaging"
    intro = next(s for s in review.sections if s.heading == "Introduction").text
    assert "the stamp [2]." in intro and "license" not in intro and "Imaging of the lung [1] is" in intro
    assert [(p.first_author, p.reference, p.task, p.modality, p.maturity) for p in review.papers] == [
        ("Alpha", 1, "diagnosis", "ct", "medium"),
        ("Beta", 2, "severity-assessment", "lus", "medium"),
    ]
    assert [p.title for p in review.papers] == ["A study of lungs on CT", "Another study of lung ultrasound"]
    assert [(s.count, s.kind) for s in review.prisma] == [
        (120, "identified"),
        (100, "deduplicated"),
        (30, "excluded"),
        (70, "included"),
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Diagnosis: 73% of the papers focused on detection.",
            ("Diagnosis", "73% of the papers focused on detection."),
        ),
        (
            "Severity Assessment: Early in the pandemic, CT was used.",
            ("Severity Assessment", "Early in the pandemic, CT was used."),
        ),
        (
            "Preprint vs peer-reviewed papers: To compare the impact",
            ("Preprint vs peer-reviewed papers", "To compare the impact"),
        ),
        (
            "Most AI Solutions for COVID-19 have Low Maturity: The maturity",
            ("Most AI Solutions for COVID-19 have Low Maturity", "The maturity"),
        ),
        ("For example: the papers were", None),  # what follows the colon is not a new sentence
        ("We used three criteria, namely: size, peer review and use.", None),
        ("Results (see Table 1): The first", None),
    ],
)
def test_a_run_in_heading_opens_its_paragraph(paragraph, expected):
    assert run_in_heading(paragraph) == expected


def test_the_metadata_file_must_agree_with_the_stamp():
    text = document([f"Text {FILLER} this version posted January 5, 2021. CC-BY 4.0 International license"])
    with pytest.raises(
        ParseError, match=r"stamp \(line \d+ of the text\) gives version_date 2021-01-05, this file"
    ) as caught:
        parse(text, meta={**META, "version_date": "2020-11-18"})
    assert caught.value.file == "metadata"


def test_a_text_without_an_abstract_heading_is_not_a_preprint():
    with pytest.raises(ParseError, match="expected the text of a preprint beginning with its 'Abstract' heading"):
        parse("logoAiPathly\n\nChief AI Officer\n\nOverview\n")


def test_metadata_without_authors_is_refused():
    with pytest.raises(ParseError, match="expected 'authors'") as caught:
        parse(document(), meta={"title": "x"})
    assert caught.value.file == "metadata"


def test_a_table_row_without_its_author_line_is_a_truncated_file():
    with pytest.raises(ParseError, match="has no first-author line") as caught:
        parse(document(back=[*TABLE_1[:-4], *PRISMA]))
    assert caught.value.record == "Table 1"


def test_a_caption_announcing_more_papers_than_the_table_holds_is_an_error():
    with pytest.raises(ParseError, match="announces 3 papers, the table holds 2"):
        parse(document(back=[TABLE_1[0].replace("These 2", "These 3"), *TABLE_1[1:], *PRISMA]))


def test_a_row_without_a_known_task_and_modality_names_the_line():
    with pytest.raises(ParseError, match="expected a task .* found 'Guessing MRI") as caught:
        parse(document(back=[*TABLE_1[:4], "Alpha1 Guessing MRI", *PRISMA]))
    assert caught.value.line is not None


def test_a_body_citing_a_table_the_file_lacks_was_cut_short():
    with pytest.raises(ParseError, match="refers to table 1, but the file holds no table 1"):
        parse(document(back=PRISMA))


TABLE_2 = [
    " Table 2.  Differences between the imaging modalities.",
    "CT",
    " ",
    "LUS",
    " ",
    "Benefit",
    "Accurate",
    " ",
    "Portable",
    "Drawback",
    "Radiation dose Operator",
    "dependent",
]


def test_a_comparison_row_with_one_statement_per_column_needs_no_reading():
    text = document(["It compares modalities in Table 2."], [*TABLE_1, *TABLE_2[:9], *PRISMA])
    review = parse(text)
    assert [(c.aspect, c.modality, c.text) for c in review.comparison] == [
        ("benefit", "ct", "Accurate"),
        ("benefit", "lus", "Portable"),
    ]


def test_a_run_together_comparison_row_needs_a_reading_and_says_so():
    text = document(["It compares modalities in Table 2."], [*TABLE_1, *TABLE_2, *PRISMA])
    with pytest.raises(ParseError, match="row 'Drawback' holds 1 statements for 2 columns .* mapping file"):
        parse(text)


def test_the_reading_of_a_comparison_row_assigns_its_statements_to_columns():
    text = document(["It compares modalities in Table 2."], [*TABLE_1, *TABLE_2, *PRISMA])
    reading = {"table_2": {"rows": {"Drawback": {"CT": ["Radiation dose"], "LUS": ["Operator dependent"]}}}}
    review = parse(text, mapping=reading)
    assert [(c.aspect, c.modality, c.text) for c in review.comparison if c.aspect == "drawback"] == [
        ("drawback", "ct", "Radiation dose"),
        ("drawback", "lus", "Operator dependent"),
    ]


def test_a_reading_that_does_not_match_the_text_is_refused():
    text = document(["It compares modalities in Table 2."], [*TABLE_1, *TABLE_2, *PRISMA])
    reading = {"table_2": {"rows": {"Drawback": {"CT": ["Radiation"], "LUS": ["Operator dependent"]}}}}
    with pytest.raises(ParseError, match="the reading does not match Table 2") as caught:
        parse(text, mapping=reading)
    assert caught.value.file == "mapping"


def test_prisma_counts_that_do_not_add_up_are_an_error():
    broken = [line.replace("70 Records", "75 Records") for line in PRISMA]
    with pytest.raises(ParseError, match="PRISMA counts do not add up"):
        parse(document(back=[*TABLE_1, *broken]))


def test_more_records_after_de_duplication_than_identified_is_an_error():
    broken = [line.replace("100 Records", "130 Records") for line in PRISMA]
    with pytest.raises(ParseError, match="130 records after removing duplicates is more than the 120 identified"):
        parse(document(back=[*TABLE_1, *broken]))


# Key figures from a reading


SHARES = [
    f"Results {FILLER}.",
    "Results",
    "Of the 200 papers, most (70.5%) focused on CT (20% on LUS and 9.5% on CXR), and 10 on other scans.",
    "The AI papers favoured CXR (60%), with 9% on CXR in 2019 and 30% on CT.",
]


def figures(groups):
    return {f.key: f for f in parse(document(SHARES, [*TABLE_1, *PRISMA]), mapping={"findings": groups}).findings}


def test_general_patterns_tie_each_share_to_its_term():
    found = figures(
        [
            {
                "category": "modality-clinical",
                "sentence": "Of the 200 papers",
                "population": "the 200 papers",
                "figures": [{"key": k, "label": k.upper(), "term": k.upper()} for k in ("ct", "lus", "cxr")],
            }
        ]
    )
    assert {k: f.value for k, f in found.items()} == {"ct": Decimal("70.5"), "lus": 20, "cxr": Decimal("9.5")}
    assert found["ct"].population == "the 200 papers" and found["ct"].quote.startswith("Of the 200 papers")


def test_a_count_and_a_template_are_read_too():
    found = figures(
        [
            {
                "category": "counts",
                "unit": "papers",
                "sentence": "Of the 200 papers",
                "figures": [{"key": "all", "term": "papers"}, {"key": "t", "text": "Of the {value} papers"}],
            }
        ]
    )
    assert (found["all"].value, found["t"].value, found["all"].unit) == (200, 200, "papers")


def test_a_term_tied_to_two_numbers_is_an_error_not_a_guess():
    with pytest.raises(ParseError, match="expected one percentage for 'CXR'.* found 60, 9"):
        figures([{"category": "modality-ai", "sentence": "favoured", "figures": [{"key": "cxr", "term": "CXR"}]}])


def test_a_sentence_the_text_does_not_hold_is_an_error():
    with pytest.raises(ParseError, match="expected one sentence containing 'nowhere'") as caught:
        figures([{"category": "counts", "sentence": "nowhere", "figures": [{"key": "x", "term": "papers"}]}])
    assert caught.value.file == "mapping"


def test_an_unknown_category_is_an_error():
    with pytest.raises(ParseError, match="expected a category among"):
        figures([{"category": "vibes", "sentence": "Of the 200", "figures": [{"key": "x", "term": "CT"}]}])


def test_the_seed_mapping_is_checked_against_the_seed():
    mapping = read_side_file(REVIEW_SEED, "mapping")
    mapping["table_2"]["rows"]["Benefit"]["CT"] = ["High sensitivity"]
    with pytest.raises(ParseError, match="the reading does not match Table 2"):
        parse_review(read_seed(REVIEW_SEED), meta=read_side_file(REVIEW_SEED, "meta"), mapping=mapping)
