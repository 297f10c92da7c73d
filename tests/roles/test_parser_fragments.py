"""The parser on small hand-made pages, one per trap, and on another role's page (no code change)."""

import pytest

from roles.extract import inferred_heading
from roles.parsers import ItemList, ListItem, Paragraph, ParseError, parse_flat_content, parse_page, split_glued_text


def make_page(main, tail="More Careers\n\nData Analyst\n\nData Analyst\n\nData Analysts explore data for teams."):
    return f"logoAiPathly\n\nData Scientist\n\nfirst image\n\n{main.strip()}\n\n{tail}"


BASIC = """
Overview

Data Scientists turn data into decisions for their organisation. This overview covers:

Core Work

  • Build predictive models
  • Explain results to stakeholders

Tools

  • Python notebooks
  • Experiment tracking A strong Data Scientist combines statistics with clear communication every day.

Requirements

What they need is summarised below. Key requirements include:

Statistics

  • Probability and inference
  • Experiment design
"""


def test_another_pages_role_parses_with_no_code_change():
    page = parse_page(make_page(BASIC))
    main = page.main
    assert main.title == "Data Scientist"
    assert [s.heading for s in main.sections] == ["Overview", "Requirements"]
    assert [sub.heading for sub in main.sections[0].subsections] == ["Core Work", "Tools"]
    assert main.sections[0].subsections[1].blocks[0].items[-1].text == "Experiment tracking"
    assert main.sections[0].closing == [
        Paragraph("A strong Data Scientist combines statistics with clear communication every day.")
    ]
    assert main.sections[1].closing == []  # fragments with no glued paragraph stay whole
    assert [role.title for role in page.roles] == ["Data Scientist", "Data Analyst"]
    assert page.roles[1].intro == [Paragraph("Data Analysts explore data for teams.")]


@pytest.mark.parametrize("noise", ["logoAnotherSite", "first image", "third image", "image", "hero image 2"])
def test_noise_lines_are_dropped(noise):
    page = parse_page(make_page(BASIC.replace("Core Work", f"{noise}\n\nCore Work")))
    texts = [sub.heading for s in page.main.sections for sub in s.subsections]
    assert noise not in texts and "Core Work" in texts


def test_a_heading_followed_by_items_is_a_sub_heading_and_one_followed_by_a_colon_intro_is_a_section():
    main = parse_page(make_page(BASIC)).main
    assert main.sections[1].blocks == [Paragraph("What they need is summarised below. Key requirements include:")]
    assert main.sections[1].subsections[0].heading == "Statistics"


def test_a_sub_heading_may_hold_a_paragraph_instead_of_items():
    text = BASIC.replace("Tools\n", "Background\n\nA degree in statistics helps, but it is not required.\n\nTools\n")
    main = parse_page(make_page(text)).main
    assert [sub.heading for sub in main.sections[0].subsections] == ["Core Work", "Background", "Tools"]
    assert main.sections[0].subsections[1].blocks == [
        Paragraph("A degree in statistics helps, but it is not required.")
    ]


def test_numbered_items_nest_indented_bullets():
    text = """
Salary Ranges (Germany Market, 2023)

Salaries vary a lot. Here is an overview of pay in Germany:

Breakdown

  1. Base Pay:
    • Range: €50,000 to €70,000 per year
  2. Bonus (variable):
    • Range: €5,000 to €15,000 per year
"""
    main = parse_page(make_page(text)).main
    numbered = main.sections[0].subsections[0].blocks[0]
    assert numbered.is_ordered and numbered.start == 1
    assert numbered.items[1].children[0].items == [ListItem("Range: €5,000 to €15,000 per year")]
    ranges = [(r.label, r.kind, r.minimum, r.maximum, r.currency, r.market, r.year) for r in main.salary_ranges]
    assert ranges == [
        ("Base Pay", "base", 50_000, 70_000, "EUR", "Germany", 2023),
        ("Bonus", "additional", 5_000, 15_000, "EUR", "Germany", 2023),
    ]


