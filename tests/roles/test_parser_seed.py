"""The parser on the real seed: an AiPathly page about the Chief AI Officer and four related careers."""

from decimal import Decimal

from roles.parsers import ItemList, Paragraph, block_texts, role_text

CAIO_SECTIONS = [
    "Overview",
    "Core Responsibilities",
    "Requirements",
    "Career Development",
    "Market Demand",
    "Salary Ranges (US Market, 2024)",
    "Industry Trends and Insights",
    "Essential Soft Skills",
    "Best Practices",
    "Common Challenges",
]


def items_of(blocks):
    for block in blocks:
        if isinstance(block, ItemList):
            for item in block.items:
                yield item
                yield from items_of(item.children)


def all_items(section):
    yield from items_of(section.blocks)
    for sub in section.subsections:
        yield from items_of(sub.blocks)


def section(role, heading):
    return next(s for s in role.sections if s.heading == heading)


def test_it_finds_five_roles_the_main_one_first(page):
    assert [role.title for role in page.roles] == [
        "Chief AI Officer",
        "AI Training Specialist",
        "AI/ML DevOps Engineer",
        "AI/ML Developer",
        "AI/ML Engineer",
    ]
    assert page.main.is_main and not any(role.is_main for role in page.roles[1:])


def test_the_main_roles_sections_come_in_page_order(page):
    assert [s.heading for s in page.main.sections] == CAIO_SECTIONS
    kinds = [s.kind for s in page.main.sections]
    assert kinds == [
        "overview",
        "responsibilities",
        "requirements",
        "career",
        "market",
        "salary",
        "trends",
        "soft_skills",
        "best_practices",
        "challenges",
    ]


def test_sub_headings_are_not_taken_for_sections(page):
    overview = section(page.main, "Overview")
    assert [sub.heading for sub in overview.subsections] == [
        "Strategic Leadership",
        "Technical and Business Integration",
        "Ethical Governance and Risk Management",
        "Organizational Structure and Skills",
    ]
    # A sub-heading followed by a paragraph rather than bullets stays a sub-heading.
    career = section(page.main, "Career Development")
    background = next(sub for sub in career.subsections if sub.heading == "Educational Background")
    assert len(background.blocks) == 1 and isinstance(background.blocks[0], Paragraph)
    assert background.blocks[0].text.startswith("While a bachelor's degree is typically essential")
    # Each section opens with its intro paragraph.
    assert section(page.main, "Requirements").blocks == [
        Paragraph(
            "The role of a Chief AI Officer (CAIO) demands a unique blend of skills and expertise. "
            "Key requirements include:"
        )
    ]


def test_the_section_whose_heading_is_missing_is_detected_and_marked_inferred(page):
    inferred = [s for s in page.main.sections if s.is_heading_inferred]
    assert len(inferred) == 1
    trends = inferred[0]
    assert trends.heading == "Industry Trends and Insights"
    assert trends.blocks[0].text.startswith("The role of the Chief AI Officer (CAIO) is gaining significant traction")
    assert [sub.heading for sub in trends.subsections][:3] == [
        "Increasing Adoption and Growth",
        "Sector Distribution",
        "Industry Focus",
    ]
    # The salary section ends where the headless one begins.
    salary = section(page.main, "Salary Ranges (US Market, 2024)")
    assert salary.subsections[-1].heading == "Broader Salary Estimates"


def test_closing_paragraphs_glued_onto_the_last_bullet_are_split_off(page):
    overview = section(page.main, "Overview")
    last = overview.subsections[-1].blocks[-1].items[-1]
    assert last.text == (
        "Requires a unique blend of technical expertise, strategic vision, leadership skills, and ethical insight"
    )
    assert overview.closing[0].text.startswith("The CAIO plays a pivotal role in modern organizations")
    salary = section(page.main, "Salary Ranges (US Market, 2024)")
    assert salary.subsections[-1].blocks[-1].items[-1].text == "$154,285 to $287,999 per year"
    assert salary.closing[0].text.startswith("This broader range may account for variations")
    assert salary.closing[0].text.endswith("potentially influencing salary trends in the coming years.")
    trends = section(page.main, "Industry Trends and Insights")
    assert trends.subsections[-1].blocks[-1].items[-1].text == (
        "CAIOs must be adaptable and forward-thinking in their approach to ensure ethical and compliant use "
        "of AI technologies."
    )
    assert trends.closing[0].text.startswith("The emergence of the CAIO reflects")
    career = section(page.main, "Career Development")
    assert career.closing[0].text.startswith("By focusing on these areas of development")
    assert "Remember that the journey" in career.closing[0].text  # the whole paragraph, not just a sentence