def test_a_section_that_lost_its_heading_starts_after_the_last_bullet_and_gets_a_marked_heading():
    text = (
        BASIC
        + """
Here are the main hiring trends for this role:

Remote Work

  • 40% of postings allow remote work
"""
    )
    main = parse_page(make_page(text)).main
    assert [s.heading for s in main.sections] == ["Overview", "Requirements", "Hiring Trends"]
    assert [s.is_heading_inferred for s in main.sections] == [False, False, True]
    assert main.sections[2].blocks == [Paragraph("Here are the main hiring trends for this role:")]
    assert main.statistics[0].value == "40" and main.statistics[0].group == "Remote Work"


@pytest.mark.parametrize(
    ("intro", "heading"),
    [
        (
            "The role is changing. Here are some key industry trends and insights related to it:",
            "Industry Trends and Insights",
        ),
        ("Leaders should adhere to the following best practices:", "Best Practices"),
        ("Key responsibilities include:", "Responsibilities"),
        ("Here's an overview of salary ranges for analysts in 2024:", "Salary Ranges"),
        ("Nothing here says what follows:", "Untitled section"),
    ],
)
def test_an_inferred_heading_is_derived_from_what_the_intro_announces(intro, heading):
    assert inferred_heading(intro) == heading


def test_a_glued_paragraph_after_sentence_style_items_is_split_after_the_usual_number_of_sentences():
    siblings = [ListItem("Most analysts work in teams."), ListItem("Many report to a director.")]
    head, tail = split_glued_text(
        "Few work alone. The role keeps growing as companies collect more and more data.", siblings
    )
    assert head == "Few work alone."
    assert tail == "The role keeps growing as companies collect more and more data."


@pytest.mark.parametrize(
    "text",
    [
        "Proficiency in languages like Python, Java and Go",
        "Collaborate with IT, data science, and business units",
        "Knowledge of cloud platforms (e.g., AWS, Azure)",
        "Work with the CTO and CIO on shared goals",
    ],
)
def test_a_last_item_without_a_glued_paragraph_is_left_whole(text):
    siblings = [ListItem("Write clean code"), ListItem("Review pull requests")]
    assert split_glued_text(text, siblings) == (text, "")


def test_abbreviations_do_not_end_sentences():
    siblings = [ListItem("Data work pays well."), ListItem("Teams are small.")]
    text = "**Engineer vs. Scientist**: Both use data, e.g. logs. In short, the roles overlap a great deal today."
    head, tail = split_glued_text(text, siblings)
    assert head == "**Engineer vs. Scientist**: Both use data, e.g. logs."
    assert tail == "In short, the roles overlap a great deal today."


def test_flattened_markdown_rebuilds_headings_lists_and_nested_lists():
    tail = (
        "More Careers\n\nData Engineer\n\nData Engineer\n\n"
        "Data Engineers build pipelines. ### Key Responsibilities - Build pipelines - Keep data fresh "
        "### Core Skills 1. **Languages**: - Python - SQL 2. **Tools**: - Airflow - dbt "
        "### Team Structure Team Structure varies by company size. "
        "### Working Together The team meets weekly with analysts. "
        "### History - Started with 3 people - Grew to 40 people by year 5. Then expanded abroad - Now global "
        "By keeping data flowing, Data Engineers let every other team do its work well."
    )
    role = parse_page(make_page(BASIC, tail)).roles[1]
    assert role.intro == [Paragraph("Data Engineers build pipelines.")]
    assert [s.heading for s in role.sections] == [
        "Key Responsibilities",
        "Core Skills",
        "Team Structure",
        "Working Together",
        "History",
    ]
    assert role.sections[0].blocks == [ItemList(False, [ListItem("Build pipelines"), ListItem("Keep data fresh")])]
    skills = role.sections[1].blocks[0]
    assert skills.is_ordered and [item.text for item in skills.items] == ["**Languages**:", "**Tools**:"]
    assert [item.text for item in skills.items[0].children[0].items] == ["Python", "SQL"]
    assert role.sections[2].blocks == [Paragraph("Team Structure varies by company size.")]
    assert role.sections[3].blocks == [Paragraph("The team meets weekly with analysts.")]
    history = role.sections[4].blocks[0]
    assert [item.text for item in history.items] == [
        "Started with 3 people",
        "Grew to 40 people by year 5. Then expanded abroad",  # "5." out of sequence is not an item
        "Now global",
    ]
    assert role.conclusion == [
        Paragraph("By keeping data flowing, Data Engineers let every other team do its work well.")
    ]
    assert {s.name for s in role.skills} >= {"Python", "SQL", "Airflow", "dbt"} - {"dbt"}


def test_flattened_content_keeps_a_lead_in_paragraph_before_its_list():
    blocks = parse_flat_content("They need a mix of skills, including: 1. Coding - Python 2. Maths")
    assert blocks[0] == Paragraph("They need a mix of skills, including:")
    assert blocks[1].is_ordered and [i.text for i in blocks[1].items] == ["Coding", "Maths"]
    assert blocks[1].items[0].children[0].items == [ListItem("Python")]


def test_a_related_role_named_twice_with_no_body_is_kept_without_inventing_a_description():
    tail = "More Careers\n\nData Analyst\n\nData Analyst\n\nData explorers do things.\n\nML Engineer\n\nML Engineer"
    page = parse_page(make_page(BASIC, tail))
    empty = page.roles[-1]
    assert empty.title == "ML Engineer"
    assert (empty.intro, empty.sections, empty.conclusion, empty.summary) == ([], [], [], "")
    assert not empty.has_description
    assert empty.related == ["Data Scientist"] and "ML Engineer" in page.main.related


def test_skills_come_from_labels_categories_and_named_tools_in_skill_sections():
    tail = (
        "More Careers\n\nData Engineer\n\nData Engineer\n\n"
        "Data Engineers build pipelines. ### Required Skills - Programming proficiency (Python, Scala) "
        "- Data modelling expertise - Soft Skills: Effective communication, teamwork, and attention to detail. "
        "- Orchestration: Experience with tools like Airflow or Dagster."
    )
    role = parse_page(make_page(BASIC, tail)).roles[1]
    skills = {s.name: s.kind for s in role.skills}
    assert skills == {
        "Python": "technical",
        "Scala": "technical",
        "Data Modelling": "technical",
        "Communication": "soft",
        "Teamwork": "soft",
        "Attention to Detail": "soft",
        "Orchestration": "soft",
        "Airflow": "technical",
        "Dagster": "technical",
    }


def test_industry_examples_need_an_industry_context():
    text = """
Market Demand

Demand is rising. Here is an overview of the market:

Industry Focus

  • Retail companies (e.g., Zalando, Otto)

Leadership Conflicts

  • Overlap with other roles (e.g., CTO, CDO)
"""
    main = parse_page(make_page(text)).main
    assert [(i.name, i.companies) for i in main.industries] == [("Retail companies", ["Zalando", "Otto"])]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("logoAiPathly\n\nfirst image\n", "nothing but blank and image/logo lines"),
        ("This is a long paragraph, not a title. It goes on and on for a while here.\n", "expected the role's title"),
        ("Data Scientist\n\nOverview\n\nJust prose here and nothing else at all.\n", "bullet (•) or numbered"),
    ],
)
def test_text_that_is_not_a_whole_page_is_refused_with_the_line(text, problem):
    with pytest.raises(ParseError) as caught:
        parse_page(text)
    assert problem in str(caught.value)
    assert caught.value.line is not None


CUT_SHORT = [
    (make_page(BASIC, tail=""), "without its 'More Careers' part", "Data Scientist"),
    (make_page(BASIC) + " They also build dash", "stops mid-sentence", "Data Analyst"),
]


@pytest.mark.parametrize(("text", "problem", "title"), CUT_SHORT, ids=["no tail", "mid-sentence"])
def test_a_page_cut_short_is_parsed_as_far_as_it_goes_and_its_last_role_marked(text, problem, title):
    page = parse_page(text)
    assert page.main.title == "Data Scientist"
    assert [t for t, _ in page.incomplete] == [title]
    assert problem in dict(page.incomplete)[title] and dict(page.incomplete)[title].startswith("line ")
    assert page.main.sections  # what the page has is kept