def test_every_section_of_the_main_role_has_its_closing_paragraph_and_no_item_keeps_one(page):
    for s in page.main.sections:
        assert len(s.closing) == 1, s.heading
        assert not any(s.closing[0].text[:40] in item.text for item in all_items(s)), s.heading


def test_numbered_items_nest_their_bullets(page):
    salary = section(page.main, "Salary Ranges (US Market, 2024)")
    breakdown = next(sub for sub in salary.subsections if sub.heading == "Breakdown of Compensation")
    numbered = breakdown.blocks[0]
    assert numbered.is_ordered and [item.text for item in numbered.items] == [
        "Base Pay:",
        "Additional Compensation (including bonuses and equity):",
    ]
    assert numbered.items[0].children[0].items[0].text == "Range: $128,000 to $240,000 per year"
    assert not numbered.items[0].children[0].is_ordered
    skills = section(page.main, "Career Development").subsections[0]
    assert skills.blocks[0].is_ordered and len(skills.blocks[0].items) == 6


def test_no_noise_line_appears_anywhere(page, seed_text):
    assert "logoAiPathly" in seed_text and "first image" in seed_text  # the traps are there
    for role in page.roles:
        text = role_text(role)
        for noise in ("logoAiPathly", "first image", "second image"):
            assert noise not in text, (role.title, noise)


def test_all_eight_salary_figures_are_numbers_with_label_market_and_year(page):
    ranges = page.main.salary_ranges
    assert [(r.kind, r.minimum, r.maximum) for r in ranges] == [
        ("total", 376_427, 380_486),
        ("base", 128_000, 240_000),
        ("additional", 156_969, 293_008),
        ("estimate", 154_285, 287_999),
    ]
    assert [r.label for r in ranges] == [
        "Average total compensation",
        "Base Pay",
        "Additional Compensation",
        "Broader Salary Estimates",
    ]
    assert ranges[2].note == "including bonuses and equity"
    assert {(r.currency, r.period, r.market, r.year) for r in ranges} == {("USD", "year", "US", 2024)}
    assert all(isinstance(figure, int) for r in ranges for figure in (r.minimum, r.maximum))
    assert all(role.salary_ranges == [] for role in page.roles[1:])


def test_market_statistics_carry_what_they_count(page):
    stats = [(s.value, s.unit, s.year) for s in page.main.statistics]
    assert stats == [
        ("11", "percent", 2023),
        ("21", "percent", None),
        ("70", "percent", None),  # its surveyed population (35,000 companies) is not a statistic of its own
        ("63", "percent", None),
        ("33", "percent", None),
        ("4", "percent", None),
        ("6", "years", None),
        ("1000000", "usd", None),
    ]
    growth = page.main.statistics[2]
    assert growth.population == "a study of nearly 35,000 US companies" and growth.qualifier == ""
    assert [(s.qualifier, s.population) for s in page.main.statistics if s.qualifier] == [("over", "")]
    first = page.main.statistics[0]
    assert first.label == "As of 2023, 11% of midsize to large companies have appointed a CAIO"
    assert first.group == "Adoption and Growth"
    assert page.main.statistics[4].group == "Sector Distribution"
    assert Decimal(page.main.statistics[-1].value) == 1_000_000
    assert "median tenure of 6 years" in page.main.statistics[6].label


def test_industries_come_with_their_example_companies(page):
    assert [(i.name, i.companies) for i in page.main.industries] == [
        ("Technology and software companies", ["Microsoft", "Dell Technologies"]),  # the source's full name
        ("Financial services", ["Mastercard", "FIS"]),
        ("Healthcare", ["PATH", "UnitedHealth Group"]),
        ("Energy", ["NRG Energy", "Entergy"]),
    ]


def test_skills_are_short_names_with_a_kind(page):
    caio = {s.name: s.kind for s in page.main.skills}
    assert caio["Communication"] == "soft"
    assert caio["Change Management"] == "soft"  # stated by the page's soft-skills section
    assert caio["Technical Proficiency"] == "technical"
    assert caio["Project Management"] == "business"
    assert caio["Strategic Vision"] == "business"
    assert all(len(name.split()) <= 5 for role in page.roles for name in (s.name for s in role.skills))
    by_role = {role.title: {s.name for s in role.skills} for role in page.roles}
    for title in ("AI Training Specialist", "AI/ML DevOps Engineer", "AI/ML Developer", "AI/ML Engineer"):
        assert "Python" in by_role[title], title
    assert {"Docker", "Kubernetes", "AWS", "Azure", "Google Cloud", "CI/CD"} <= by_role["AI/ML DevOps Engineer"]
    assert {"TensorFlow", "PyTorch", "scikit-learn", "SQL", "Hadoop", "Spark", "C++"} <= by_role["AI/ML Developer"]
    assert {"Communication", "Attention to Detail", "Problem-Solving"} <= by_role["AI/ML Engineer"]
    assert {"Communication", "Attention to Detail", "Ethical Judgment"} <= by_role["AI Training Specialist"]


def test_the_short_name_comes_from_the_acronym_the_page_gives(page):
    assert page.main.short_name == "CAIO"
    assert [role.short_name for role in page.roles[1:]] == ["", "", "", ""]


def test_the_summary_is_the_first_sentence(page):
    assert page.main.summary == (
        "The role of a Chief AI Officer (CAIO) has emerged as a critical executive position in response to the "
        "increasing importance of artificial intelligence (AI) in business strategy and operations."
    )
    assert page.roles[1].summary.startswith("An AI Training Specialist, also known as an AI Trainer")


def test_related_roles_link_to_the_main_role_and_back(page):
    assert page.main.related == [role.title for role in page.roles[1:]]
    assert all(role.related == ["Chief AI Officer"] for role in page.roles[1:])


def test_flattened_markdown_becomes_headings_lists_and_paragraphs(page):
    specialist, devops, developer, engineer = page.roles[1:]
    assert [s.heading for s in specialist.sections] == [
        "Key Responsibilities",
        "Required Skills",
        "Education and Experience",
        "Work Environment",
    ]
    assert specialist.intro[0].text.startswith("An AI Training Specialist, also known as an AI Trainer")
    first = specialist.sections[0].blocks[0]
    assert not first.is_ordered and first.items[0].text.startswith("Data Curation and Management: Curate")
    assert [s.heading for s in devops.sections] == [
        "Key Aspects of AI/ML in DevOps",
        "Required Skills",
        "Challenges and Strategies",
        "Future Trends",
    ]
    aspects = devops.sections[0].blocks[0]
    assert aspects.is_ordered and [item.text for item in aspects.items] == [
        "**Automation and Efficiency**:",
        "**Monitoring and Optimization**:",
        "**Data-Driven Decision Making**:",
    ]
    assert [len(item.children[0].items) for item in aspects.items] == [3, 3, 3]
    assert [s.heading for s in developer.sections] == [
        "AI Developers",
        "AI Engineers",
        "Essential Skills",
        "Collaboration and Teamwork",
        "Deployment and Maintenance",
    ]
    assert developer.sections[0].blocks[0].text.startswith("AI Developers focus on designing")
    assert developer.sections[2].blocks[0].text == (
        "Both AI Developers and Engineers require a robust skill set, including:"
    )
    assert developer.sections[3].blocks == [
        Paragraph(
            "AI professionals often work in interdisciplinary teams, collaborating with data scientists, software "
            "engineers, and other specialists. They participate in strategy meetings, project planning, and "
            "post-project reviews."
        )
    ]
    assert [s.heading for s in engineer.sections] == [
        "Responsibilities",
        "Skills and Qualifications",
        "Career Paths and Opportunities",
        "Education and Training",
        "Key Differences from Related Roles",
    ]
    for role in page.roles[1:]:
        assert "###" not in role_text(role)


def test_a_trailing_summary_glued_onto_the_last_item_becomes_the_conclusion(page):
    specialist, devops, developer, engineer = page.roles[1:]
    expected = [
        (specialist, "AI Training Specialists are essential", "and other stakeholders."),
        (devops, "By bridging the gap between AI/ML and DevOps", "all aspects of software development"),
        (developer, "In summary, a career in AI/ML development", "Providing ongoing technical support"),
        (engineer, "In summary, AI/ML Engineers bridge the gap", "to extract insights and make predictions."),
    ]
    for role, conclusion, item_end in expected:
        assert len(role.conclusion) == 1 and role.conclusion[0].text.startswith(conclusion), role.title
        last = role.sections[-1].blocks[-1].items[-1]
        while last.children:
            last = last.children[-1].items[-1]
        assert last.text.endswith(item_end), role.title


def test_bold_stays_emphasis_markup_never_stray_asterisks(page):
    engineer = page.roles[4]
    first = engineer.sections[0].blocks[0].items[0]
    assert first.text.startswith("**Model Development and Deployment**: Design, train, and optimize")
    for role in page.roles:
        for s in role.sections:
            for text in block_texts(s.blocks):
                assert text.count("**") % 2 == 0, text