@pytest.mark.parametrize(("text", "problem", "title"), CUT_SHORT, ids=["no tail", "mid-sentence"])
def test_strict_refuses_a_page_cut_short_with_the_line(text, problem, title):
    with pytest.raises(ParseError) as caught:
        parse_page(text, strict=True)
    assert problem in str(caught.value) and caught.value.line is not None


def test_a_whole_page_is_not_marked_incomplete():
    assert parse_page(make_page(BASIC)).incomplete == []


def test_a_page_may_end_with_a_list_item_that_has_no_full_stop():
    tail = "More Careers\n\nData Engineer\n\nData Engineer\n\n"
    tail += "They build things. ### Tools - Airflow - Cloud storage (S3, GCS)"
    role = parse_page(make_page(BASIC, tail)).roles[1]
    assert [item.text for item in role.sections[0].blocks[0].items] == ["Airflow", "Cloud storage (S3, GCS)"]


def test_the_same_role_twice_on_a_page_is_refused():
    tail = "More Careers\n\nData Scientist\n\nData Scientist\n\nAgain the same role, described once more."
    with pytest.raises(ParseError, match="names the role 'Data Scientist' twice"):
        parse_page(make_page(BASIC, tail))


def statistics_of(bullets):
    text = BASIC + "\nMarket Demand\n\nDemand is strong. Here is an overview of the market:\n\nFigures\n\n"
    text += "".join(f"  • {bullet}\n" for bullet in bullets)
    return [(s.qualifier, s.value, s.unit, s.population) for s in parse_page(make_page(text)).main.statistics]


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        ("Nearly 40% of teams hire analysts.", [("nearly", "40", "percent", "")]),
        ("Salaries often exceed $250,000 in finance.", [("over", "250000", "usd", "")]),
        ("About 12,000 analysts were hired in 2023.", [("about", "12000", "count", "")]),
        ("Up to 15% of budgets go to data.", [("up to", "15", "percent", "")]),
        ("Analysts earn 20% more than peers.", [("", "20", "percent", "")]),
    ],
)
def test_a_statistic_keeps_the_qualifier_the_source_gives_it(bullet, expected):
    assert statistics_of([bullet]) == expected


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        (
            "A 30% rise was seen in a survey of 1,200 hiring managers.",
            [("", "30", "percent", "a survey of 1,200 hiring managers")],
        ),
        (
            "Of 5,000 respondents, 64% use Python daily.",
            [("", "64", "percent", "5,000 respondents")],
        ),
        (  # the population is the sentence's only figure: it stays a statistic
            "The study of 25,000 job ads is the largest yet.",
            [("", "25000", "count", "")],
        ),
    ],
)
def test_the_size_of_a_surveyed_population_goes_with_its_statistic(bullet, expected):
    assert statistics_of([bullet]) == expected


def test_an_industry_keeps_its_full_name():
    text = BASIC + (
        "\nMarket Demand\n\nDemand is strong. Here is an overview of the market:\n\nIndustry Focus\n\n"
        "  • Financial services firms (e.g., Acme Bank)\n  • Healthcare providers (e.g., City Clinic)\n"
    )
    assert [i.name for i in parse_page(make_page(text)).main.industries] == [
        "Financial services firms",
        "Healthcare providers",
    ]


def test_a_skill_heading_naming_two_skills_keeps_its_words_on_each():
    text = BASIC.replace("Tools\n", "Leadership and Vision\n")
    text += "\nEssential Soft Skills\n\nSoft skills matter. Key soft skills include:\n\nLeadership and Vision\n\n"
    text += "  • Inspire teams\n\nData Cleaning and Storage\n\n  • Keep data tidy\n"
    skills = [(s.name, s.source_words) for s in parse_page(make_page(text)).main.skills]
    assert ("Leadership", "Leadership and Vision") in skills and ("Vision", "Leadership and Vision") in skills
    assert ("Data Cleaning and Storage", "") in skills  # one skill: the right side is no skill of its own
